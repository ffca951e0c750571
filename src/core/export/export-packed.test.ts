import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  exportPacked,
  loadPackedModel,
  unpackSpec,
  PACKED_BIN,
  PACKED_JSON,
} from './export-packed';
import { computeFootprint } from '../footprint/footprint';
import { quantizeSpecWeights, type QuantConfig } from '../quant/quant-plan';
import {
  allKernelsSpec,
  seededInput,
  tinyConvSpec,
} from '../../../test-support/quant/quant-test-models';
import { encodeJson } from '../model/model-json';

const config = (weightBits: number, perChannel = true): QuantConfig => ({
  weightBits,
  activationBits: 8,
  perChannel,
  pow2: false,
});

describe('exportPacked', () => {
  it('round-trips every weight exactly at W4, W3 and W16', async () => {
    const spec = await allKernelsSpec();
    for (const bits of [4, 3, 16]) {
      const expected = quantizeSpecWeights(spec, config(bits)).spec;
      const back = unpackSpec(exportPacked(spec, config(bits)).files);
      expect(back.layers).toEqual(spec.layers);
      expect(back.outputLayers).toEqual(spec.outputLayers);
      for (const [name, w] of Object.entries(expected.weights)) {
        expect(back.weights[name].shape).toEqual(w.shape);
        expect(Array.from(back.weights[name].data)).toEqual(Array.from(w.data));
      }
    }
  });

  it('weighs the weight-bits figure plus channel scales and alignment', async () => {
    const spec = await tinyConvSpec();
    const bin = exportPacked(spec, config(4)).files[PACKED_BIN].length;
    // conv kernel 36 codes × 4 bits = 18 B → 20 aligned + 4 scales × 4 B; conv bias 4 × 4; BN 16 × 4;
    // fc kernel 640 × 4 bits = 320 B + 1 scale × 4; fc bias 10 × 4.
    expect(bin).toBe(20 + 16 + 16 + 64 + 320 + 4 + 40);
    const weightBytes =
      computeFootprint(spec, { weightBits: 4, activationBits: 8 }).totals.weightBits / 8;
    expect(bin - weightBytes).toBe(2 + 16 + 4); // padding + scales
    const big = await allKernelsSpec();
    const f32 = exportPacked(big, config(32)).files[PACKED_BIN].length;
    const kernels = quantizeSpecWeights(big, config(4)).targets.reduce(
      (n, t) => n + big.weights[t.weightName].data.length,
      0,
    );
    const floats = Object.values(big.weights).reduce((n, w) => n + w.data.length, 0) - kernels;
    expect(f32).toBe((kernels + floats) * 4);
    const w4 = exportPacked(big, config(4)).files[PACKED_BIN].length;
    expect(w4 - (kernels / 2 + floats * 4)).toBeLessThanOrEqual(
      6 * 3 + (3 + 6 + 6 + 4 + 2 + 1) * 4,
    );
  });

  it('loads into a model whose predictions equal the lab model', async () => {
    const spec = await allKernelsSpec();
    const { files } = exportPacked(spec, config(4));
    const packed = await loadPackedModel(files);
    const { buildLayersModel } = await import('../model/tf-bridge');
    const lab = await buildLayersModel(quantizeSpecWeights(spec, config(4)).spec);
    const before = tf.memory().numTensors;
    const x = seededInput([2, 8, 8, 2], 5);
    const a = lab.predict(x) as tf.Tensor;
    const b = packed.predict(x) as tf.Tensor;
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, a, b]);
    expect(tf.memory().numTensors).toBe(before);
    lab.dispose();
    packed.dispose();
  });

  it('refuses missing or foreign files with exact messages', async () => {
    const spec = await tinyConvSpec();
    const { files } = exportPacked(spec, config(4));
    expect(() => unpackSpec({ [PACKED_BIN]: files[PACKED_BIN] })).toThrow(
      `The packed model needs "${PACKED_JSON}"; it is not among the files.`,
    );
    expect(() => unpackSpec({ [PACKED_JSON]: files[PACKED_JSON] })).toThrow(
      `Weight file "${PACKED_BIN}" is not among the files.`,
    );
    expect(() =>
      unpackSpec({
        [PACKED_JSON]: encodeJson({ format: 'layers-model' }),
        [PACKED_BIN]: files[PACKED_BIN],
      }),
    ).toThrow(`File "${PACKED_JSON}" is not a version-1 pruning-lab-packed header.`);
    // Segments: conv kernel 36 B, conv bias 16 B, then BN's four 16 B vectors at 52, 68, 84, 100.
    expect(() =>
      unpackSpec({ ...files, [PACKED_BIN]: files[PACKED_BIN].subarray(0, 100) }),
    ).toThrow(
      `File "${PACKED_BIN}" ends before weight "bn/moving_variance" (needs ${100 + 16} bytes, has 100).`,
    );
  });
});
