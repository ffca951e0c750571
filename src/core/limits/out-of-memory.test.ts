import { describe, expect, it } from 'vitest';
import { LabError } from '../errors';
import { isOutOfMemoryError, nextBatchToTry, outOfMemoryError } from './out-of-memory';

describe('out of memory', () => {
  it('recognises wasm aborts, failed ArrayBuffers and WebGPU allocation failures, nothing else', () => {
    const oom = [
      new Error('Aborted(). Build with -sASSERTIONS for more info.'),
      new RangeError('Array buffer allocation failed'),
      new WebAssembly.RuntimeError('memory access out of bounds'),
      new Error('GPUOutOfMemoryError: Failed to allocate a buffer of 805306368 bytes'),
      new LabError('OUT_OF_MEMORY', 'x.'),
    ];
    const other = [
      new Error('Shape mismatch in conv1.'),
      new LabError('CANCELLED', 'The run was cancelled.'),
      new TypeError('x is undefined'),
    ];
    expect(oom.map(isOutOfMemoryError)).toEqual([true, true, true, true, true]);
    expect(other.map(isOutOfMemoryError)).toEqual([false, false, false]);
  });

  it('suggests half the batch, no more than the plan allows, and PTQ at batch 1', () => {
    expect(nextBatchToTry({ phase: 'qat', batchSize: 32, largestBatch: 9 })).toBe(9);
    expect(nextBatchToTry({ phase: 'qat', batchSize: 32, largestBatch: 100 })).toBe(16);
    expect(nextBatchToTry({ phase: 'qat', batchSize: 1, largestBatch: 0 })).toBe(0);
  });

  it('names the phase, the batch, the cause and the next thing to try', () => {
    const cause = new Error('Aborted(). Build with -sASSERTIONS for more info.');
    const e = outOfMemoryError({ phase: 'prune:layerwise', batchSize: 32, largestBatch: 8 }, cause);
    expect(e.code).toBe('OUT_OF_MEMORY');
    expect(e.message).toBe(
      'The engine ran out of memory in the prune:layerwise phase at batch 32 (Aborted()); it restarts with the same model and data: try batch 8.',
    );
    const last = outOfMemoryError({ phase: 'fine-tune', batchSize: 1, largestBatch: 0 }, cause);
    expect(last.message).toBe(
      'The engine ran out of memory in the fine-tune phase at batch 1 (Aborted()); it restarts with the same model and data: try PTQ (0 QAT steps), a smaller model or a larger memory budget.',
    );
  });
});
