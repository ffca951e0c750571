/**
 * Which run the network view shows, reduced to plain per-group data (pure): the live run while
 * one is active, else the last finished run when it was made on the loaded model, else the
 * dense model.
 */
import type { GroupScores } from '../../store/network-slice';
import type { RunRecord } from '../../store/run-slice';
import type { UnitBits } from '../../protocol/engine-types';
import { finalKeptByGroup, type UnitPhase } from './channel-states';

export interface RunViewInput {
  activeRunId: string | null;
  groupPhases: Record<string, Exclude<UnitPhase, 'dense'>>;
  scoresRunId: string | null;
  groupScores: Record<string, GroupScores>;
  lastRun: RunRecord | undefined;
  /** The active run is in its quantization-aware training phase. */
  quantizing: boolean;
  /** Bits the active run quantizes to. */
  targetBits: UnitBits;
  /** Channels per group of the loaded model. */
  groupChannels: ReadonlyMap<string, number>;
}

export interface RunView {
  source: 'live' | 'finished' | 'dense';
  phases: Record<string, UnitPhase>;
  /** Scores of each group's last recompute (the marks' order and heights). */
  scores: Record<string, number[]>;
  /** Kept channels of the mask in force per group; absent = no mask. */
  kept: Record<string, number[]>;
  /** Bits per unit id; absent = float. */
  unitBits: Record<string, UnitBits>;
  /** Badge state while the run quantizes (every unit goes to the target bits). */
  quantizingTo: UnitBits | null;
}

const DENSE: RunView = {
  source: 'dense',
  phases: {},
  scores: {},
  kept: {},
  unitBits: {},
  quantizingTo: null,
};

function scoresOf(
  runId: string,
  input: RunViewInput,
): { scores: Record<string, number[]>; kept: Record<string, number[]> } {
  if (input.scoresRunId !== runId) return { scores: {}, kept: {} };
  const entries = Object.entries(input.groupScores);
  return {
    scores: Object.fromEntries(entries.map(([id, g]) => [id, g.scores])),
    kept: Object.fromEntries(entries.map(([id, g]) => [id, g.keptChannels])),
  };
}

export function deriveRunView(input: RunViewInput): RunView {
  if (input.activeRunId !== null) {
    return {
      source: 'live',
      phases: input.groupPhases,
      ...scoresOf(input.activeRunId, input),
      unitBits: {},
      quantizingTo: input.quantizing ? input.targetBits : null,
    };
  }
  const final = finalKeptByGroup(input.lastRun, input.groupChannels);
  if (!input.lastRun || !final) return DENSE;
  const { scores } = scoresOf(input.lastRun.outcome.runId, input);
  return {
    source: 'finished',
    phases: Object.fromEntries(Object.keys(final).map((id) => [id, 'frozen' as const])),
    scores,
    kept: final,
    unitBits: input.lastRun.outcome.unitBits ?? {},
    quantizingTo: null,
  };
}

/** The bits badge: "float" or "W8 · A8". */
export function bitsLabel(bits: UnitBits | undefined): string {
  if (!bits || (bits.weightBits >= 32 && bits.activationBits >= 32)) return 'float32';
  const w = bits.weightBits >= 32 ? 'float' : `${bits.weightBits}-bit`;
  const a = bits.activationBits >= 32 ? 'float' : `${bits.activationBits}-bit`;
  return `W ${w} · A ${a}`;
}
