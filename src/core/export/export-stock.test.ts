import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { exportStock } from './export-stock';
import { buildLayersModel } from '../model/tf-bridge';
import { quantizeSpecWeights, type QuantConfig } from '../quant/quant-plan';
import {
  allKernelsSpec,
  seededInput,
  tinyConvSpec,
} from '../../../test-support/quant/quant-test-models';
import { loadStockModel } from '../report/stock-model';
import type { ModelSpec } from '../model/spec';

/** max |a − b| / max |b|: relative to the output's scale. */
async function relativeError(
  spec: ModelSpec,
  config: QuantConfig,
  files: Record<string, Uint8Array>,
  inputShape: number[],
): Promise<number> {
  const reference = await buildLayersModel(quantizeSpecWeights(spec, config).spec);
  const stock = await loadStockModel(files);
  const x = seededInput(inputShape, 42);
  const a = reference.predict(x) as tf.Tensor;
  const b = stock.predict(x) as tf.Tensor;
  const err = tf.tidy(
    () => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] / tf.max(tf.abs(a)).dataSync()[0],
  );
  tf.dispose([x, a, b]);
  reference.dispose();
  stock.dispose();
  return err;
}

const config = (weightBits: number, perChannel = true, pow2 = false): QuantConfig => ({
  weightBits,
  activationBits: 8,
  perChannel,
  pow2,
});

describe('exportStock', () => {
  it.each([
    [8, true, false],
    [4, true, false],
    [4, false, false],
    [3, true, true],
    [16, true, false],
  ])(
    'W%i (perChannel %s, pow2 %s) loads with plain tfjs and matches the lab model',
    async (bits, perChannel, pow2) => {
      const spec = await allKernelsSpec();
      const before = tf.memory().numTensors;
      const { files } = exportStock(spec, config(bits, perChannel, pow2));
      expect(Object.keys(files).sort()).toEqual(['model.json', 'weights.bin']);
      const err = await relativeError(spec, config(bits, perChannel, pow2), files, [2, 8, 8, 2]);
      expect(err).toBeLessThan(1e-4);
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('adds one scaling layer per per-channel kernel and none per tensor', async () => {
    const spec = await allKernelsSpec();
    const layerNames = (files: Record<string, Uint8Array>): string[] =>
      JSON.parse(new TextDecoder().decode(files['model.json'])).modelTopology.config.layers.map(
        (l: { name: string }) => l.name,
      );
    expect(
      layerNames(exportStock(spec, config(8)).files).filter((n) => n.endsWith('_qscale')),
    ).toEqual(['conv_qscale', 'dw_qscale', 'sep_dw_qscale', 'sep_pw_qscale', 'deconv_qscale']);
    expect(
      layerNames(exportStock(spec, config(8, false)).files).filter((n) => n.endsWith('_qscale')),
    ).toEqual([]);
  });

  it('W8 weights take about a quarter of the float32 bytes', async () => {
    const spec = await tinyConvSpec();
    const f32 = exportStock(spec, config(32)).files['weights.bin'].length;
    const w8 = exportStock(spec, config(8)).files['weights.bin'].length;
    const w4 = exportStock(spec, config(4)).files['weights.bin'].length;
    // Kernels 36 + 640 params at 1 byte; conv bias 4, BN 16, fc bias 10 and 4 channel scales stay float32.
    expect(f32).toBe((36 + 4 + 16 + 640 + 10) * 4);
    expect(w8).toBe((36 + 640) * 1 + (4 + 16 + 10 + 4) * 4);
    expect(w8 / f32).toBeLessThan(0.3);
    expect(w4).toBe(w8); // sub-8-bit codes still occupy a byte each
  });

  it('stores float16 at W16 and refuses it at other widths', async () => {
    const spec = await tinyConvSpec();
    const { files } = exportStock(spec, config(16), { float16: true });
    expect(files['weights.bin'].length).toBe((36 + 4 + 16 + 640 + 10) * 2);
    const err = await relativeError(spec, config(32), files, [1, 6, 6, 1]);
    expect(err).toBeLessThan(2e-3);
    expect(() => exportStock(spec, config(8), { float16: true })).toThrow(
      'The float16 export needs weightBits 16; got 8.',
    );
  });
});
