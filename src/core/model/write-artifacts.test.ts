import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabError } from '../errors';
import { float16BitsToFloat32, float32ToFloat16Bits } from './float16';
import { tinyFiles } from '../../../test-support/model/fixture-models';
import { parseModelFiles } from './load-files';
import {
  modelFilesFromArtifacts,
  specToArtifacts,
  type ModelArtifacts,
  type WeightEncoding,
} from './write-artifacts';

const tinySpec = () => parseModelFiles(tinyFiles());

async function stockWeights(artifacts: ModelArtifacts): Promise<number[][]> {
  const handler = tf.io.fromMemory({
    modelTopology: artifacts.modelJson.modelTopology,
    weightSpecs: artifacts.modelJson.weightsManifest[0].weights as tf.io.WeightsManifestEntry[],
    weightData: artifacts.weightData,
  });
  const model = await tf.loadLayersModel(handler);
  const values = model.getWeights().map((w) => Array.from(w.dataSync()));
  model.dispose();
  return values;
}

describe('specToArtifacts', () => {
  it('writes a functional layers-model that parses back to the same spec', () => {
    const spec = tinySpec();
    const artifacts = specToArtifacts(spec);
    const { modelJson } = artifacts;
    expect([modelJson.format, modelJson.generatedBy, modelJson.modelTopology.class_name]).toEqual([
      'layers-model',
      'pruning-lab',
      'Model',
    ]);
    expect(modelJson.weightsManifest).toHaveLength(1);
    expect(modelJson.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect(modelJson.weightsManifest[0].weights.map((w) => w.name)).toEqual([
      'd1/kernel',
      'd1/bias',
      'd2/kernel',
      'd2/bias',
    ]);
    expect(artifacts.weightData.byteLength).toBe(44);
    const files = modelFilesFromArtifacts(artifacts);
    expect(Object.keys(files)).toEqual(['model.json', 'weights.bin']);
    const back = parseModelFiles(files);
    expect(back.layers).toEqual(spec.layers);
    expect(back.weights).toEqual(spec.weights);
    expect([back.inputLayers, back.outputLayers, back.inputShapes]).toEqual([
      spec.inputLayers,
      spec.outputLayers,
      spec.inputShapes,
    ]);
  });

  it('honours weightsPath', () => {
    const files = modelFilesFromArtifacts(
      specToArtifacts(tinySpec(), { weightsPath: 'tiny.weights' }),
    );
    expect(Object.keys(files)).toEqual(['model.json', 'tiny.weights']);
    expect(files['tiny.weights'].byteLength).toBe(44);
  });

  it('writes quantized weights that the stock tfjs loader dequantizes to q·scale + min exactly', async () => {
    const spec = tinySpec();
    const encodings: Record<string, WeightEncoding> = {
      'd1/kernel': { dtype: 'uint8', scale: 0.05, min: -0.5 },
      'd1/bias': { dtype: 'float16' },
      'd2/kernel': { dtype: 'uint16', scale: 1e-4, min: 0.2 },
    };
    const artifacts = specToArtifacts(spec, { encodings });
    expect(artifacts.weightData.byteLength).toBe(6 + 2 * 2 + 2 * 2 + 4);
    expect(artifacts.modelJson.weightsManifest[0].weights[0].quantization).toEqual({
      dtype: 'uint8',
      scale: 0.05,
      min: -0.5,
    });
    const kernel = Array.from(spec.weights['d1/kernel'].data);
    const codes = kernel.map((v) => Math.min(255, Math.max(0, Math.round((v + 0.5) / 0.05))));
    expect(codes).toEqual([0, 3, 5, 8, 10, 13]);
    // d2/kernel values 0.5, 0.625 (above min 0.2): codes 3000 and 4250.
    const expected = [
      codes.map((q) => Math.fround(q * 0.05 + -0.5)),
      Array.from(spec.weights['d1/bias'].data),
      [3000, 4250].map((q) => Math.fround(q * 1e-4 + 0.2)),
      Array.from(spec.weights['d2/bias'].data),
    ];
    const before = tf.memory().numTensors;
    expect(await stockWeights(artifacts)).toEqual(expected);
    expect(tf.memory().numTensors).toBe(before);
    const parsed = parseModelFiles(modelFilesFromArtifacts(artifacts));
    expect(
      ['d1/kernel', 'd1/bias', 'd2/kernel', 'd2/bias'].map((n) =>
        Array.from(parsed.weights[n].data),
      ),
    ).toEqual(expected);
    expect(parsed.meta.storedWeightDtypes).toEqual({
      'd1/kernel': 'uint8',
      'd1/bias': 'float16',
      'd2/kernel': 'uint16',
      'd2/bias': 'float32',
    });
  });

  it('clamps codes to the dtype range', () => {
    const spec = tinySpec(); // d1/kernel holds −0.5 … 0.125
    const artifacts = specToArtifacts(spec, {
      encodings: { 'd1/kernel': { dtype: 'uint8', scale: 0.001, min: 0 } },
    });
    expect(Array.from(new Uint8Array(artifacts.weightData, 0, 6))).toEqual([0, 0, 0, 0, 0, 125]);
  });

  it('refuses a non-positive scale', () => {
    const write = () =>
      specToArtifacts(tinySpec(), {
        encodings: { 'd1/bias': { dtype: 'uint8', scale: 0, min: 0 } },
      });
    expect(write).toThrowError(LabError);
    expect(write).toThrowError(
      'Weight "d1/bias" has uint8 encoding with scale 0 and min 0; scale must be a positive finite number and min finite.',
    );
  });
});

describe('float16 codec', () => {
  it('encodes known values', () => {
    expect([1, -2, 65504, 0.5, 2 ** -24, 1e-8, 1e6, -0].map(float32ToFloat16Bits)).toEqual([
      0x3c00, 0xc000, 0x7bff, 0x3800, 0x0001, 0x0000, 0x7c00, 0x8000,
    ]);
    // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: ties go to the even mantissa (1).
    expect(float32ToFloat16Bits(1 + 2 ** -11)).toBe(0x3c00);
    expect(float32ToFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(Number.isNaN(float16BitsToFloat32(float32ToFloat16Bits(NaN)))).toBe(true);
  });

  it('round-trips every finite half exactly', () => {
    let mismatches = 0;
    for (let bits = 0; bits < 0x10000; bits++) {
      if ((bits & 0x7c00) === 0x7c00) continue;
      if (float32ToFloat16Bits(float16BitsToFloat32(bits)) !== bits) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('rounds to the nearest half (relative error ≤ 2^-11 in the normal range)', () => {
    fc.assert(
      fc.property(fc.float({ min: Math.fround(6.2e-5), max: 65000, noNaN: true }), (v) => {
        const back = float16BitsToFloat32(float32ToFloat16Bits(v));
        return Math.abs(back - v) <= Math.abs(v) * 2 ** -11;
      }),
    );
  });
});
