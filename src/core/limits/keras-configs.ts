import { KERAS_CLASS } from '../layers/registry';
import { LabError } from '../errors';
import { isRecord } from '../model/model-json';
import type { LayerSpec } from '../model/spec';

/**
 * Keras config fields TensorFlow.js would choke on, answered as the model's fault:
 * - an initializer, regularizer or constraint of a class TensorFlow.js 4.22 does not know
 *   ("Unknown initializer: X", e.g. Keras 3's `L2`) does not affect inference or pruning —
 *   the weights are loaded, not initialized, and nothing here adds a regularization loss —
 *   so the field is dropped with a note (TensorFlow.js then uses its default);
 * - a number outside its meaningful range (Dropout rate 5, BatchNormalization epsilon 0) is
 *   INVALID_MODEL naming the layer, the field and the value.
 */
const KNOWN_CLASSES: Record<'initializer' | 'regularizer' | 'constraint', ReadonlySet<string>> = {
  initializer: new Set([
    'Zeros',
    'Ones',
    'Constant',
    'RandomUniform',
    'RandomNormal',
    'TruncatedNormal',
    'Identity',
    'VarianceScaling',
    'GlorotUniform',
    'GlorotNormal',
    'HeNormal',
    'HeUniform',
    'LeCunNormal',
    'LeCunUniform',
    'Orthogonal',
  ]),
  regularizer: new Set(['L1L2']),
  constraint: new Set(['MaxNorm', 'UnitNorm', 'NonNeg', 'MinMaxNorm']),
};

function kindOf(key: string): keyof typeof KNOWN_CLASSES | undefined {
  const match = /[_]?(initializer|regularizer|constraint)$/i.exec(key);
  return match ? (match[1].toLowerCase() as keyof typeof KNOWN_CLASSES) : undefined;
}

function className(value: unknown): string | undefined {
  const name = isRecord(value) && Object.hasOwn(value, 'class_name') ? value.class_name : undefined;
  return typeof name === 'string' ? name : undefined;
}

function describe(value: unknown): string {
  const text = className(value) ?? JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/**
 * Removes every initializer/regularizer/constraint field TensorFlow.js cannot build from the
 * layers' configs (in place) and returns one note per layer that lost fields.
 */
export function dropUnknownKerasObjects(layers: Pick<LayerSpec, 'name' | 'config'>[]): string[] {
  const notes: string[] = [];
  for (const layer of layers) {
    const dropped: string[] = [];
    for (const key of Object.keys(layer.config)) {
      const kind = kindOf(key);
      const value = layer.config[key];
      if (!kind || value === null || value === undefined) continue;
      const name = className(value);
      if (name !== undefined && KNOWN_CLASSES[kind].has(name)) continue;
      dropped.push(`${key} ${describe(value)}`);
      delete layer.config[key];
    }
    if (dropped.length > 0)
      notes.push(
        `Layer "${layer.name}": ${dropped.join(', ')} ${dropped.length === 1 ? 'is' : 'are'} unknown to TensorFlow.js and ${dropped.length === 1 ? 'was' : 'were'} ignored (initializers, regularizers and constraints do not affect inference or pruning).`,
      );
  }
  return notes;
}

interface RangeRule {
  classes: ReadonlySet<string>;
  field: string;
  ok: (v: number) => boolean;
  range: string;
  /** null is allowed (e.g. ReLU max_value: no cap). */
  nullable?: boolean;
}

const DROPOUTS = new Set([
  KERAS_CLASS.Dropout,
  'SpatialDropout1D',
  KERAS_CLASS.SpatialDropout2D,
  'AlphaDropout',
  'GaussianDropout',
]);
const RULES: RangeRule[] = [
  { classes: DROPOUTS, field: 'rate', ok: (v) => v >= 0 && v < 1, range: 'a number in [0, 1)' },
  {
    classes: new Set(['GaussianNoise']),
    field: 'stddev',
    ok: (v) => v >= 0,
    range: 'a finite number ≥ 0',
  },
  {
    classes: new Set([KERAS_CLASS.BatchNormalization]),
    field: 'epsilon',
    ok: (v) => v > 0,
    range: 'a finite number > 0',
  },
  {
    classes: new Set([KERAS_CLASS.BatchNormalization]),
    field: 'momentum',
    ok: (v) => v >= 0 && v <= 1,
    range: 'a number in [0, 1]',
  },
  {
    classes: new Set([KERAS_CLASS.ReLU]),
    field: 'max_value',
    ok: (v) => v >= 0,
    range: 'null or a finite number ≥ 0',
    nullable: true,
  },
  {
    classes: new Set([KERAS_CLASS.ReLU, KERAS_CLASS.LeakyReLU, 'ELU']),
    field: 'negative_slope',
    ok: () => true,
    range: 'a finite number',
  },
  {
    classes: new Set([KERAS_CLASS.LeakyReLU, 'ELU']),
    field: 'alpha',
    ok: () => true,
    range: 'a finite number',
  },
];

/** INVALID_MODEL for a config number outside its meaningful range (layer, field, value named). */
export function checkConfigRanges(layer: LayerSpec, fileName: string): void {
  for (const rule of RULES) {
    if (!rule.classes.has(layer.className) || !Object.hasOwn(layer.config, rule.field)) continue;
    const value = layer.config[rule.field];
    if (value === undefined || (value === null && rule.nullable)) continue;
    if (typeof value === 'number' && Number.isFinite(value) && rule.ok(value)) continue;
    throw new LabError(
      'INVALID_MODEL',
      `Layer "${layer.name}" (${layer.className}) in "${fileName}" has ${rule.field} ${typeof value === 'number' ? String(value) : JSON.stringify(value)}; it must be ${rule.range}.`,
    );
  }
}
