import { strFromU8, unzipSync } from 'fflate';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { parseKerasFile } from '../core/formats/keras/read-keras';
import { keras3LayerKeys, kerasSnakeCase } from '../core/formats/keras/keras-weights';
import { writeKerasFile } from '../core/formats/keras/write-keras';
import { Hdf5Tree } from '../core/formats/keras/hdf5-tree';
import { kerasReference, maxAbsDiff, outputsOnReference, readKerasFixture } from './keras-fixtures';

/**
 * The .keras writer: what it writes, re-read by the lab's own reader, computes Keras' outputs.
 * (That Keras 3 itself loads it is checked by hand; the command is in docs/models.md.)
 */
describe('writeKerasFile', () => {
  it.each(['mnist-resnet-small', 'mnist-seq-small'])(
    '%s written as .keras reads back to the same outputs (1e-5)',
    async (stem) => {
      const before = tf.memory().numTensors;
      const spec = parseKerasFile(readKerasFixture(`${stem}.keras`), `${stem}.keras`);
      const bytes = await writeKerasFile(spec, new Date('2026-01-02T03:04:05Z'));
      const back = parseKerasFile(bytes, 'out.keras');
      expect(back.layers.map((l) => l.name)).toEqual(spec.layers.map((l) => l.name));
      const want = kerasReference().models[stem].outputs;
      expect(maxAbsDiff(await outputsOnReference(back), want)).toBeLessThan(1e-5);
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('lays the zip and the HDF5 out as Keras 3 does', async () => {
    const spec = parseKerasFile(readKerasFixture('mnist-seq-small.h5'), 'seq.h5');
    const entries = unzipSync(await writeKerasFile(spec, new Date('2026-01-02T03:04:05Z')));
    expect(Object.keys(entries).sort()).toEqual([
      'config.json',
      'metadata.json',
      'model.weights.h5',
    ]);
    expect(JSON.parse(strFromU8(entries['metadata.json']))).toEqual({
      keras_version: '3.15.1',
      date_saved: '2026-01-02@03:04:05',
    });
    const config = JSON.parse(strFromU8(entries['config.json']));
    expect(config.class_name).toBe('Functional');
    expect(config.config.layers[0].config.batch_shape).toEqual([null, 28, 28, 1]);
    const tree = Hdf5Tree.open(entries['model.weights.h5'], 'w.h5');
    expect(tree.keys('layers/conv2d_1/vars')).toEqual(['0', '1']);
    expect(tree.weight('layers/conv2d_1/vars/0').shape).toEqual([3, 3, 8, 16]);
    expect(tree.keys('layers/batch_normalization/vars')).toHaveLength(4);
  });
});

describe('Keras 3 weight-group names', () => {
  it('snake-cases class names as Keras does', () => {
    expect(
      ['MaxPooling2D', 'ReLU', 'BatchNormalization', 'Conv2DTranspose', 'InputLayer'].map(
        kerasSnakeCase,
      ),
    ).toEqual(['max_pooling2d', 're_lu', 'batch_normalization', 'conv2d_transpose', 'input_layer']);
  });

  it('numbers repeated classes in model order', () => {
    const layer = (className: string) => ({ name: className, className, config: {} });
    expect(keras3LayerKeys(['Conv2D', 'ReLU', 'Conv2D', 'Conv2D'].map(layer))).toEqual([
      'conv2d',
      're_lu',
      'conv2d_1',
      'conv2d_2',
    ]);
  });
});
