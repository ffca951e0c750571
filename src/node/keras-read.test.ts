import * as tf from '@tensorflow/tfjs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseKerasFile } from '../core/formats/keras/read-keras';
import { kerasReference, maxAbsDiff, outputsOnReference, readKerasFixture } from './keras-fixtures';

/**
 * The Keras reader on files Keras 3.15 itself wrote (scripts/fixtures/make-keras.py): each
 * imported model must compute Keras' own outputs on 8 fixed MNIST digits within 1e-5.
 */
describe('Keras files written by Keras 3', () => {
  const cases: Array<[string, string, string]> = [
    ['mnist-resnet-small.keras', 'mnist-resnet-small', 'Keras 3 .keras, Functional, 16 layers'],
    ['mnist-resnet-small.h5', 'mnist-resnet-small', 'Keras 3.15.1 .h5, Functional, 16 layers'],
    ['mnist-seq-small.keras', 'mnist-seq-small', 'Keras 3 .keras, Sequential, 8 layers'],
    ['mnist-seq-small.h5', 'mnist-seq-small', 'Keras 3.15.1 .h5, Sequential, 8 layers'],
  ];
  it.each(cases)('%s computes what Keras computed (1e-5)', async (file, stem, summary) => {
    const before = tf.memory().numTensors;
    const spec = parseKerasFile(readKerasFixture(file), file);
    expect(spec.meta.sourceSummary).toBe(summary);
    expect(spec.inputShapes).toEqual([[28, 28, 1]]);
    const want = kerasReference().models[stem].outputs;
    expect(maxAbsDiff(await outputsOnReference(spec), want)).toBeLessThan(1e-5);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names the weights as tfjs does, in Keras order', () => {
    const spec = parseKerasFile(readKerasFixture('mnist-resnet-small.keras'), 'r.keras');
    expect(spec.layers.find((l) => l.name === 'bn2')!.weights).toEqual([
      'bn2/gamma',
      'bn2/beta',
      'bn2/moving_mean',
      'bn2/moving_variance',
    ]);
    expect(spec.weights['conv2/kernel'].shape).toEqual([3, 3, 8, 8]);
    expect(spec.weights['fc1/kernel'].shape).toEqual([288, 32]);
  });
});

describe('Keras refusals', () => {
  const refusal = (bytes: Uint8Array, name: string) => {
    try {
      parseKerasFile(bytes, name);
    } catch (e) {
      return { code: (e as { code: string }).code, message: (e as Error).message };
    }
    return undefined;
  };

  it('refuses a Lambda layer by name', () => {
    expect(refusal(readKerasFixture('lambda-model.keras'), 'lambda-model.keras')).toEqual({
      code: 'UNSUPPORTED_LAYER',
      message:
        'Layer "double" in "lambda-model.keras" is a Lambda layer: it holds Python code, which the lab cannot run. Replace it with built-in layers and save the model again.',
    });
  });

  it('refuses a truncated HDF5 file', () => {
    const cut = readKerasFixture('mnist-seq-small.h5').slice(0, 4000);
    expect(refusal(cut, 'cut.h5')).toEqual({
      code: 'INVALID_MODEL',
      message: '"cut.h5" is not a readable HDF5 file: it is truncated or corrupt.',
    });
  });

  it('refuses a .keras zip without config.json', () => {
    const zip = zipSync({ 'metadata.json': strToU8('{}') });
    expect(refusal(zip, 'bare.keras')).toEqual({
      code: 'MISSING_TOPOLOGY',
      message:
        '"bare.keras" has no config.json, so the layers are unknown; save the model with model.save("name.keras").',
    });
  });

  it('refuses a .keras that is not a zip', () => {
    expect(refusal(strToU8('hello'), 'x.keras')).toEqual({
      code: 'INVALID_MODEL',
      message: '"x.keras" is not a Keras 3 .keras file: it is not a zip archive.',
    });
  });
});
