import { describe, expect, it } from 'vitest';
import { STORY_STEPS, storyStepAfterKey } from './story-steps';

describe('storyStepAfterKey', () => {
  it('walks the five steps in order with → and space, and back with ←', () => {
    expect(STORY_STEPS.map((s) => s.id)).toEqual([
      'dense',
      'measure',
      'prune',
      'quantize',
      'compare',
    ]);
    expect(storyStepAfterKey(0, 'ArrowRight')).toBe(1);
    expect(storyStepAfterKey(1, ' ')).toBe(2);
    expect(storyStepAfterKey(2, 'ArrowLeft')).toBe(1);
  });

  it('stays inside the story at both ends and ignores other keys', () => {
    expect(storyStepAfterKey(4, 'ArrowRight')).toBe(4);
    expect(storyStepAfterKey(0, 'ArrowLeft')).toBe(0);
    expect(storyStepAfterKey(3, 'Home')).toBe(0);
    expect(storyStepAfterKey(1, 'End')).toBe(4);
    expect(storyStepAfterKey(2, 'a')).toBeNull();
  });
});
