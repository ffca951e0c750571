import type { ModelSpec } from './spec';

/**
 * The original nesting of a flattened model (flatten-nested.ts) as a tree of blocks, for the
 * summary's collapsible view: each block is one nested model, holding its layers and inner
 * blocks in the model's topological order. Plain data, no tfjs.
 */
export interface NestingLayer {
  name: string;
  className: string;
}

export interface NestingBlock {
  name: string;
  /** Layers at any depth inside this block. */
  layerCount: number;
  items: Array<{ layer: NestingLayer } | { block: NestingBlock }>;
}

/** Null when the model nested nothing. */
export function nestingTree(spec: ModelSpec): NestingBlock | null {
  const nesting = spec.meta.nesting;
  if (!nesting) return null;
  const root: NestingBlock = { name: spec.name, layerCount: 0, items: [] };
  const blocks = new Map<string, NestingBlock>([['', root]]);
  for (const layer of spec.layers) {
    const path = nesting[layer.name] ?? [];
    let parent = root;
    root.layerCount++;
    for (let depth = 1; depth <= path.length; depth++) {
      const key = path.slice(0, depth).join('/');
      let block = blocks.get(key);
      if (!block) {
        block = { name: path[depth - 1], layerCount: 0, items: [] };
        blocks.set(key, block);
        parent.items.push({ block });
      }
      block.layerCount++;
      parent = block;
    }
    parent.items.push({ layer: { name: layer.name, className: layer.className } });
  }
  return root;
}
