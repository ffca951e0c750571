import { LabError } from '../errors';
import { isRecord, ownField } from './model-json';

/**
 * Reads a functional layer's `inbound_nodes` in both forms found in the wild:
 * Keras 2 / tfjs   [[["conv1", 0, 0, {}], ["skip", 0, 0, {}]]]
 * Keras 3          [{args: [[{class_name: '__keras_tensor__', config: {keras_history: ['conv1', 0, 0]}}, …]], kwargs: {}}]
 * One node per layer (a second node is a shared layer, refused here).
 */
export interface TensorRef {
  layer: string;
  nodeIndex: number;
  tensorIndex: number;
}

export function parseInboundNodes(raw: unknown, layerName: string, jsonName: string): TensorRef[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw invalidNodes(layerName, jsonName);
  if (raw.length === 0) return [];
  if (raw.length > 1) {
    throw new LabError(
      'UNSUPPORTED',
      `Layer "${layerName}" in "${jsonName}" is called ${raw.length} times (a shared layer); the lab needs every layer to be called exactly once.`,
    );
  }
  const node: unknown = raw[0];
  const refs: TensorRef[] = [];
  if (Array.isArray(node)) {
    for (const entry of node) refs.push(legacyRef(entry, layerName, jsonName));
  } else if (isRecord(node)) {
    collectKerasTensors(ownField(node, 'args'), refs, layerName, jsonName);
  } else {
    throw invalidNodes(layerName, jsonName);
  }
  if (refs.length === 0) throw invalidNodes(layerName, jsonName);
  return refs;
}

/** ["name", nodeIndex, tensorIndex, kwargs?] */
function legacyRef(entry: unknown, layerName: string, jsonName: string): TensorRef {
  if (!Array.isArray(entry)) throw invalidNodes(layerName, jsonName);
  return tensorRef(entry, layerName, jsonName);
}

export function tensorRef(entry: unknown[], layerName: string, jsonName: string): TensorRef {
  const [layer, nodeIndex = 0, tensorIndex = 0] = entry;
  if (typeof layer !== 'string' || !Number.isInteger(nodeIndex) || !Number.isInteger(tensorIndex)) {
    throw invalidNodes(layerName, jsonName);
  }
  return { layer, nodeIndex: nodeIndex as number, tensorIndex: tensorIndex as number };
}

/** Depth is bounded by the JSON depth check, so plain recursion is safe. */
function collectKerasTensors(
  value: unknown,
  refs: TensorRef[],
  layerName: string,
  jsonName: string,
): void {
  if (Array.isArray(value)) {
    for (const item of value) collectKerasTensors(item, refs, layerName, jsonName);
    return;
  }
  if (!isRecord(value) || ownField(value, 'class_name') !== '__keras_tensor__') return;
  const config = ownField(value, 'config');
  const history = isRecord(config) ? ownField(config, 'keras_history') : undefined;
  if (!Array.isArray(history)) throw invalidNodes(layerName, jsonName);
  refs.push(tensorRef(history, layerName, jsonName));
}

function invalidNodes(layerName: string, jsonName: string): LabError {
  return new LabError(
    'INVALID_MODEL',
    `Layer "${layerName}" in "${jsonName}" has inbound_nodes in a form the lab cannot read.`,
  );
}
