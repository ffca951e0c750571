import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { LabError } from '../../errors';
import { checkKerasLayerClasses, describeModelConfig, translateKerasValue } from './keras-config';
import { parseKerasFile } from './read-keras';

const policy = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' } };
const glorot = {
  module: 'keras.initializers',
  class_name: 'GlorotUniform',
  config: { seed: null },
  registered_name: null,
};

/** The exact message of what `fn` throws ('' when it does not throw). */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  return '';
}

function modelConfig(layers: unknown[]) {
  return { module: 'keras', class_name: 'Sequential', config: { name: 'm', layers } };
}

describe('translateKerasValue (Keras 3 → the form tfjs 4.22 builds)', () => {
  it('turns objects into {class_name, config}, a dtype policy into its name, batch_shape into batch_input_shape', () => {
    const layer = {
      module: 'keras.layers',
      class_name: 'Dense',
      config: { name: 'd', units: 3, dtype: policy, kernel_initializer: glorot },
      registered_name: null,
      build_config: { input_shape: [null, 4] },
    };
    const input = {
      class_name: 'InputLayer',
      config: { batch_shape: [null, 4], dtype: 'float32', optional: false, name: 'in' },
    };
    expect(translateKerasValue([input, layer])).toEqual([
      {
        class_name: 'InputLayer',
        config: { batch_input_shape: [null, 4], dtype: 'float32', name: 'in' },
      },
      {
        class_name: 'Dense',
        config: {
          name: 'd',
          units: 3,
          dtype: 'float32',
          kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } },
        },
      },
    ]);
  });

  it('counts the layers of a model for the summary', () => {
    const cfg = modelConfig([
      { class_name: 'InputLayer' },
      { class_name: 'Dense' },
      { class_name: 'ReLU' },
    ]);
    expect(describeModelConfig(cfg)).toEqual({ className: 'Sequential', layerCount: 3 });
  });
});

describe('refusals by class', () => {
  it('names an unsupported class and lists what is supported', () => {
    const cfg = modelConfig([{ class_name: 'LSTM', config: { name: 'lstm_1', units: 4 } }]);
    let caught: unknown;
    try {
      checkKerasLayerClasses(cfg, 'rnn.keras');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(LabError);
    expect((caught as LabError).code).toBe('UNSUPPORTED_LAYER');
    expect((caught as LabError).message).toBe(
      'Layer "lstm_1" in "rnn.keras" has class "LSTM", which the lab cannot read. Supported classes: InputLayer, Conv2D, Conv2DTranspose, SeparableConv2D, Dense, DepthwiseConv2D, BatchNormalization, Activation, ReLU, LeakyReLU, Dropout, Softmax, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, GlobalMaxPooling2D, ZeroPadding2D, UpSampling2D, Flatten, Reshape, Add, Concatenate, PReLU, SpatialDropout2D, Cropping2D.',
    );
  });

  it('refuses a config.json without class_name', () => {
    const zip = zipSync({ 'config.json': strToU8('{"config": {}}') });
    expect(messageOf(() => parseKerasFile(zip, 'odd.keras'))).toBe(
      'The model config in "odd.keras" has no class_name, so it is not a Keras model.',
    );
  });

  it('refuses a .keras without model.weights.h5', () => {
    const config = modelConfig([
      { class_name: 'InputLayer', config: { name: 'in', batch_shape: [null, 2] } },
    ]);
    const zip = zipSync({ 'config.json': strToU8(JSON.stringify(config)) });
    expect(messageOf(() => parseKerasFile(zip, 'light.keras'))).toBe(
      '"light.keras" has no model.weights.h5, so the model has no weights.',
    );
  });
});
