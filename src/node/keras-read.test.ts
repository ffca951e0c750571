import * as tf from '@tensorflow/tfjs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
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

  it('refuses a damaged zip', () => {
    const bytes = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(refusal(bytes, 'broken.keras')).toEqual({
      code: 'INVALID_MODEL',
      message: '"broken.keras" is a damaged zip archive.',
    });
  });

  it('refuses a weights-only HDF5 (model.save_weights) as having no layers', () => {
    const weightsOnly = unzipSync(readKerasFixture('mnist-seq-small.keras'))['model.weights.h5'];
    expect(refusal(weightsOnly, 'weights.h5')).toEqual({
      code: 'MISSING_TOPOLOGY',
      message:
        '"weights.h5" has no model_config attribute (it looks like weights only: model.save_weights), so the layers are unknown; save the whole model with model.save("name.h5").',
    });
  });

  it('refuses a layer whose stored weights disagree with its config', () => {
    const entries = unzipSync(readKerasFixture('mnist-seq-small.keras'));
    const config = JSON.parse(strFromU8(entries['config.json']));
    config.config.layers[1].config.use_bias = false;
    entries['config.json'] = strToU8(JSON.stringify(config));
    expect(refusal(zipSync(entries), 'edited.keras')).toEqual({
      code: 'WEIGHTS_MISSING',
      message:
        'Layer "conv1" (Conv2D) in "edited.keras/model.weights.h5" has 2 stored weights; its config needs 1.',
    });
  });
});
