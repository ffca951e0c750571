import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { evaluateOnSource } from './evaluate';
import { createMnistSource, parseMnistAsset } from './mnist';

/** 1 train + 4 test images of 2×2 with labels [_, 0, 0, 3, 5]. */
function asset() {
  const n = 5;
  const bytes = new Uint8Array(32 + n + n * 4);
  const view = new DataView(bytes.buffer);
  'PLMN'.split('').forEach((c, i) => (bytes[i] = c.charCodeAt(0)));
  [1, n, 2, 2, 1, 4, 0].forEach((v, k) => view.setUint32(4 + 4 * k, v, true));
  bytes.set([9, 0, 0, 3, 5], 32);
  for (let i = 0; i < n * 4; i++) bytes[32 + n + i] = (i * 37) % 256;
  return parseMnistAsset(bytes);
}

describe('evaluateOnSource', () => {
  it('accuracy of an always-"0" classifier is the share of zeros, in any batch size', async () => {
    const source = createMnistSource(asset());
    const alwaysZero = (x: tf.Tensor) => tf.oneHot(tf.zeros([x.shape[0]], 'int32'), 10);
    const before = tf.memory().numTensors;
    // Per class: both 0s right, the 3 and the 5 wrong, no example of the other classes (NaN).
    const perClass = [1, NaN, NaN, 0, NaN, 0, NaN, NaN, NaN, NaN];
    expect(await evaluateOnSource(alwaysZero, source, 'test', { batchSize: 3 })).toEqual({
      metric: 'accuracy',
      value: 0.5,
      n: 4,
      perClassAccuracy: perClass,
    });
    expect(await evaluateOnSource(alwaysZero, source, 'test', { limit: 2 })).toEqual({
      metric: 'accuracy',
      value: 1,
      n: 2,
      perClassAccuracy: [1, ...new Array(9).fill(NaN)],
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('an identity "denoiser" scores exactly the noisy-input PSNR', async () => {
    const source = createMnistSource(asset(), { noisy: true });
    const result = await evaluateOnSource((x) => x.clone(), source, 'test', { batchSize: 3 });
    expect([result.metric, result.n]).toEqual(['psnr', 4]);
    expect(result.value).toBeCloseTo(result.noisyPsnr!, 10);
    expect(result.value).toBeLessThan(30);
  });

  it('rejects a limit below one', async () => {
    await expect(
      evaluateOnSource((x) => x, createMnistSource(asset()), 'test', { limit: 0 }),
    ).rejects.toThrow('Evaluation needs at least one example (limit 0).');
  });
});
