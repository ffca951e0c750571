import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { architectureSummary, buildDemoArchitecture } from './architectures';
import { DEMOS } from './registry';

const ALLOWED = new Set([
  'InputLayer',
  'Conv2D',
  'BatchNormalization',
  'ReLU',
  'Activation',
  'MaxPooling2D',
  'GlobalAveragePooling2D',
  'Flatten',
  'Dense',
  'Add',
  'Dropout',
  'Conv2DTranspose',
  'UpSampling2D',
]);

describe('demo architectures', () => {
  it.each([
    ['mnist-cnn', 276490, [null, 10]],
    ['mnist-resnet', 278634, [null, 10]],
    ['mnist-denoiser', 93761, [null, 28, 28, 1]],
  ])(
    '%s has %i parameters (≤ 1.5 MB float32), output %j, and only supported layers',
    (name, params, outShape) => {
      const model = buildDemoArchitecture(name as string);
      expect(model.countParams()).toBe(params);
      expect(model.countParams() * 4).toBeLessThanOrEqual(1.5e6);
      expect(model.outputShape).toEqual(outShape);
      expect(model.layers.filter((l) => !ALLOWED.has(l.getClassName())).map((l) => l.name)).toEqual(
        [],
      );
      model.dispose();
    },
  );

  it('scales prunable widths: the 0.25 cnn has 16/16/16 conv filters', () => {
    const model = buildDemoArchitecture('mnist-cnn', { width: 0.25 });
    const filters = model.layers
      .filter((l) => l.getClassName() === 'Conv2D')
      .map((l) => (l.getConfig() as { filters: number }).filters);
    expect(filters).toEqual([16, 16, 16]);
    model.dispose();
  });

  it('the resnet has an identity Add and one 1×1 stride-2 projection shortcut', () => {
    const model = buildDemoArchitecture('mnist-resnet');
    expect(model.layers.filter((l) => l.getClassName() === 'Add').length).toBe(2);
    const proj = model.getLayer('block2_proj').getConfig() as {
      kernelSize: number[];
      strides: number[];
    };
    expect([proj.kernelSize, proj.strides]).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(architectureSummary(model)).toContain('block2_add:Add[7,7,64]');
    model.dispose();
  });

  it('is deterministic for a seed and rejects bad names and widths', async () => {
    const a = buildDemoArchitecture('mnist-denoiser', { seed: 5 });
    const b = buildDemoArchitecture('mnist-denoiser', { seed: 5 });
    const [wa, wb] = [a.getLayer('enc2').getWeights()[0], b.getLayer('enc2').getWeights()[0]];
    expect(Array.from(await wa.data())).toEqual(Array.from(await wb.data()));
    a.dispose();
    b.dispose();
    expect(() => buildDemoArchitecture('vgg')).toThrow(
      'Unknown demo "vgg": choose one of mnist-cnn, mnist-resnet, mnist-denoiser, fashion-cnn, fashion-resnet.',
    );
    expect(() => buildDemoArchitecture('mnist-cnn', { width: 2 })).toThrow(
      'Width factor 2 must be in (0, 1].',
    );
  });

  it('has a builder for every registered demo', () => {
    for (const demo of DEMOS) {
      const before = tf.memory().numTensors;
      const model = buildDemoArchitecture(demo.name, { width: 0.25 });
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
  });
});
