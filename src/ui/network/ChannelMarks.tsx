import { memo } from 'react';
import type { UnitMarks } from './channel-states';
import { markScale, marksHeightPx, slotPosition } from './mark-geometry';

interface ChannelMarksProps {
  unitId: string;
  channels: number;
  marks: UnitMarks;
  widthPx: number;
  /** Channels whose kept / pruned fate differs between two rankings (rank shift); may be empty. */
  swapped: ReadonlySet<number>;
}

/**
 * One bar per channel: its colour is the channel's state, its height the channel's importance,
 * its place the channel's rank. Bars move (CSS transition on transform) when the rank changes.
 */
export const ChannelMarks = memo(function ChannelMarks({
  unitId,
  channels,
  marks,
  widthPx,
  swapped,
}: ChannelMarksProps) {
  const scale = markScale(channels, widthPx);
  const heightPx = marksHeightPx(channels, widthPx);
  const rects = [];
  for (let c = 0; c < channels; c++) {
    const barPx = Math.max(2, Math.round(marks.heights[c] * scale.maxHeightPx));
    const { x, y } = slotPosition(marks.slots[c], channels, widthPx);
    rects.push(
      <rect
        key={c}
        className={
          swapped.has(c)
            ? `mark mark-${marks.states[c]} mark-swapped`
            : `mark mark-${marks.states[c]}`
        }
        data-unit={unitId}
        data-channel={c}
        data-state={marks.states[c]}
        data-slot={marks.slots[c]}
        width={scale.markWidthPx}
        height={barPx}
        style={{ transform: `translate(${x}px, ${y + scale.maxHeightPx - barPx}px)` }}
      />,
    );
  }
  return (
    <svg
      className="channel-marks"
      width={widthPx}
      height={heightPx}
      role="img"
      aria-label={`${unitId}: ${channels} channels`}
    >
      {rects}
    </svg>
  );
});
