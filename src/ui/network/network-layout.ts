/**
 * The network view's skeleton, from the model summary alone (pure, no React): one row per
 * prunable unit in topological order, each with the layers it owns (its producer, the BN /
 * activation followers, and the pooling / reshaping / merge layers that come after it before
 * the next unit), the skip connections between rows, and the coupled groups that tie rows.
 */
import type { LayerNode, ModelSummary } from '../../protocol/engine-types';

export type LayerKind =
  'conv' | 'dense' | 'bn' | 'act' | 'pool' | 'merge' | 'shape' | 'dropout' | 'input' | 'other';

const KIND_BY_CLASS: Readonly<Record<string, LayerKind>> = {
  Conv2D: 'conv',
  SeparableConv2D: 'conv',
  DepthwiseConv2D: 'conv',
  Conv2DTranspose: 'conv',
  Dense: 'dense',
  BatchNormalization: 'bn',
  Activation: 'act',
  ReLU: 'act',
  LeakyReLU: 'act',
  PReLU: 'act',
  ELU: 'act',
  Softmax: 'act',
  MaxPooling2D: 'pool',
  AveragePooling2D: 'pool',
  GlobalAveragePooling2D: 'pool',
  GlobalMaxPooling2D: 'pool',
  Add: 'merge',
  Concatenate: 'merge',
  Multiply: 'merge',
  Average: 'merge',
  Subtract: 'merge',
  Flatten: 'shape',
  Reshape: 'shape',
  ZeroPadding2D: 'shape',
  UpSampling2D: 'shape',
  Cropping2D: 'shape',
  Dropout: 'dropout',
  InputLayer: 'input',
};

/** What a student reads on a layer chip; the Keras class name stays in the tooltip. */
const PLAIN_NAMES: Readonly<Record<string, string>> = {
  Conv2D: 'conv',
  SeparableConv2D: 'separable conv',
  DepthwiseConv2D: 'depthwise conv',
  Conv2DTranspose: 'up-conv',
  Dense: 'dense',
  BatchNormalization: 'batch norm',
  Activation: 'activation',
  MaxPooling2D: 'max pool',
  AveragePooling2D: 'avg pool',
  GlobalAveragePooling2D: 'global avg pool',
  GlobalMaxPooling2D: 'global max pool',
  Add: 'add (skip)',
  Concatenate: 'concat',
  Flatten: 'flatten',
  Dropout: 'dropout',
  InputLayer: 'input',
};

export function plainLayerName(className: string): string {
  return PLAIN_NAMES[className] ?? className;
}

export function layerKind(className: string): LayerKind {
  return KIND_BY_CLASS[className] ?? 'other';
}

export interface LayerChip {
  name: string;
  className: string;
  kind: LayerKind;
  /** Fused activation of a conv / dense layer ('relu'). */
  activation?: string;
}

export interface UnitRow {
  unitId: string;
  groupId: string;
  producerClass: string;
  channels: number;
  prunable: boolean;
  /** Why the unit's group cannot be pruned (shown beside it). */
  reason?: string;
  /** Number of units in the coupled group (1 = not coupled). */
  groupSize: number;
  /** Position of the group among coupled groups (for its colour); -1 when not coupled. */
  coupledIndex: number;
  layers: LayerChip[];
}

/** A connection that jumps over at least one row (row -1 = the model input). */
export interface SkipLink {
  fromRow: number;
  toRow: number;
  /** The layer the connection enters (an Add's name, or a unit's producer). */
  via: string;
}

export interface NetworkLayout {
  /** Layers before the first unit (input, padding). */
  inputLayers: LayerChip[];
  rows: UnitRow[];
  skipLinks: SkipLink[];
  /** Row indices of each coupled group with more than one unit, in group order. */
  coupledGroups: { groupId: string; rows: number[] }[];
}

function chipOf(node: LayerNode): LayerChip {
  const chip: LayerChip = {
    name: node.name,
    className: node.className,
    kind: layerKind(node.className),
  };
  return node.activation ? { ...chip, activation: node.activation } : chip;
}

/** Row owning each layer: a unit's own layers go to its row, any other layer to its latest input's row. */
function layerOwners(summary: ModelSummary, topology: LayerNode[]): Map<string, number> {
  const unitRow = new Map<string, number>();
  summary.units.forEach((u, row) => {
    unitRow.set(u.id, row);
    for (const f of u.followers ?? []) unitRow.set(f, row);
  });
  const owners = new Map<string, number>();
  for (const node of topology) {
    const own = unitRow.get(node.name);
    const fromInputs = Math.max(-1, ...node.inbound.map((name) => owners.get(name) ?? -1));
    owners.set(node.name, own ?? fromInputs);
  }
  return owners;
}

function skipLinksOf(topology: LayerNode[], owners: Map<string, number>): SkipLink[] {
  const links: SkipLink[] = [];
  const seen = new Set<string>();
  for (const node of topology) {
    const toRow = owners.get(node.name) ?? -1;
    for (const input of node.inbound) {
      const fromRow = owners.get(input) ?? -1;
      const key = `${fromRow}>${toRow}`;
      if (fromRow < toRow - 1 && !seen.has(key)) {
        seen.add(key);
        links.push({ fromRow, toRow, via: node.name });
      }
    }
  }
  return links;
}

function unitTopology(summary: ModelSummary): LayerNode[] {
  if (summary.topology) return summary.topology;
  // Older summaries: a plain chain of the producers.
  return summary.units.map((u, i) => ({
    name: u.id,
    className: u.producerClass,
    inbound: i > 0 ? [summary.units[i - 1].id] : [],
  }));
}

export function buildNetworkLayout(summary: ModelSummary): NetworkLayout {
  const topology = unitTopology(summary);
  const owners = layerOwners(summary, topology);
  const groups = new Map(summary.groups.map((g) => [g.id, g]));
  const coupled = summary.groups.filter((g) => g.units.length > 1).map((g) => g.id);
  const rows: UnitRow[] = summary.units.map((u) => {
    const group = groups.get(u.groupId);
    const row: UnitRow = {
      unitId: u.id,
      groupId: u.groupId,
      producerClass: u.producerClass,
      channels: u.channels,
      prunable: group?.prunable ?? false,
      groupSize: group?.units.length ?? 1,
      coupledIndex: coupled.indexOf(u.groupId),
      layers: [],
    };
    return group?.reason ? { ...row, reason: group.reason } : row;
  });
  const inputLayers: LayerChip[] = [];
  for (const node of topology) {
    const row = owners.get(node.name) ?? -1;
    (row >= 0 ? rows[row].layers : inputLayers).push(chipOf(node));
  }
  const rowOf = new Map(rows.map((r, i) => [r.unitId, i]));
  return {
    inputLayers,
    rows,
    skipLinks: skipLinksOf(topology, owners),
    coupledGroups: coupled.map((groupId) => ({
      groupId,
      rows: (groups.get(groupId)?.units ?? [])
        .map((id) => rowOf.get(id) ?? -1)
        .filter((r) => r >= 0),
    })),
  };
}
