import { describe, expect, it } from 'vitest';
import { flushRunEvents, queueRunEvent } from './run-event-batch';
import { useLabStore } from './store';

describe('run event batch', () => {
  it('holds trace and importance events until one flush applies them all', () => {
    useLabStore.getState().startRun('r1');
    queueRunEvent({ type: 'trace', runId: 'r1', groupId: 'conv1', phase: 'measuring', step: 0 });
    queueRunEvent({
      type: 'importance',
      runId: 'r1',
      groupId: 'conv1',
      step: 5,
      scores: [0.5, 0.1, 0.9],
      keptChannels: [0, 2],
    });
    queueRunEvent({ type: 'trace', runId: 'r1', groupId: 'conv1', phase: 'frozen', step: 11 });
    expect(useLabStore.getState().groupPhases).toEqual({});
    expect(useLabStore.getState().groupScores).toEqual({});
    flushRunEvents();
    const state = useLabStore.getState();
    expect(state.groupPhases).toEqual({ conv1: 'frozen' });
    expect([state.scoresRunId, state.groupScores.conv1]).toEqual([
      'r1',
      { step: 5, scores: [0.5, 0.1, 0.9], keptChannels: [0, 2] },
    ]);
    // Nothing left to apply: a second flush changes nothing.
    flushRunEvents();
    expect(useLabStore.getState().groupScores).toBe(state.groupScores);
  });
});
