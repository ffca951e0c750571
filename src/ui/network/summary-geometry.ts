/**
 * A wide unit drawn as one ranked profile instead of a bar per channel (pure): channels sorted
 * by importance are gathered into buckets a few pixels wide; each bucket is a bar of its mean
 * importance in the colour of its most common state, and the bars of one state form one SVG
 * path — four elements however many channels the unit has.
 */
import type { MarkState, UnitMarks } from './channel-states';

export const SUMMARY_HEIGHT_PX = 32;
const BUCKET_PX = 3;

export type StatePaths = Record<MarkState, string>;

function majority(counts: Record<MarkState, number>): MarkState {
  let best: MarkState = 'kept';
  for (const s of ['measuring', 'pruned', 'frozen'] as const)
    if (counts[s] > counts[best]) best = s;
  return best;
}

export function summaryPaths(marks: UnitMarks, widthPx: number, heightPx: number): StatePaths {
  const channels = marks.states.length;
  const byRank = new Array<number>(channels);
  marks.slots.forEach((slot, channel) => (byRank[slot] = channel));
  const buckets = Math.max(1, Math.min(channels, Math.floor(widthPx / BUCKET_PX)));
  const bucketPx = widthPx / buckets;
  const paths: StatePaths = { kept: '', measuring: '', pruned: '', frozen: '' };
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * channels) / buckets);
    const to = Math.floor(((b + 1) * channels) / buckets);
    const counts: Record<MarkState, number> = { kept: 0, measuring: 0, pruned: 0, frozen: 0 };
    let sum = 0;
    for (let r = from; r < to; r++) {
      counts[marks.states[byRank[r]]]++;
      sum += marks.heights[byRank[r]];
    }
    const barPx = Math.max(1, Math.round((sum / Math.max(1, to - from)) * heightPx));
    const x = +(b * bucketPx).toFixed(1);
    const w = +Math.max(1, bucketPx - 0.5).toFixed(1);
    paths[majority(counts)] += `M${x} ${heightPx - barPx}h${w}v${barPx}h${-w}z`;
  }
  return paths;
}
