import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LabError } from '../errors';
import { specFromLayersModel } from '../model/tf-bridge';
import type { ModelSpec } from '../model/spec';
import { ModelExecutor } from './executor';
import {
  activationChain,
  decoderNet,
  depthwiseConcatNet,
  randomiseWeights,
  residualNet,
  sequentialCnn,
} from '../../../test-support/exec/executor-fixtures';

function maxRelativeError(actual: tf.Tensor, expected: tf.Tensor): number {
  return tf.tidy(() => {
    const scale = Math.max(1, tf.max(tf.abs(expected)).dataSync()[0]);
    return tf.max(tf.abs(tf.sub(actual, expected))).dataSync()[0] / scale;
  });
}

const builders = { sequentialCnn, residualNet, depthwiseConcatNet, decoderNet, activationChain };

describe('ModelExecutor equals model.predict', () => {
  for (const [name, build] of Object.entries(builders)) {
    it(`${name}`, async () => {
      const model = build();
      randomiseWeights(model, 11);
      const spec = await specFromLayersModel(model);
      const shape = [3, ...(model.inputs[0].shape.slice(1) as number[])];
      const x = tf.randomNormal(shape, 0, 1, 'float32', 5);
      const before = tf.memory().numTensors;
      const exec = new ModelExecutor(spec);
      const expected = model.predict(x) as tf.Tensor;
      const actual = exec.forward(x, { training: false });
      expect(actual.shape).toEqual(expected.shape);
      expect(maxRelativeError(actual, expected)).toBeLessThan(1e-4);
      tf.dispose([actual, expected]);
      exec.dispose();
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
      model.dispose();
    });
  }
});

describe('ModelExecutor hooks', () => {
  let spec: ModelSpec;
  let bnName: string;
  let denseName: string;
  beforeAll(async () => {
    const model = sequentialCnn();
    randomiseWeights(model, 3);
    spec = await specFromLayersModel(model);
    bnName = spec.layers.find((l) => l.className === 'BatchNormalization')!.name;
    denseName = spec.layers.find((l) => l.className === 'Dense')!.name;
    model.dispose();
  });

  it('zeroes masked channels exactly, observes them, and does not leak', () => {
    const x = tf.randomNormal([2, 10, 10, 2], 0, 1, 'float32', 1);
    const mask = tf.tensor1d([1, 0, 1, 0]);
    const before = tf.memory().numTensors;
    const exec = new ModelExecutor(spec);
    const seen: number[][] = [];
    const { output, outputs } = exec.forwardWithOutputs(
      x,
      {
        training: false,
        masks: new Map([[bnName, mask]]),
        observe: {
          layers: new Set([bnName]),
          fn: (_, t) => seen.push(Array.from(tf.sum(tf.abs(t), [0, 1, 2]).dataSync())),
        },
      },
      [bnName],
    );
    const perChannel = tf.tidy(() =>
      Array.from(tf.sum(tf.abs(outputs[bnName]), [0, 1, 2]).dataSync()),
    );
    expect(perChannel[1]).toBe(0);
    expect(perChannel[3]).toBe(0);
    expect(perChannel[0]).toBeGreaterThan(0);
    expect(seen).toHaveLength(1);
    expect(seen[0][1]).toBe(0);
    expect(seen[0][0]).toBeCloseTo(perChannel[0], 3);
    expect(output.shape).toEqual([2, 5]);
    tf.dispose([output, outputs[bnName]]);
    exec.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, mask]);
  });

  it('applies transformWeight to the named role', () => {
    const exec = new ModelExecutor(spec);
    const x = tf.randomNormal([2, 10, 10, 2], 0, 1, 'float32', 2);
    const out = exec.forward(x, {
      training: false,
      transformWeight: (layer, role, w) =>
        layer.name === denseName && role === 'kernel' ? tf.zerosLike(w) : w,
    });
    const bias = exec.variableFor(denseName, 'bias')!;
    const expected = tf.softmax(bias);
    expect(maxRelativeError(out.slice([0, 0], [1, 5]).reshape([5]), expected)).toBeLessThan(1e-6);
    tf.dispose([out, x, expected]);
    exec.dispose();
  });

  it('rejects a mask of the wrong length and an unknown layer with exact messages', () => {
    const exec = new ModelExecutor(spec);
    const x = tf.zeros([1, 10, 10, 2]);
    const bad = tf.ones([3]) as tf.Tensor1D;
    const before = tf.memory().numTensors;
    expect(() => exec.forward(x, { training: false, masks: new Map([[bnName, bad]]) })).toThrow(
      `The mask for layer "${bnName}" has 3 entries but the layer has 4 channels.`,
    );
    expect(() => exec.forward(x, { training: false, masks: new Map([['nope', bad]]) })).toThrow(
      `Layer "nope" is not in model "${spec.name}".`,
    );
    expect(() => exec.forward(tf.zeros([1, 9, 10, 2]), { training: false })).toThrow(LabError);
    expect(tf.memory().numTensors - before).toBeLessThanOrEqual(1); // the zeros built in the last line
    tf.dispose([x, bad]);
    exec.dispose();
  });

  it('refuses an unsupported layer class with UNSUPPORTED_LAYER', () => {
    const odd = {
      ...spec,
      layers: spec.layers.map((l, i) => (i === 2 ? { ...l, className: 'LSTM' } : l)),
    };
    const name = spec.layers[2].name;
    try {
      new ModelExecutor(odd);
      expect.unreachable();
    } catch (e) {
      expect((e as LabError).code).toBe('UNSUPPORTED_LAYER');
      expect((e as LabError).message).toBe(
        `Layer "${name}" has class LSTM, which the lab cannot run.`,
      );
    }
  });

  it('toSpec round-trips the weights, and dropout is seeded and only on in training', async () => {
    const exec = new ModelExecutor(spec, { seed: 9 });
    const again = new ModelExecutor(await exec.toSpec(), { seed: 9 });
    const x = tf.randomNormal([2, 10, 10, 2], 0, 1, 'float32', 4);
    const [a, b] = [exec.forward(x, { training: false }), again.forward(x, { training: false })];
    expect(maxRelativeError(a, b)).toBe(0);
    const [ta, tb] = [exec.forward(x, { training: true }), again.forward(x, { training: true })];
    expect(maxRelativeError(ta, tb)).toBe(0);
    expect(maxRelativeError(ta, a)).toBeGreaterThan(1e-3);
    expect(exec.trainableVariables()).toHaveLength(
      spec.layers.reduce((n, l) => n + l.weights.length, 0) - 2,
    );
    tf.dispose([a, b, ta, tb, x]);
    exec.dispose();
    again.dispose();
  });

  it("'batch' BN mode updates moving statistics by momentum while training", () => {
    const exec = new ModelExecutor(spec, { bnMode: 'batch' });
    const x = tf.randomNormal([4, 10, 10, 2], 0, 1, 'float32', 6);
    const mean = exec.variableFor(bnName, 'moving_mean')!;
    const old = Array.from(mean.dataSync());
    const { output, outputs } = exec.forwardWithOutputs(x, { training: true }, [
      spec.layers[1].name,
    ]);
    const convOut = outputs[spec.layers[1].name];
    const batchMean = tf.tidy(() => Array.from(tf.mean(convOut, [0, 1, 2]).dataSync()));
    const now = Array.from(mean.dataSync());
    for (let c = 0; c < 4; c++) expect(now[c]).toBeCloseTo(0.99 * old[c] + 0.01 * batchMean[c], 5);
    tf.dispose([output, convOut, x]);
    exec.dispose();
  });
});
