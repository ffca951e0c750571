import { LabError } from '../../errors';
import { weightRolesOf } from '../../layers/registry';
import { isRecord, ownField, type JsonRecord } from '../../model/model-json';
import type { WeightTensor } from '../../model/spec';
import type { Hdf5Tree } from './hdf5-tree';

/**
 * Where Keras keeps each layer's weights, as tfjs-named tensors (`conv1/kernel`, …).
 *
 * Keras 3 `model.weights.h5` does not use layer names: its groups are the Python attribute
 * path of each layer, `layers/<snake_case(class)>[_<k>]/vars/<i>` with k counting earlier
 * layers of the same class in the model's layer order (`conv2d`, `conv2d_1`, `re_lu`), and
 * the variables numbered in creation order (kernel, bias; gamma, beta, mean, variance).
 * A legacy `.h5` keeps them under `model_weights/<layer>/` named by the `weight_names` attribute.
 */
export interface KerasLayerRef {
  name: string;
  className: string;
  config: JsonRecord;
}

/** Keras' `to_snake_case`: "MaxPooling2D" → "max_pooling2d", "ReLU" → "re_lu". */
export function kerasSnakeCase(className: string): string {
  return className
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** The `layers/<key>` group name of each layer, in model order. */
export function keras3LayerKeys(layers: KerasLayerRef[]): string[] {
  const seen = new Map<string, number>();
  return layers.map((layer) => {
    const base = kerasSnakeCase(layer.className);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}_${count}`;
  });
}

function suffixesOf(layer: KerasLayerRef, found: number, fileName: string): string[] {
  const suffixes = weightRolesOf(layer.className, layer.config) ?? [];
  if (suffixes.length !== found) {
    throw new LabError(
      'WEIGHTS_MISSING',
      `Layer "${layer.name}" (${layer.className}) in "${fileName}" has ${found} stored weights; its config needs ${suffixes.length}.`,
    );
  }
  return suffixes;
}

/** Keras 3 `.keras`: weights from `model.weights.h5`, in the model's layer order. */
export function readKeras3Weights(
  tree: Hdf5Tree,
  layers: KerasLayerRef[],
): Map<string, WeightTensor> {
  const out = new Map<string, WeightTensor>();
  const keys = keras3LayerKeys(layers);
  layers.forEach((layer, i) => {
    const varsPath = `layers/${keys[i]}/vars`;
    const count = tree.keys(varsPath).length;
    const suffixes = suffixesOf(layer, count, tree.fileName);
    suffixes.forEach((suffix, k) =>
      out.set(`${layer.name}/${suffix}`, tree.weight(`${varsPath}/${k}`)),
    );
  });
  return out;
}

/** Legacy `.h5`: `model_weights/<layer>/<weight_names[i]>`, Keras order. */
export function readLegacyH5Weights(
  tree: Hdf5Tree,
  layers: KerasLayerRef[],
): Map<string, WeightTensor> {
  const out = new Map<string, WeightTensor>();
  for (const layer of layers) {
    const groupPath = `model_weights/${layer.name}`;
    const names = tree.stringListAttr(groupPath, 'weight_names') ?? [];
    const suffixes = suffixesOf(layer, names.length, tree.fileName);
    names.forEach((weightName, k) =>
      out.set(`${layer.name}/${suffixes[k]}`, tree.weight(`${groupPath}/${weightName}`)),
    );
  }
  return out;
}

/** The layers of a Sequential / Functional config, in order (nested models are not opened). */
export function kerasLayerRefs(modelConfig: JsonRecord): KerasLayerRef[] {
  const config = ownField(modelConfig, 'config');
  const list = Array.isArray(config) ? config : isRecord(config) ? ownField(config, 'layers') : [];
  if (!Array.isArray(list)) return [];
  return list.filter(isRecord).map((raw) => {
    const config = isRecord(raw.config) ? raw.config : {};
    const name = typeof raw.name === 'string' ? raw.name : String(config.name);
    return { name, className: String(raw.class_name), config };
  });
}
