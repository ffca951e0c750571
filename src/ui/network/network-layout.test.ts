import { describe, expect, it } from 'vitest';
import type { LayerNode, ModelSummary } from '../../protocol/engine-types';
import { buildNetworkLayout, layerKind } from './network-layout';

const node = (
  name: string,
  className: string,
  inbound: string[],
  activation?: string,
): LayerNode =>
  activation ? { name, className, inbound, activation } : { name, className, inbound };

/** input → conv1 → bn1 → relu1 → conv2 → bn2 → add(relu1, bn2) → pool → conv3 + relu → flatten → dense. */
function residualSummary(): ModelSummary {
  return {
    name: 'residual',
    origin: 'test',
    layers: 11,
    groups: [
      { id: 'conv1', units: ['conv1', 'conv2'], channels: 8, prunable: true },
      { id: 'conv3', units: ['conv3'], channels: 16, prunable: true },
      { id: 'dense', units: ['dense'], channels: 10, prunable: false, reason: 'Feeds the output.' },
    ],
    units: [
      {
        id: 'conv1',
        groupId: 'conv1',
        producerClass: 'Conv2D',
        channels: 8,
        followers: ['bn1', 'relu1'],
      },
      { id: 'conv2', groupId: 'conv1', producerClass: 'Conv2D', channels: 8, followers: ['bn2'] },
      { id: 'conv3', groupId: 'conv3', producerClass: 'Conv2D', channels: 16, followers: [] },
      { id: 'dense', groupId: 'dense', producerClass: 'Dense', channels: 10, followers: [] },
    ],
    channels: 42,
    params: 0,
    weightBytes: 0,
    inputShape: [8, 8, 1],
    quantizedWeightsNote: null,
    preflight: [],
    topology: [
      node('input', 'InputLayer', []),
      node('conv1', 'Conv2D', ['input']),
      node('bn1', 'BatchNormalization', ['conv1']),
      node('relu1', 'ReLU', ['bn1']),
      node('conv2', 'Conv2D', ['relu1']),
      node('bn2', 'BatchNormalization', ['conv2']),
      node('add', 'Add', ['relu1', 'bn2']),
      node('pool', 'MaxPooling2D', ['add']),
      node('conv3', 'Conv2D', ['pool'], 'relu'),
      node('flatten', 'Flatten', ['conv3']),
      node('dense', 'Dense', ['flatten'], 'softmax'),
    ],
  };
}

describe('buildNetworkLayout', () => {
  const layout = buildNetworkLayout(residualSummary());

  it('makes one row per unit with the layers it owns, in topological order', () => {
    expect(layout.inputLayers.map((l) => l.name)).toEqual(['input']);
    expect(layout.rows.map((r) => [r.unitId, r.layers.map((l) => l.name)])).toEqual([
      ['conv1', ['conv1', 'bn1', 'relu1']],
      ['conv2', ['conv2', 'bn2', 'add', 'pool']],
      ['conv3', ['conv3', 'flatten']],
      ['dense', ['dense']],
    ]);
    expect(layout.rows.map((r) => r.layers.map((l) => l.kind))).toEqual([
      ['conv', 'bn', 'act'],
      ['conv', 'bn', 'merge', 'pool'],
      ['conv', 'shape'],
      ['dense'],
    ]);
    expect(layout.rows[2].layers[0].activation).toBe('relu');
  });

  it('links the members of a coupled group and marks unprunable groups with their reason', () => {
    expect(layout.coupledGroups).toEqual([{ groupId: 'conv1', rows: [0, 1] }]);
    expect(layout.rows.map((r) => [r.groupSize, r.coupledIndex, r.prunable])).toEqual([
      [2, 0, true],
      [2, 0, true],
      [1, -1, true],
      [1, -1, false],
    ]);
    expect(layout.rows[3].reason).toBe('Feeds the output.');
  });

  it('draws a connection that jumps a row as a skip link, and nothing for adjacent rows', () => {
    // relu1 (row 0) feeds the Add owned by row 1: adjacent, no skip.
    expect(layout.skipLinks).toEqual([]);
    const summary = residualSummary();
    // conv3 reading the block input directly jumps from row 0 to row 2.
    summary.topology![8] = node('conv3', 'Conv2D', ['relu1']);
    summary.topology!.splice(9, 0, node('add2', 'Add', ['conv3', 'pool']));
    const jumped = buildNetworkLayout(summary);
    expect(jumped.skipLinks).toEqual([{ fromRow: 0, toRow: 2, via: 'conv3' }]);
  });

  it('links the model input to a later row when a layer reads it directly', () => {
    const summary = residualSummary();
    summary.topology![8] = node('conv3', 'Conv2D', ['input']);
    expect(buildNetworkLayout(summary).skipLinks).toEqual([
      { fromRow: -1, toRow: 2, via: 'conv3' },
    ]);
  });

  it('falls back to a chain of producers when the summary has no topology', () => {
    const summary = { ...residualSummary(), topology: undefined };
    const chain = buildNetworkLayout(summary);
    expect(chain.rows.map((r) => r.layers.map((l) => l.name))).toEqual([
      ['conv1'],
      ['conv2'],
      ['conv3'],
      ['dense'],
    ]);
    expect(chain.skipLinks).toEqual([]);
  });

  it('names layer kinds by Keras class, never by layer name', () => {
    expect(
      ['SeparableConv2D', 'GlobalAveragePooling2D', 'Concatenate', 'Lambda'].map(layerKind),
    ).toEqual(['conv', 'pool', 'merge', 'other']);
  });
});
