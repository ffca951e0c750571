/**
 * "Stock" export: model.json + one weights.bin that plain tf.loadLayersModel loads with no
 * custom code, reproducing the lab's weight-quantized model (quantizeSpecWeights) up to float32
 * rounding. Activation quantization cannot be expressed in a stock model and is not exported.
 *
 * - Per-tensor grids (Dense always; conv kernels when perChannel is off): uint8 (≤ 8 bits) or
 *   uint16 (16 bits) codes with scale = s and min = −2^(b−1)·s, so the loader's code·scale + min
 *   is exactly q·s.
 * - Per-channel grids: integer codes with scale 1 and min = −2^(b−1) (exact), plus a 1×1
 *   DepthwiseConv2D scaling layer per kernel (scale-layers.ts). The topology therefore has
 *   extra layers named '<producer>_qscale'.
 * - Below 8 bits the codes still take a whole uint8 each: the file is no smaller than at 8 bits
 *   (gzip is, since fewer distinct byte values occur). The packed format is the small one.
 * - float16 (weightBits 16 only): every weight stored as IEEE half, no grid; values differ from
 *   the int16 grid by half-precision rounding (≈ 5e−4 relative).
 * - weightBits 32: plain float32.
 */
import { KERAS_CLASS } from '../layers/registry';
import { LabError } from '../errors';
import { artifactBytes, type ArtifactBytes } from '../footprint/artifact-bytes';
import type { ModelSpec, WeightTensor } from '../model/spec';
import { checkFiniteForExport } from '../model/weight-values';
import {
  modelFilesFromArtifacts,
  specToArtifacts,
  type WeightEncoding,
} from '../model/write-artifacts';
import {
  FLOAT_BITS,
  quantizeSpecWeights,
  type QuantConfig,
  type QuantTarget,
} from '../quant/quant-plan';
import { minInt, type SymmetricQuantized } from '../quant/quantize-math';
import { addScaleLayer, splitSeparable } from './scale-layers';

export interface StockExportOptions {
  /** Store weights as float16 instead of the int16 grid (weightBits 16 only). */
  float16?: boolean;
}

export interface ExportResult {
  files: Record<string, Uint8Array>;
  sizes: ArtifactBytes;
}

function codeDtype(bits: number): 'uint8' | 'uint16' {
  return bits <= 8 ? 'uint8' : 'uint16';
}

function filesOf(spec: ModelSpec, encodings: Record<string, WeightEncoding>): ExportResult {
  const files = modelFilesFromArtifacts(specToArtifacts(spec, { encodings }));
  return { files, sizes: artifactBytes(files) };
}

function float16Export(spec: ModelSpec, config: QuantConfig): ExportResult {
  if (config.weightBits !== 16) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `The float16 export needs weightBits 16; got ${config.weightBits}.`,
    );
  }
  const encodings: Record<string, WeightEncoding> = {};
  for (const name of Object.keys(spec.weights)) encodings[name] = { dtype: 'float16' };
  return filesOf(spec, encodings);
}

/** The codes as float values (exact: |q| ≤ 2^15), in the weight's own shape. */
function codesAsWeight(shape: number[], q: SymmetricQuantized): WeightTensor {
  return { shape: [...shape], data: Float32Array.from(q.codes) };
}

export function exportStock(
  spec: ModelSpec,
  config: QuantConfig,
  opts: StockExportOptions = {},
): ExportResult {
  checkFiniteForExport(spec);
  if (opts.float16) return float16Export(spec, config);
  if (config.weightBits === FLOAT_BITS) return filesOf(spec, {});
  const { spec: quantized, codes, targets } = quantizeSpecWeights(spec, config);
  let out: ModelSpec = quantized;
  const encodings: Record<string, WeightEncoding> = {};
  const dtype = codeDtype(config.weightBits);
  const perChannel: { target: QuantTarget; name: string }[] = [];
  for (const target of targets) {
    const q = codes[target.weightName];
    if (target.perChannelAxis === null) {
      const s = q.scales[0];
      encodings[target.weightName] = { dtype, scale: s, min: minInt(config.weightBits, true) * s };
    } else {
      perChannel.push({ target, name: target.weightName });
    }
  }
  for (const layerName of new Set(
    perChannel
      .filter((p) => p.target.className === KERAS_CLASS.SeparableConv2D)
      .map((p) => p.target.layerName),
  )) {
    const split = splitSeparable(out, layerName);
    out = split.spec;
    for (const p of perChannel) p.name = split.renames[p.name] ?? p.name;
  }
  for (const { target, name } of perChannel) {
    const q = codes[target.weightName];
    out = {
      ...out,
      weights: { ...out.weights, [name]: codesAsWeight(out.weights[name].shape, q) },
    };
    encodings[name] = { dtype, scale: 1, min: minInt(config.weightBits, true) };
    const owner = out.layers.find((l) => l.weights.includes(name))!;
    out = addScaleLayer(out, owner.name, 1, q.scales);
  }
  return filesOf(out, encodings);
}
