import { LabError } from '../errors';
/**
 * The lab's in-memory model: a Keras-style layer graph (plain JSON configs) plus named
 * float32 weights. Pure data — no tensors — so that loading, surgery, quantization and
 * export are functions from data to data that never mutate their input.
 *
 * Restrictions (checked by the loader, refused with a LabError): every layer is called
 * once (no shared layers) and has one output tensor.
 */
export interface WeightTensor {
  shape: number[];
  data: Float32Array;
}

export interface LayerSpec {
  /** Unique layer name as in model.json. */
  name: string;
  /** Keras class name, e.g. 'Conv2D'. Dispatch on this, never on `name`. */
  className: string;
  /** The layer's Keras config as found in model.json (name included). */
  config: Record<string, unknown>;
  /** Names of the layers feeding this layer, in call order; [] for an InputLayer. */
  inbound: string[];
  /** Full weight names (keys of ModelSpec.weights) in the layer's Keras weight order. */
  weights: string[];
}

export interface ModelSpec {
  name: string;
  /** Topological order: every layer comes after all of its inbound layers. */
  layers: LayerSpec[];
  inputLayers: string[];
  outputLayers: string[];
  /** Input shape without the batch dimension, per input layer, e.g. [28, 28, 1]. */
  inputShapes: number[][];
  weights: Record<string, WeightTensor>;
  /** Free-form provenance, e.g. keras_version, the source format, quantization found on load. */
  meta: {
    sourceFormat: 'layers-model' | 'keras' | 'keras-h5' | 'onnx';
    /** What was read, for the summary line, e.g. "Keras 3 .keras, Functional, 16 layers". */
    sourceSummary?: string;
    kerasVersion?: string;
    backend?: string;
    /** Dtype the weights were stored in on load ('float32' | 'uint8' | 'uint16' | 'float16'). */
    storedWeightDtypes: Record<string, string>;
    /** Plain-English remarks from loading (conversions made, weights ignored); absent when none. */
    notes?: string[];
    /** Implausible weight values found on load (|w| > 1e6, all-zero layers); absent when none. */
    warnings?: string[];
    /**
     * Present when the file nested models (flatten-nested.ts): flat layer name → the nested
     * models around it, outermost first ([] for a layer of the top model).
     */
    nesting?: Record<string, string[]>;
  };
}

export function getLayer(spec: ModelSpec, name: string): LayerSpec {
  const layer = spec.layers.find((l) => l.name === name);
  if (!layer)
    throw new LabError('LAYER_NOT_FOUND', `Layer "${name}" is not in model "${spec.name}".`);
  return layer;
}

export function countParams(spec: ModelSpec): number {
  let total = 0;
  for (const w of Object.values(spec.weights)) total += w.data.length;
  return total;
}
