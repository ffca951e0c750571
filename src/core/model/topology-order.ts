import { KERAS_CLASS } from '../layers/registry';
import { LabError } from '../errors';
import type { JsonRecord } from './model-json';

export interface TopologyLayer {
  name: string;
  className: string;
  config: JsonRecord;
  inbound: string[];
}

/**
 * Checks names and references, then orders layers so every layer follows its inbound
 * layers (Kahn's algorithm, ties kept in file order, so a sorted file stays as it is).
 */
export function sortLayersTopologically(
  layers: TopologyLayer[],
  jsonName: string,
): TopologyLayer[] {
  const byName = new Map<string, TopologyLayer>();
  for (const layer of layers) {
    if (byName.has(layer.name)) {
      throw new LabError(
        'INVALID_MODEL',
        `Two layers in "${jsonName}" are named "${layer.name}"; layer names must be unique.`,
      );
    }
    byName.set(layer.name, layer);
  }
  const pending = new Map<string, number>();
  const consumers = new Map<string, string[]>();
  for (const layer of layers) {
    checkInbound(layer, byName, jsonName);
    for (const source of new Set(layer.inbound))
      consumers.set(source, [...(consumers.get(source) ?? []), layer.name]);
  }
  // Count distinct sources so that Add(x, x) does not wait for x twice.
  for (const layer of layers) pending.set(layer.name, new Set(layer.inbound).size);
  const order: TopologyLayer[] = [];
  const ready = layers.filter((l) => pending.get(l.name) === 0).map((l) => l.name);
  const position = new Map(layers.map((l, i) => [l.name, i]));
  while (ready.length > 0) {
    ready.sort((a, b) => position.get(a)! - position.get(b)!);
    const name = ready.shift()!;
    order.push(byName.get(name)!);
    for (const consumer of consumers.get(name) ?? []) {
      const left = pending.get(consumer)! - 1;
      pending.set(consumer, left);
      if (left === 0) ready.push(consumer);
    }
  }
  if (order.length !== layers.length) {
    const stuck = layers.find((l) => pending.get(l.name)! > 0)!;
    throw new LabError(
      'INVALID_MODEL',
      `Layer "${stuck.name}" in "${jsonName}" is part of a cycle.`,
    );
  }
  return order;
}

function checkInbound(
  layer: TopologyLayer,
  byName: Map<string, TopologyLayer>,
  jsonName: string,
): void {
  for (const source of layer.inbound) {
    if (!byName.has(source)) {
      throw new LabError(
        'INVALID_MODEL',
        `Layer "${layer.name}" in "${jsonName}" takes input from "${source}", which is not a layer of the model.`,
      );
    }
  }
  const isInput = layer.className === KERAS_CLASS.InputLayer;
  if (isInput && layer.inbound.length > 0) {
    throw new LabError(
      'INVALID_MODEL',
      `Input layer "${layer.name}" in "${jsonName}" has inbound layers.`,
    );
  }
  if (!isInput && layer.inbound.length === 0) {
    throw new LabError(
      'INVALID_MODEL',
      `Layer "${layer.name}" (${layer.className}) in "${jsonName}" has no inbound layer.`,
    );
  }
}

/** Endpoint lists must name layers of the model; inputs must be InputLayers. */
export function checkEndpoints(
  layers: TopologyLayer[],
  inputLayers: string[],
  outputLayers: string[],
  jsonName: string,
): void {
  const byName = new Map(layers.map((l) => [l.name, l]));
  for (const name of [...inputLayers, ...outputLayers]) {
    if (!byName.has(name)) {
      throw new LabError(
        'INVALID_MODEL',
        `The model in "${jsonName}" names "${name}" as an input or output, but has no such layer.`,
      );
    }
  }
  for (const name of inputLayers) {
    if (byName.get(name)!.className !== KERAS_CLASS.InputLayer) {
      throw new LabError(
        'INVALID_MODEL',
        `Model input "${name}" in "${jsonName}" is not an InputLayer.`,
      );
    }
  }
  for (const layer of layers) {
    if (layer.className === KERAS_CLASS.InputLayer && !inputLayers.includes(layer.name)) {
      throw new LabError(
        'INVALID_MODEL',
        `Input layer "${layer.name}" in "${jsonName}" is not listed in input_layers.`,
      );
    }
  }
}
