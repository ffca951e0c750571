import type { StateCreator } from 'zustand';
import type { ImportanceEvent } from '../protocol/messages';

/** The importance a group's last mask recompute ranked, and the channels that mask keeps. */
export interface GroupScores {
  step: number;
  scores: number[];
  keptChannels: number[];
}

/** What the network view adds to the store: live importance per group, and the selected unit. */
export interface NetworkSlice {
  /** Run whose scores `groupScores` holds (null before the first importance event). */
  scoresRunId: string | null;
  groupScores: Record<string, GroupScores>;
  /** The unit whose rank shift the view shows in place (null: none). */
  selectedUnit: string | null;
  applyImportance: (events: readonly ImportanceEvent[]) => void;
  selectUnit: (unitId: string | null) => void;
}

/** Folds a batch of importance events into the scores; a new run starts from nothing. */
export function foldImportance(
  runId: string | null,
  scores: Record<string, GroupScores>,
  events: readonly ImportanceEvent[],
): { scoresRunId: string | null; groupScores: Record<string, GroupScores> } {
  let current = runId;
  let next = scores;
  for (const e of events) {
    if (e.runId !== current) {
      current = e.runId;
      next = {};
    } else if (next === scores) next = { ...scores };
    next[e.groupId] = { step: e.step, scores: e.scores, keptChannels: e.keptChannels };
  }
  return { scoresRunId: current, groupScores: next };
}

export const createNetworkSlice: StateCreator<NetworkSlice, [], [], NetworkSlice> = (set) => ({
  scoresRunId: null,
  groupScores: {},
  selectedUnit: null,
  applyImportance: (events) =>
    set((s) => (events.length ? foldImportance(s.scoresRunId, s.groupScores, events) : {})),
  selectUnit: (selectedUnit) => set({ selectedUnit }),
});
