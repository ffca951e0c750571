import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  backendLostError,
  configureLossHandling,
  recoverFromLoss,
  simulateLossOnProgress,
  takeBackendLoss,
} from './backend-loss';
import { excludeBackend, excludedBackends, startBackend } from './backend-startup';
import { session } from './engine-session';
import type { EngineEvent, ProgressEvent } from '../protocol/messages';

function progress(runStep: number): ProgressEvent {
  return {
    type: 'progress',
    runId: 'r',
    phase: 'fine-tune',
    step: runStep,
    totalSteps: 9,
    runStep,
    loss: 1,
    elapsedMs: 0,
    etaMs: null,
  };
}

afterAll(async () => {
  await tf.setBackend('wasm');
});

describe('startBackend', () => {
  it('starts wasm after its gradient check, with no notice for the routine WebGPU skip', async () => {
    const before = tf.memory().numTensors;
    const start = await startBackend('auto');
    expect(start.report.backend).toBe('wasm');
    expect(start.notice).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('skips an excluded backend and says why it runs on the next one', async () => {
    excludeBackend('wasm', 'Test exclusion.');
    const start = await startBackend('wasm');
    expect(start.report.backend).toBe('cpu');
    expect(start.report.reasonsForSkipped.wasm).toBe('Test exclusion.');
    expect(start.notice).toBe(
      'The engine runs on cpu because wasm: Test exclusion; webgl: The webgl backend is not registered.',
    );
    (excludedBackends() as Map<string, string>).delete('wasm');
  });
});

describe('simulated device loss', () => {
  it('fires once after N training steps, aborts the run, and the run handler can tell it from a cancel', async () => {
    await tf.setBackend('wasm');
    const events: EngineEvent[] = [];
    configureLossHandling({ deviceLostAfterSteps: 2 }, (e) => events.push(e));
    const controller = new AbortController();
    session.runs.set('r', controller);
    const emit = simulateLossOnProgress((e) => events.push(e));
    emit(progress(1));
    expect(controller.signal.aborted).toBe(false);
    emit(progress(3));
    expect(controller.signal.aborted).toBe(true);
    session.runs.delete('r');
    const loss = takeBackendLoss();
    expect(loss).toEqual({
      backend: 'wasm',
      reason: 'simulated device loss after 2 training steps',
    });
    expect(takeBackendLoss()).toBeNull();
    expect(backendLostError(loss!, 'cpu').message).toBe(
      'The wasm backend was lost during the run (simulated device loss after 2 training steps); the engine now runs on cpu and the run restarts there.',
    );
    // A second wrapper (the restarted run) never fires again.
    const seen = events.length;
    simulateLossOnProgress((e) => events.push(e))(progress(5));
    expect(events.length).toBe(seen + 1);
    expect(takeBackendLoss()).toBeNull();

    const start = await recoverFromLoss(loss);
    expect(start?.report.backend).toBe('cpu');
    expect(events.at(-1)).toEqual({
      type: 'backend',
      report: start!.report,
      notice:
        'The engine runs on cpu because wasm: simulated device loss after 2 training steps; webgl: The webgl backend is not registered.',
    });
    (excludedBackends() as Map<string, string>).delete('wasm');
  });
});
