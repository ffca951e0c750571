import { memo } from 'react';
import type { NetworkLayout } from './network-layout';

export const GUTTER_PX = 48;

interface LinkGutterProps {
  layout: NetworkLayout;
  /** offsets[i]: top of row i; offsets[n]: total height. */
  offsets: readonly number[];
}

function rowAnchor(offsets: readonly number[], row: number): number {
  // Row -1 is the model input: the top edge of the first row.
  return row < 0 ? 4 : offsets[row] + 20;
}

/**
 * The left margin: skip connections as arcs from the row they leave to the row they rejoin
 * (longer jumps bulge further out), and coupled groups as a coloured rail with a dot per member.
 */
export const LinkGutter = memo(function LinkGutter({ layout, offsets }: LinkGutterProps) {
  const heightPx = offsets[offsets.length - 1] ?? 0;
  return (
    <svg className="link-gutter" width={GUTTER_PX} height={heightPx} aria-hidden="true">
      {layout.coupledGroups.map((g, i) => {
        const ys = g.rows.map((r) => rowAnchor(offsets, r));
        const x = 6 + (i % 3) * 5;
        return (
          <g
            key={g.groupId}
            className="coupled-link"
            data-testid="coupled-link"
            data-coupled={i % 6}
          >
            <line x1={x} x2={x} y1={Math.min(...ys)} y2={Math.max(...ys)} />
            {ys.map((y) => (
              <circle key={y} cx={x} cy={y} r={3.5} />
            ))}
          </g>
        );
      })}
      {layout.skipLinks.map((link) => {
        const y1 = rowAnchor(offsets, link.fromRow);
        const y2 = rowAnchor(offsets, link.toRow);
        const bulge = GUTTER_PX - Math.min(GUTTER_PX - 20, 10 + 4 * (link.toRow - link.fromRow));
        return (
          <path
            key={`${link.fromRow}-${link.toRow}`}
            className="skip-link"
            data-testid="skip-link"
            data-from={link.fromRow}
            data-to={link.toRow}
            d={`M ${GUTTER_PX} ${y1} C ${bulge} ${y1}, ${bulge} ${y2}, ${GUTTER_PX} ${y2}`}
          >
            <title>{`skip connection into ${link.via}`}</title>
          </path>
        );
      })}
    </svg>
  );
});
