import { describe, expect, it } from 'vitest';
import { replayFrames, traceOf } from './replay-frames';

describe('replay frames', () => {
  it('accumulates each group phase in step order', () => {
    const trace = traceOf({
      trace: [
        { groupId: 'b', phase: 'measuring', step: 4 },
        { groupId: 'a', phase: 'measuring', step: 0 },
        { groupId: 'a', phase: 'frozen', step: 3 },
        { bad: true },
      ],
    });
    const frames = replayFrames(trace);
    expect(frames.map((f) => f.step)).toEqual([0, 3, 4]);
    expect(frames[2].phases).toEqual({ a: 'frozen', b: 'measuring' });
    expect(frames[2].active).toBe('b');
    expect(traceOf(null)).toEqual([]);
  });
});
