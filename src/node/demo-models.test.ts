import * as tf from '@tensorflow/tfjs';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateOnSource } from '../core/data/evaluate';
import { DEMOS } from '../core/demos/registry';
import { DEMO_MODELS_DIR, loadLayersModelFromPath, resolveModelRef } from './demo-models';
import { loadMnistSource } from './mnist-node';

/** Issue 6's target for the MNIST classifiers (2,000 test digits); issue 21's for Fashion-MNIST (10,000). */
const CLASSIFIER_FLOOR: Partial<Record<string, number>> = {
  'mnist-cnn': 0.99,
  'mnist-resnet': 0.99,
  // Issue 21's targets: the CNN ≥ 0.90, the residual net ≥ 0.89 (shipped: 0.9022 and 0.9042).
  'fashion-cnn': 0.9,
  'fashion-resnet': 0.89,
};
const TEST_SIZE: Record<string, number> = {
  mnist: 2000,
  'mnist-noisy': 2000,
  'fashion-mnist': 10000,
};

/** The shipped demo models (public/models) must keep the quality their cards promise. */
describe.each(DEMOS.map((d) => [d.name, d] as const))('shipped demo %s', (name, demo) => {
  const dir = path.join(DEMO_MODELS_DIR, name);

  it('is at most 1.5 MB of float32 weights and its card names it', () => {
    expect(statSync(path.join(dir, 'weights.bin')).size).toBeLessThanOrEqual(1.5e6);
    const card = JSON.parse(readFileSync(path.join(dir, 'card.json'), 'utf8'));
    expect([card.name, card.task, card.metric.split, card.metric.n]).toEqual([
      name,
      demo.task,
      'test',
      TEST_SIZE[demo.dataId],
    ]);
  });

  it('reaches its target on its whole test split, matching its card', async () => {
    const before = tf.memory().numTensors;
    const model = await loadLayersModelFromPath(resolveModelRef(`demo:${name}`).modelPath);
    const result = await evaluateOnSource(
      (x) => model.predict(x) as tf.Tensor,
      loadMnistSource(demo.dataId),
      'test',
    );
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(result.n).toBe(TEST_SIZE[demo.dataId]);
    const card = JSON.parse(readFileSync(path.join(dir, 'card.json'), 'utf8'));
    expect(result.value).toBeCloseTo(card.metric.value, 3);
    if (demo.task === 'classification') {
      // Issue 6 asks for ≥ 0.99; the shipped classifiers reach 0.9855–0.986 (docs/data.md says
      // so). This floor guards what they actually reach, so a regression still fails here.
      expect(result.value).toBeGreaterThanOrEqual(CLASSIFIER_FLOOR[name]!);
    } else {
      expect(result.value).toBeGreaterThanOrEqual(result.noisyPsnr! + 6);
    }
  });
});

describe('resolveModelRef', () => {
  it('maps demo:<name> into public/models and rejects unknown demos', () => {
    expect(resolveModelRef('demo:mnist-cnn').modelPath).toBe(
      path.join(DEMO_MODELS_DIR, 'mnist-cnn', 'model.json'),
    );
    expect(resolveModelRef('some/dir').modelPath).toBe('some/dir');
    expect(() => resolveModelRef('demo:nope')).toThrow(
      'Unknown demo "nope": choose one of mnist-cnn, mnist-resnet, mnist-denoiser, fashion-cnn, fashion-resnet.',
    );
  });
});
