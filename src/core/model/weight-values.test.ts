import { beforeAll, describe, expect, it } from 'vitest';
import { exportPacked } from '../export/export-packed';
import { exportStock } from '../export/export-stock';
import { smallCnnSpec } from '../../../test-support/pipeline/pipeline-test-models';
import { FLOAT_BITS } from '../quant/quant-plan';
import {
  withCorruptedExponent,
  withWeightValues,
  type ModelFiles,
} from '../robustness/hostile-models';
import { parseModelFiles } from './load-files';
import type { ModelSpec } from './spec';
import { modelFilesFromArtifacts, specToArtifacts } from './write-artifacts';

let base: ModelFiles;
let spec: ModelSpec;
beforeAll(async () => {
  spec = await smallCnnSpec();
  base = modelFilesFromArtifacts(specToArtifacts(spec));
});

function loadError(files: ModelFiles): { code: string; message: string } {
  try {
    parseModelFiles(files);
  } catch (e) {
    return { code: (e as { code: string }).code, message: (e as Error).message };
  }
  throw new Error('expected the load to fail');
}

describe('non-finite weights are refused at load', () => {
  it('one NaN names the layer, the weight and the count', () => {
    expect(loadError(withWeightValues(base, 'conv2/kernel', NaN, 1))).toEqual({
      code: 'INVALID_MODEL',
      message:
        'Weight "conv2/kernel" of layer "conv2" in "model.json" holds 1 non-finite value of 576 (1 NaN); the lab refuses NaN and infinite weights.',
    });
  });

  it('a whole layer of NaN, −Infinity in a kernel, +Infinity in a bias', () => {
    expect(loadError(withWeightValues(base, 'conv2/kernel', NaN, 1e9)).message).toBe(
      'Weight "conv2/kernel" of layer "conv2" in "model.json" holds 576 non-finite values of 576 (576 NaN); the lab refuses NaN and infinite weights.',
    );
    expect(loadError(withWeightValues(base, 'conv1/kernel', -Infinity, 3)).message).toBe(
      'Weight "conv1/kernel" of layer "conv1" in "model.json" holds 3 non-finite values of 72 (3 -Infinity); the lab refuses NaN and infinite weights.',
    );
    const mixed = withWeightValues(
      withWeightValues(base, 'fc/bias', Infinity, 2),
      'fc/bias',
      NaN,
      1,
    );
    expect(loadError(mixed).message).toBe(
      'Weight "fc/bias" of layer "fc" in "model.json" holds 2 non-finite values of 4 (1 NaN, 1 +Infinity); the lab refuses NaN and infinite weights.',
    );
  });

  it('every float of a layer with its exponent bits set to 255', () => {
    expect(loadError(withCorruptedExponent(base, 'conv1/kernel', 255)).message).toMatch(
      /^Weight "conv1\/kernel" of layer "conv1" in "model.json" holds 72 non-finite values of 72 \(/,
    );
  });
});

describe('implausible weights load with warnings', () => {
  it('|w| > 1e6 and a corrupted (finite) exponent are reported per weight', () => {
    const huge = parseModelFiles(withWeightValues(base, 'conv1/kernel', 3e38, 5));
    expect(huge.meta.warnings).toEqual([
      'Weight "conv1/kernel" of layer "conv1" holds 5 values above 1e+6 in magnitude (largest 3.00e+38); its outputs may overflow.',
    ]);
    const exponent = parseModelFiles(withCorruptedExponent(base, 'fc/kernel', 200));
    expect(exponent.meta.warnings).toHaveLength(1);
    expect(exponent.meta.warnings![0]).toMatch(
      /^Weight "fc\/kernel" of layer "fc" holds 512 values above 1e\+6 in magnitude/,
    );
  });

  it('a layer of zeros or denormals is reported once; a clean model has no warnings', () => {
    const zero = parseModelFiles(withWeightValues(base, 'conv2/kernel', 0, 1e9));
    expect(zero.meta.warnings).toEqual([
      'Layer "conv2" has only zero or denormal weights (584 values); it outputs a constant.',
    ]);
    const denormal = parseModelFiles(
      withWeightValues(withWeightValues(base, 'fc/kernel', 1e-40, 1e9), 'fc/bias', 0, 4),
    );
    expect(denormal.meta.warnings).toEqual([
      'Layer "fc" has only zero or denormal weights (516 values); it outputs a constant.',
    ]);
    expect(parseModelFiles(base).meta.warnings).toBeUndefined();
  });
});

describe('export refuses non-finite values', () => {
  it('stock and packed exports name the weight and layer', () => {
    const data = spec.weights['conv2/kernel'].data.slice();
    data[7] = NaN;
    data[9] = -Infinity;
    const broken: ModelSpec = {
      ...spec,
      weights: { ...spec.weights, 'conv2/kernel': { ...spec.weights['conv2/kernel'], data } },
    };
    const message =
      'The export of model "small_cnn" was refused: weight "conv2/kernel" of layer "conv2" holds 2 non-finite values of 576 (1 NaN, 1 -Infinity).';
    const float = {
      weightBits: FLOAT_BITS,
      activationBits: FLOAT_BITS,
      perChannel: true,
      pow2: false,
    };
    expect(() => exportStock(broken, float)).toThrow(message);
    expect(() => exportStock(broken, { ...float, weightBits: 8 })).toThrow(message);
    expect(() => exportPacked(broken, { ...float, weightBits: 4 })).toThrow(message);
    expect(exportStock(spec, float).files['model.json'].byteLength).toBeGreaterThan(0);
  });
});
