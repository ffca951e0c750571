import type { NestingBlock } from '../../protocol/page-core';

/**
 * The nested models the file held, as collapsible blocks (the lab prunes the flattened graph;
 * this shows where each layer came from). Outer blocks start open, inner ones closed.
 */
function Items({ block, depth }: { block: NestingBlock; depth: number }) {
  return (
    <ul>
      {block.items.map((item) =>
        'layer' in item ? (
          <li key={item.layer.name}>
            {item.layer.name} <span className="muted">({item.layer.className})</span>
          </li>
        ) : (
          <li key={`block:${item.block.name}`}>
            <details className="nesting-block" open={depth === 0}>
              <summary>
                {item.block.name} <span className="muted">({item.block.layerCount} layers)</span>
              </summary>
              <Items block={item.block} depth={depth + 1} />
            </details>
          </li>
        ),
      )}
    </ul>
  );
}

export function NestingView({ root }: { root: NestingBlock }) {
  const blocks = root.items.filter((item) => 'block' in item).length;
  return (
    <details className="nesting" data-testid="nesting-view">
      <summary>
        Nested models: {blocks} at the top level, flattened into one graph of {root.layerCount}{' '}
        layers
      </summary>
      <Items block={root} depth={0} />
    </details>
  );
}
