import { LabError } from '../errors';
import type { ModelSpec } from './spec';

/**
 * Numeric sanity of loaded weights. A NaN or infinite weight makes every output that depends
 * on it NaN, so the model is refused at load, naming the layer, the weight and the count.
 * Implausible but finite values (|w| above 1e6, a layer whose weights are all zero or
 * denormal) are legal in principle — they are warnings, shown with the summary and report.
 */

/** Weights above this magnitude are reported; real trained weights stay far below it. */
export const LARGE_WEIGHT_ABS = 1e6;
/** Smallest normal float32; anything below it (in magnitude) is zero or denormal. */
const MIN_NORMAL_FLOAT32 = 2 ** -126;

interface ValueCounts {
  nan: number;
  posInf: number;
  negInf: number;
  large: number;
  largestAbs: number;
  tiny: number;
}

function countValues(data: Float32Array): ValueCounts {
  const c: ValueCounts = { nan: 0, posInf: 0, negInf: 0, large: 0, largestAbs: 0, tiny: 0 };
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    const abs = Math.abs(v);
    if (abs < MIN_NORMAL_FLOAT32) c.tiny++;
    else if (abs > LARGE_WEIGHT_ABS) {
      if (v !== v) c.nan++;
      else if (v === Infinity) c.posInf++;
      else if (v === -Infinity) c.negInf++;
      else c.large++;
      if (Number.isFinite(v) && abs > c.largestAbs) c.largestAbs = abs;
    } else if (v !== v) c.nan++;
  }
  return c;
}

/** `1 non-finite value of 72 (1 -Infinity)`. */
function describeNonFinite(total: number, c: ValueCounts): string {
  const bad = c.nan + c.posInf + c.negInf;
  const kinds = [
    c.nan > 0 && `${c.nan} NaN`,
    c.posInf > 0 && `${c.posInf} +Infinity`,
    c.negInf > 0 && `${c.negInf} -Infinity`,
  ].filter(Boolean);
  return `${bad} non-finite value${bad === 1 ? '' : 's'} of ${total} (${kinds.join(', ')})`;
}

function nonFiniteError(
  layerName: string,
  weightName: string,
  fileName: string,
  total: number,
  c: ValueCounts,
): LabError {
  return new LabError(
    'INVALID_MODEL',
    `Weight "${weightName}" of layer "${layerName}" in "${fileName}" holds ${describeNonFinite(total, c)}; the lab refuses NaN and infinite weights.`,
  );
}

/**
 * The last line before bytes are written: throws INVALID_MODEL when any weight of the model
 * about to be exported is NaN or infinite (a file that computes NaN is worse than none).
 */
export function checkFiniteForExport(spec: ModelSpec): void {
  for (const layer of spec.layers) {
    for (const name of layer.weights) {
      const data = spec.weights[name].data;
      const c = countValues(data);
      if (c.nan + c.posInf + c.negInf === 0) continue;
      throw new LabError(
        'INVALID_MODEL',
        `The export of model "${spec.name}" was refused: weight "${name}" of layer "${layer.name}" holds ${describeNonFinite(data.length, c)}.`,
      );
    }
  }
}

/**
 * Throws INVALID_MODEL for the first weight holding NaN or ±Infinity; returns one warning per
 * weight with |w| > 1e6 and per layer whose weights are all zero or denormal.
 */
export function checkWeightValues(spec: ModelSpec, fileName: string): string[] {
  const warnings: string[] = [];
  for (const layer of spec.layers) {
    let values = 0;
    let tiny = 0;
    for (const name of layer.weights) {
      const data = spec.weights[name].data;
      const c = countValues(data);
      if (c.nan + c.posInf + c.negInf > 0)
        throw nonFiniteError(layer.name, name, fileName, data.length, c);
      if (c.large > 0)
        warnings.push(
          `Weight "${name}" of layer "${layer.name}" holds ${c.large} value${c.large === 1 ? '' : 's'} above ${LARGE_WEIGHT_ABS.toExponential()} in magnitude (largest ${c.largestAbs.toExponential(2)}); its outputs may overflow.`,
        );
      values += data.length;
      tiny += c.tiny;
    }
    if (values > 0 && tiny === values)
      warnings.push(
        `Layer "${layer.name}" has only zero or denormal weights (${values} values); it outputs a constant.`,
      );
  }
  return warnings;
}
