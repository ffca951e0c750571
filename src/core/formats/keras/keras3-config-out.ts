import { inferShapes } from '../../graph/shape-inference';
import { KERAS_CLASS } from '../../layers/registry';
import type { JsonRecord } from '../../model/model-json';
import type { LayerSpec, ModelSpec } from '../../model/spec';

/**
 * ModelSpec → the `config.json` of a Keras 3 `.keras` file (the inverse of keras-config.ts).
 * Initializers, regularizers and constraints are left out: the file carries trained weights,
 * and Keras rebuilds those fields with its defaults — so a config written by TensorFlow.js
 * (whose initializer configs Keras 3 names differently) still loads.
 */
const DROPPED_KEY = /(_initializer|_regularizer|_constraint)$/;

function keras3LayerConfig(layer: LayerSpec): JsonRecord {
  const config: JsonRecord = { name: layer.name };
  for (const [key, value] of Object.entries(layer.config)) {
    if (DROPPED_KEY.test(key) || key === 'name') continue;
    config[key] = value;
  }
  config.dtype = 'float32';
  if (layer.className === KERAS_CLASS.InputLayer) {
    config.batch_shape = config.batch_input_shape;
    delete config.batch_input_shape;
    delete config.dtype;
    config.dtype = 'float32';
  }
  return config;
}

function kerasTensor(source: string, shape: number[] | null): JsonRecord {
  return {
    class_name: '__keras_tensor__',
    config: {
      shape: shape === null ? null : [null, ...shape],
      dtype: 'float32',
      keras_history: [source, 0, 0],
    },
  };
}

function inboundNodes(layer: LayerSpec, shapes: Map<string, number[] | null>): JsonRecord[] {
  if (layer.inbound.length === 0) return [];
  const tensors = layer.inbound.map((name) => kerasTensor(name, shapes.get(name) ?? null));
  const multi = layer.className === KERAS_CLASS.Add || layer.className === KERAS_CLASS.Concatenate;
  return [{ args: multi ? [tensors] : tensors, kwargs: {} }];
}

export function keras3ModelConfig(spec: ModelSpec): JsonRecord {
  const shapes = inferShapes(spec);
  const layers = spec.layers.map((layer) => ({
    module: 'keras.layers',
    class_name: layer.className,
    config: keras3LayerConfig(layer),
    registered_name: null,
    name: layer.name,
    inbound_nodes: inboundNodes(layer, shapes),
  }));
  const ends = (names: string[]) => names.map((n) => [n, 0, 0]);
  return {
    module: 'keras.src.models.functional',
    class_name: 'Functional',
    config: {
      name: spec.name,
      trainable: true,
      layers,
      input_layers:
        spec.inputLayers.length === 1 ? ends(spec.inputLayers)[0] : ends(spec.inputLayers),
      output_layers:
        spec.outputLayers.length === 1 ? ends(spec.outputLayers)[0] : ends(spec.outputLayers),
    },
    registered_name: 'Functional',
  };
}
