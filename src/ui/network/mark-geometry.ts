/**
 * Sizes and positions of the network view (pure): marks per line, row heights and the rows a
 * scroll position shows, so only those rows are in the DOM (the view stays fluid at 10,000+
 * channels). Row heights are computed here and set on the rows, so the virtual list never
 * measures the DOM.
 */

export interface MarkScale {
  /** Horizontal distance between two marks (mark width + gap), px. */
  pitchPx: number;
  markWidthPx: number;
  /** Height of the most important channel's bar, px. */
  maxHeightPx: number;
}

const MIN_PITCH_PX = 5;

/**
 * Few channels get big marks (readable from the back of a room), many get small ones; a unit that
 * would just overflow one line is drawn a little narrower so that it fits it.
 */
export function markScale(channels: number, widthPx: number): MarkScale {
  const tier =
    channels <= 64
      ? { pitchPx: 14, maxHeightPx: 24 }
      : channels <= 256
        ? { pitchPx: 8, maxHeightPx: 18 }
        : { pitchPx: MIN_PITCH_PX, maxHeightPx: 12 };
  const fitting = Math.floor(Math.max(0, widthPx) / Math.max(1, channels));
  const pitchPx = Math.max(MIN_PITCH_PX, Math.min(tier.pitchPx, fitting));
  return { pitchPx, markWidthPx: pitchPx - (pitchPx > 6 ? 2 : 1), maxHeightPx: tier.maxHeightPx };
}

export const ROW_HEADER_PX = 40;
export const ROW_PADDING_PX = 14;
export const LINE_GAP_PX = 4;
/** Height of the inline rank-shift strip (the slider row or the metrics row). */
export const INLINE_PANEL_PX = 56;

export function marksPerLine(channels: number, widthPx: number): number {
  return Math.max(1, Math.floor(Math.max(0, widthPx) / markScale(channels, widthPx).pitchPx));
}

export function markLines(channels: number, widthPx: number): number {
  return Math.max(1, Math.ceil(channels / marksPerLine(channels, widthPx)));
}

/** Top-left of slot `slot` in the marks area (bars grow up from the bottom of their line). */
export function slotPosition(
  slot: number,
  channels: number,
  widthPx: number,
): { x: number; y: number } {
  const perLine = marksPerLine(channels, widthPx);
  const scale = markScale(channels, widthPx);
  return {
    x: (slot % perLine) * scale.pitchPx,
    y: Math.floor(slot / perLine) * (scale.maxHeightPx + LINE_GAP_PX),
  };
}

export function marksHeightPx(channels: number, widthPx: number): number {
  return markLines(channels, widthPx) * (markScale(channels, widthPx).maxHeightPx + LINE_GAP_PX);
}

/** Units wider than this show a ranked profile until expanded (a bar per channel costs DOM). */
export const COLLAPSE_ABOVE_CHANNELS = 128;
/** Height of the collapsed profile, px (summary-geometry's SUMMARY_HEIGHT_PX + its margin). */
export const PROFILE_PX = 36;

export function isCollapsed(channels: number, expanded: boolean): boolean {
  return channels > COLLAPSE_ABOVE_CHANNELS && !expanded;
}

export function rowHeightPx(
  channels: number,
  widthPx: number,
  inlinePanel: boolean,
  expanded = false,
): number {
  const body = isCollapsed(channels, expanded) ? PROFILE_PX : marksHeightPx(channels, widthPx);
  return ROW_HEADER_PX + body + ROW_PADDING_PX + (inlinePanel ? INLINE_PANEL_PX : 0);
}

/** offsets[i]: top of row i; offsets[n]: total height. */
export function rowOffsets(heights: readonly number[]): number[] {
  const offsets = [0];
  for (const h of heights) offsets.push(offsets[offsets.length - 1] + h);
  return offsets;
}

/** First and last row (inclusive) that intersect [top − overscan, top + height + overscan]. */
export function visibleRows(
  offsets: readonly number[],
  scrollTopPx: number,
  viewHeightPx: number,
  overscanPx: number,
): { first: number; last: number } {
  const rows = offsets.length - 1;
  if (rows <= 0) return { first: 0, last: -1 };
  const top = scrollTopPx - overscanPx;
  const bottom = scrollTopPx + viewHeightPx + overscanPx;
  let first = 0;
  while (first < rows - 1 && offsets[first + 1] <= top) first++;
  let last = first;
  while (last < rows - 1 && offsets[last + 1] < bottom) last++;
  return { first, last };
}
