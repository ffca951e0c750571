import { describe, expect, it } from 'vitest';
import { nestingTree, type NestingBlock } from './nesting-tree';
import type { ModelSpec } from './spec';

function spec(nesting: Record<string, string[]> | undefined): ModelSpec {
  const names = ['in', 'conv', 'dw', 'gap', 'dense'];
  return {
    name: 'outer',
    layers: names.map((name, i) => ({
      name,
      className: i === 0 ? 'InputLayer' : 'Dense',
      config: {},
      inbound: i === 0 ? [] : [names[i - 1]],
      weights: [],
    })),
    inputLayers: ['in'],
    outputLayers: ['dense'],
    inputShapes: [[3]],
    weights: {},
    meta: { sourceFormat: 'layers-model', storedWeightDtypes: {}, ...(nesting && { nesting }) },
  };
}

const summary = (b: NestingBlock): unknown =>
  b.items.map((item) =>
    'layer' in item
      ? item.layer.name
      : { [`${item.block.name}:${item.block.layerCount}`]: summary(item.block) },
  );

describe('nestingTree', () => {
  it('is null for a model that nested nothing', () => {
    expect(nestingTree(spec(undefined))).toBeNull();
  });

  it('groups layers into their nested models in topological order', () => {
    const tree = nestingTree(
      spec({
        in: ['features', 'mobilenet'],
        conv: ['features', 'mobilenet'],
        dw: ['features', 'mobilenet'],
        gap: ['features'],
        dense: ['head'],
      }),
    )!;
    expect(tree.layerCount).toBe(5);
    expect(summary(tree)).toEqual([
      { 'features:4': [{ 'mobilenet:3': ['in', 'conv', 'dw'] }, 'gap'] },
      { 'head:1': ['dense'] },
    ]);
  });
});
