import { describe, expect, it } from 'vitest';
import type { LayerSpec } from '../model/spec';
import { checkConfigRanges, dropUnknownKerasObjects } from './keras-configs';

const layer = (className: string, config: Record<string, unknown>): LayerSpec => ({
  name: 'l',
  className,
  config,
  inbound: [],
  weights: [],
});

describe('Keras config ranges', () => {
  it.each([
    ['Dropout', { rate: 1 }, 'rate 1; it must be a number in [0, 1)'],
    ['SpatialDropout2D', { rate: -0.1 }, 'rate -0.1; it must be a number in [0, 1)'],
    ['BatchNormalization', { epsilon: 0 }, 'epsilon 0; it must be a finite number > 0'],
    [
      'BatchNormalization',
      { momentum: Infinity },
      'momentum Infinity; it must be a number in [0, 1]',
    ],
    ['ReLU', { max_value: -6 }, 'max_value -6; it must be null or a finite number ≥ 0'],
    ['LeakyReLU', { alpha: '0.2' }, 'alpha "0.2"; it must be a finite number'],
    ['GaussianNoise', { stddev: -1 }, 'stddev -1; it must be a finite number ≥ 0'],
  ])('%s %j is INVALID_MODEL', (className, config, what) => {
    expect(() => checkConfigRanges(layer(className, config), 'model.json')).toThrow(
      `Layer "l" (${className}) in "model.json" has ${what}.`,
    );
  });

  it('accepts in-range values and null caps', () => {
    for (const [className, config] of [
      ['Dropout', { rate: 0 }],
      ['ReLU', { max_value: null }],
      ['BatchNormalization', { epsilon: 1e-3, momentum: 0.99 }],
    ] as const)
      expect(() => checkConfigRanges(layer(className, { ...config }), 'm.json')).not.toThrow();
  });
});

describe('unknown Keras objects', () => {
  it('drops unknown classes and malformed values, keeps known ones', () => {
    const l = layer('Dense', {
      kernel_initializer: { class_name: 'GlorotUniform', config: {} },
      bias_initializer: 'zeros',
      kernel_regularizer: { class_name: 'L1L2', config: { l1: 0, l2: 0.1 } },
      activity_regularizer: { class_name: 'L1', config: {} },
      kernel_constraint: null,
    });
    expect(dropUnknownKerasObjects([l])).toEqual([
      'Layer "l": bias_initializer "zeros", activity_regularizer L1 are unknown to TensorFlow.js and were ignored (initializers, regularizers and constraints do not affect inference or pruning).',
    ]);
    expect(Object.keys(l.config)).toEqual([
      'kernel_initializer',
      'kernel_regularizer',
      'kernel_constraint',
    ]);
  });
});
