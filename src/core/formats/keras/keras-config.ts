import { LabError } from '../../errors';
import { KERAS_CLASS, supportedClassNames } from '../../layers/registry';
import { isRecord, ownField, type JsonRecord } from '../../model/model-json';

/**
 * Keras 3 configs → the Keras-2 form TensorFlow.js 4.22 builds. Keras 3 writes every object
 * as `{module, class_name, config, registered_name}`, a layer's dtype as a `DTypePolicy`
 * object and an InputLayer's shape as `batch_shape`; tfjs knows `{class_name, config}`, dtype
 * strings and `batch_input_shape`. Keras 2 configs (legacy .h5 from tf.keras) pass unchanged.
 */
const POLICY_CLASSES = new Set(['DTypePolicy', 'FloatDTypePolicy', 'Policy']);
/** Model-level classes the topology parser reads; layers nested in them are checked too. */
const MODEL_CLASSES = new Set(['Sequential', 'Functional', 'Model']);
/** Keras 3 fields with no meaning for inference that tfjs 4.22 rejects or never had. */
const DROPPED_LAYER_FIELDS = new Set(['module', 'registered_name', 'build_config']);

export function translateKerasValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(translateKerasValue);
  if (!isRecord(value)) return value;
  const className = ownField(value, 'class_name');
  const inner = ownField(value, 'config');
  if (typeof className === 'string' && POLICY_CLASSES.has(className) && isRecord(inner)) {
    const name = ownField(inner, 'name');
    return typeof name === 'string' ? name : 'float32';
  }
  const out: JsonRecord = {};
  for (const key of Object.keys(value)) {
    if (DROPPED_LAYER_FIELDS.has(key)) continue;
    out[key] = translateKerasValue(value[key]);
  }
  if (className === KERAS_CLASS.InputLayer && isRecord(out.config)) renameInputShape(out.config);
  return out;
}

function renameInputShape(config: JsonRecord): void {
  if (config.batch_shape !== undefined && config.batch_input_shape === undefined) {
    config.batch_input_shape = config.batch_shape;
  }
  delete config.batch_shape;
  delete config.optional;
}

/** The classes found in a model config, outermost first, nested models opened. */
function layerEntries(modelConfig: JsonRecord): JsonRecord[] {
  const config = ownField(modelConfig, 'config');
  const layers = Array.isArray(config)
    ? config
    : isRecord(config)
      ? ownField(config, 'layers')
      : undefined;
  if (!Array.isArray(layers)) return [];
  return layers.filter(isRecord).flatMap((layer) => {
    const cls = ownField(layer, 'class_name');
    return typeof cls === 'string' && MODEL_CLASSES.has(cls)
      ? [layer, ...layerEntries(layer)]
      : [layer];
  });
}

/**
 * Refuses, by layer name, any class the lab cannot run: a Lambda holds Python code that no
 * browser can execute; anything else outside the channel graph's classes has no handler.
 */
export function checkKerasLayerClasses(modelConfig: JsonRecord, fileName: string): void {
  for (const layer of layerEntries(modelConfig)) {
    const cls = ownField(layer, 'class_name');
    const config = ownField(layer, 'config');
    const name =
      ownField(layer, 'name') ?? (isRecord(config) ? ownField(config, 'name') : undefined);
    if (typeof cls !== 'string' || MODEL_CLASSES.has(cls) || supportedClassNames().includes(cls))
      continue;
    if (cls === 'Lambda') {
      throw new LabError(
        'UNSUPPORTED_LAYER',
        `Layer "${String(name)}" in "${fileName}" is a Lambda layer: it holds Python code, which the lab cannot run. Replace it with built-in layers and save the model again.`,
      );
    }
    throw new LabError(
      'UNSUPPORTED_LAYER',
      `Layer "${String(name)}" in "${fileName}" has class "${cls}", which the lab cannot read. Supported classes: ${supportedClassNames().join(', ')}.`,
    );
  }
}

/** The model's class and layer count, for the summary line ("Functional, 12 layers"). */
export function describeModelConfig(modelConfig: JsonRecord): {
  className: string;
  layerCount: number;
} {
  const cls = ownField(modelConfig, 'class_name');
  return {
    className: typeof cls === 'string' ? cls : 'model',
    layerCount: layerEntries(modelConfig).filter(
      (l) => !MODEL_CLASSES.has(String(ownField(l, 'class_name'))),
    ).length,
  };
}
