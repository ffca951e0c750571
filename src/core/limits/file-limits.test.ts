import { describe, expect, it } from 'vitest';
import { parseModelFiles } from '../model/load-files';
import { tinyFiles } from '../../../test-support/model/fixture-models';
import { checkMemoryBudget, estimateTrainingMemory } from './memory-estimate';
import {
  checkFileSizes,
  MAX_IMAGE_FILE_BYTES,
  MAX_MODEL_JSON_FILE_BYTES,
  MAX_WEIGHT_FILES_BYTES,
  MIB,
} from './file-limits';

describe('checkFileSizes', () => {
  it('accepts a model at its limits', () => {
    expect(() =>
      checkFileSizes([
        { name: 'model.json', sizeBytes: MAX_MODEL_JSON_FILE_BYTES },
        { name: 'group1-shard1of2', sizeBytes: 256 * MIB },
        { name: 'group1-shard2of2', sizeBytes: 256 * MIB },
      ]),
    ).not.toThrow();
  });

  it('refuses a model JSON over 64 MiB, naming file, size and limit', () => {
    expect(() => checkFileSizes([{ name: 'model.json', sizeBytes: 70 * MIB }])).toThrow(
      'File "model.json" is 70.0 MiB (73400320 bytes); the lab refuses a model JSON over 64.0 MiB.',
    );
  });

  it('refuses one shard over 512 MiB and shards over 512 MiB together', () => {
    expect(() =>
      checkFileSizes([{ name: 'weights.bin', sizeBytes: MAX_WEIGHT_FILES_BYTES + 1 }]),
    ).toThrow(
      'File "weights.bin" is 512.0 MiB (536870913 bytes); the lab refuses weight files over 512.0 MiB.',
    );
    let code = '';
    try {
      checkFileSizes([
        { name: 'model.json', sizeBytes: 1000 },
        { name: 'a.bin', sizeBytes: 300 * MIB },
        { name: 'b.bin', sizeBytes: 250 * MIB },
      ]);
    } catch (e) {
      code = (e as { code: string }).code;
      expect((e as Error).message).toBe(
        'The 2 weight files total 550.0 MiB (576716800 bytes; the largest is "a.bin", 300.0 MiB); the lab\'s limit is 512.0 MiB.',
      );
    }
    expect(code).toBe('FILE_TOO_LARGE');
  });

  it('checks images one by one and as a folder', () => {
    expect(() =>
      checkFileSizes([{ name: 'cats/1.png', sizeBytes: MAX_IMAGE_FILE_BYTES + 1 }], 'images'),
    ).toThrow(
      'File "cats/1.png" is 16.0 MiB (16777217 bytes); the lab refuses images over 16.0 MiB.',
    );
    const folder = Array.from({ length: 65 }, (_, i) => ({
      name: `img/${i}.jpg`,
      sizeBytes: 16 * MIB,
    }));
    expect(() => checkFileSizes(folder, 'images')).toThrow(
      'The 65 images total 1040.0 MiB (1090519040 bytes; the largest is "img/0.jpg", 16.0 MiB); the lab\'s limit is 1024.0 MiB.',
    );
    expect(() => checkFileSizes(folder.slice(0, 64), 'images')).not.toThrow();
  });

  it('refuses a size that is not a byte count', () => {
    expect(() => checkFileSizes([{ name: 'x.bin', sizeBytes: Number.NaN }])).toThrow(
      'File "x.bin" reports size NaN; a size must be a non-negative number of bytes.',
    );
  });
});

describe('estimateTrainingMemory', () => {
  // in(3) → d1 Dense 3→2 → d2 Dense 2→1: params 3·2 + 2 + 2·1 + 1 = 11; activations 3 + 2 + 1 = 6 per example.
  const spec = parseModelFiles(tinyFiles());

  it('counts weights, gradients, Adam slots and activations exactly for a hand-countable model', () => {
    const estimate = estimateTrainingMemory(spec, { batch: 10 });
    expect(estimate.breakdown).toEqual({
      params: 11,
      weightBytes: 44,
      gradientBytes: 44,
      optimizerBytes: 88,
      activationElementsPerExample: 6,
      activationBytes: 240,
    });
    expect(estimate.bytes).toBe(416);
    expect(estimate.unknownShapes).toEqual([]);
    expect(estimateTrainingMemory(spec, { batch: 10, optimizer: 'sgd' }).bytes).toBe(416 - 88);
  });

  it('says ok, warns when close, refuses above the budget', () => {
    const estimate = estimateTrainingMemory(spec, { batch: 10 });
    expect(checkMemoryBudget(estimate, 1000)).toEqual({ ok: true });
    expect(checkMemoryBudget(estimate, 500)).toEqual({
      ok: true,
      warning:
        'Training needs about 0.0 MiB (weights, gradients and optimizer state 0.0 MiB, activations 0.0 MiB), close to the 0.0 MiB available; the run may fail if other tabs need memory.',
    });
    const big = estimateTrainingMemory(spec, { batch: 4 * MIB });
    expect(big.bytes).toBe(176 + 6 * 4 * 4 * MIB);
    expect(checkMemoryBudget(big, 64 * MIB)).toEqual({
      ok: false,
      warning:
        'Training needs about 96.0 MiB (weights, gradients and optimizer state 0.0 MiB, activations 96.0 MiB), more than the 64.0 MiB available; lower the batch size or use a smaller model.',
    });
  });
});
