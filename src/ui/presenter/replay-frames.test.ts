import { describe, expect, it } from 'vitest';
import { replayFrames, type TraceEntry } from './replay-frames';

describe('replay frames', () => {
  it('accumulates each group phase in step order', () => {
    const trace: TraceEntry[] = [
      { groupId: 'b', phase: 'measuring', step: 4 },
      { groupId: 'a', phase: 'measuring', step: 0 },
      { groupId: 'a', phase: 'frozen', step: 3 },
    ];
    const frames = replayFrames(trace);
    expect(frames.map((f) => f.step)).toEqual([0, 3, 4]);
    expect(frames[2].phases).toEqual({ a: 'frozen', b: 'measuring' });
    expect(frames[2].active).toBe('b');
    expect(replayFrames([])).toEqual([]);
  });
});
