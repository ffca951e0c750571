import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { buildLayersModel } from '../core/model/tf-bridge';
import type { ModelSpec } from '../core/model/spec';

/**
 * The Keras fixtures of test-data/keras/ (written by Keras 3.15 through
 * scripts/fixtures/make-keras.py) and the outputs Keras computed on 8 fixed MNIST digits.
 */
export const KERAS_FIXTURE_DIR = path.join(__dirname, '..', '..', 'test-data', 'keras');

export function readKerasFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(KERAS_FIXTURE_DIR, name)));
}

interface KerasReference {
  inputs: number[][];
  models: Record<string, { accuracy1000: number; outputs: number[][] }>;
}

let reference: KerasReference | undefined;

export function kerasReference(): KerasReference {
  reference ??= JSON.parse(
    readFileSync(path.join(KERAS_FIXTURE_DIR, 'reference.json'), 'utf8'),
  ) as KerasReference;
  return reference;
}

/** The model's outputs on the reference digits (pixel / 255), computed by stock tfjs. */
export async function outputsOnReference(spec: ModelSpec): Promise<number[][]> {
  const { inputs } = kerasReference();
  const model = await buildLayersModel(spec);
  const x = tf.tensor4d(
    Float32Array.from(inputs.flat(), (p) => p / 255),
    [inputs.length, 28, 28, 1],
  );
  const y = model.predict(x) as tf.Tensor;
  const out = (await y.array()) as number[][];
  tf.dispose([x, y]);
  model.dispose();
  return out;
}

export function maxAbsDiff(a: number[][], b: number[][]): number {
  return Math.max(...a.flatMap((row, i) => row.map((v, j) => Math.abs(v - b[i][j]))));
}
