import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildDemoArchitecture } from '../demos/architectures';
import { noiseSource } from '../limits/memory-test-source';
import { specFromLayersModel } from '../model/tf-bridge';
import { compress } from '../pipeline/compress';

/**
 * A long run must not grow by a tensor per step: the tensor count after every training step,
 * per phase, over > 200 steps of a residual model (mnist-resnet at quarter width) trained by
 * distillation on unlabelled images, pruned layerwise and then quantization-aware trained.
 */
describe('no per-step growth', () => {
  it('tensor count flat across 200+ steps of pruning, fine-tuning and QAT', async () => {
    const model = buildDemoArchitecture('mnist-resnet', { width: 0.25 });
    const spec = await specFromLayersModel(model, 'mnist-resnet-quarter');
    model.dispose();
    const source = noiseSource([28, 28, 1], 10, 'unlabelled', 32);
    const baseline = tf.memory().numTensors;
    const counts: Record<string, number[]> = {};
    const heapBytes: number[] = [];
    // The wasm heap grows and never shrinks: after the first fine-tune steps it must stay put.
    const heap = () =>
      (tf.backend() as unknown as { wasm?: { HEAPU8: Uint8Array } }).wasm?.HEAPU8.byteLength ?? 0;
    const result = await compress({
      spec,
      source,
      config: {
        batchSize: 4,
        statsSteps: 10,
        refreshSteps: 5,
        finetuneSteps: 100,
        wbits: 8,
        abits: 8,
        qatSteps: 60,
        evalLimit: 8,
      },
      onProgress: (e) => {
        (counts[e.phase] ??= []).push(tf.memory().numTensors);
        if (e.phase === 'fine-tune') heapBytes.push(heap());
      },
    });
    const steps = Object.values(counts).reduce((n, c) => n + c.length, 0);
    const spread = (c: number[]) => Math.max(...c.slice(1)) - Math.min(...c.slice(1));
    console.log(
      Object.entries(counts)
        .map(([phase, c]) => `${phase}: ${c.length} steps, ${c[0]} … ${c[c.length - 1]} tensors`)
        .join('; '),
      `; wasm heap ${heapBytes[10]} … ${heapBytes[99]} B`,
    );
    expect(steps).toBeGreaterThanOrEqual(200);
    expect(spread(counts['fine-tune'])).toBe(0);
    expect(spread(counts.qat)).toBe(0);
    if (tf.getBackend() === 'wasm') expect(heapBytes[99]).toBe(heapBytes[10]);
    // Pruning: a group's statistics appear when its window opens and its layer masks when it is
    // first pruned — the count rises at most twice per group (measured: 72 → 84 over 55 steps
    // of 5 groups), never per step.
    const prune = counts['prune:layerwise'];
    const rises = prune.filter((n, i) => i > 0 && n > prune[i - 1]).length;
    expect(rises).toBeLessThanOrEqual(2 * result.report.groups.length);
    expect(spread(prune)).toBeLessThan(prune.length / 4);
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
