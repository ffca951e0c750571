/**
 * What each channel mark shows (pure): its state, its slot in the row (marks are ordered by
 * importance once the run has ranked them) and its bar height (importance / the unit's maximum).
 *
 * States: `measuring` while the unit's group collects statistics; `pruned` for channels outside
 * the mask in force (or the final mask); `frozen` for kept channels once the mask can no longer
 * change; `kept` otherwise (dense, or kept by a mask that may still change — stepwise).
 */
import type { RunRecord } from '../../store/run-slice';
import type { TraceEvent } from '../../protocol/messages';

export type MarkState = 'kept' | 'measuring' | 'pruned' | 'frozen';
export type UnitPhase = 'dense' | TraceEvent['phase'];

export interface UnitMarks {
  states: MarkState[];
  /** slots[c]: position of channel c in the row (0 = most important). */
  slots: number[];
  /** heights[c] in [0, 1]: importance relative to the unit's most important channel. */
  heights: number[];
  /** Number of channels the mask in force keeps (null: no mask yet). */
  keptCount: number | null;
}

export function markState(phase: UnitPhase, isKept: boolean | null): MarkState {
  if (phase === 'measuring') return 'measuring';
  if (isKept === false && phase !== 'dense') return 'pruned';
  return phase === 'frozen' ? 'frozen' : 'kept';
}

/** Slot of each channel when ranked by descending score, ties to the lower index (as core ranks). */
export function rankSlots(channels: number, scores: ArrayLike<number> | null): number[] {
  const order = Array.from({ length: channels }, (_, i) => i);
  if (scores && scores.length === channels) order.sort((a, b) => scores[b] - scores[a] || a - b);
  const slots = new Array<number>(channels);
  order.forEach((channel, slot) => (slots[channel] = slot));
  return slots;
}

export function importanceHeights(channels: number, scores: ArrayLike<number> | null): number[] {
  if (!scores || scores.length !== channels) return new Array<number>(channels).fill(1);
  let max = 0;
  for (let c = 0; c < channels; c++) max = Math.max(max, Math.abs(scores[c]));
  return Array.from({ length: channels }, (_, c) => (max > 0 ? Math.abs(scores[c]) / max : 0));
}

export function unitMarks(
  channels: number,
  phase: UnitPhase,
  scores: ArrayLike<number> | null,
  keptChannels: readonly number[] | null,
): UnitMarks {
  const kept = keptChannels ? new Set(keptChannels) : null;
  return {
    states: Array.from({ length: channels }, (_, c) => markState(phase, kept ? kept.has(c) : null)),
    slots: rankSlots(channels, scores),
    heights: importanceHeights(channels, scores),
    keptCount: kept ? kept.size : null,
  };
}

/** How many marks of each state (the row's legend, and what the e2e compares). */
export function countStates(states: readonly MarkState[]): Record<MarkState, number> {
  const counts: Record<MarkState, number> = { kept: 0, measuring: 0, pruned: 0, frozen: 0 };
  for (const s of states) counts[s]++;
  return counts;
}

/**
 * Final kept channels per group of a finished run (its pipeline report), when the run was made
 * on a model whose groups match `groupChannels` (id → channels); null otherwise.
 */
export function finalKeptByGroup(
  record: RunRecord | undefined,
  groupChannels: ReadonlyMap<string, number>,
): Record<string, number[]> | null {
  const groups = record?.outcome.report.groups;
  if (!groups) return null;
  if (!groups.every((g) => groupChannels.get(g.id) === g.total)) return null;
  return Object.fromEntries(groups.map((g) => [g.id, g.keptChannels]));
}
