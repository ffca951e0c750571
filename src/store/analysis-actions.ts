/** What the analysis panels ask the engine for; answers land in the analysis slice. */
import type { ModelSummary } from '../protocol/engine-types';
import { getEngine } from './engine-connection';
import { useLabStore } from './store';

export const CALIBRATION_SIZE = 256;

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Prunable unit ids in topological order (the rank-shift panel's choices). */
export function prunableUnitIds(model: ModelSummary | null): string[] {
  if (!model) return [];
  const prunable = new Set(model.groups.filter((g) => g.prunable).map((g) => g.id));
  return model.units.filter((u) => prunable.has(u.groupId)).map((u) => u.id);
}

/** L defaults to the second prunable unit, U to the one just before L. */
export function resolveRankUnits(
  model: ModelSummary | null,
  unit: string | null,
  upstream: string | null,
): { unit: string; upstream: string } | null {
  const ids = prunableUnitIds(model);
  const l = unit && ids.includes(unit) ? unit : ids[1];
  if (!l) return null;
  const before = ids.slice(0, ids.indexOf(l));
  const u = upstream && before.includes(upstream) ? upstream : before[before.length - 1];
  return u ? { unit: l, upstream: u } : null;
}

export async function computeSweep(): Promise<void> {
  const { model, selection, settings } = useLabStore.getState();
  const units = resolveRankUnits(model, selection.rankUnit, selection.rankUpstream);
  if (!units) {
    useLabStore
      .getState()
      .setSweep(null, 'Pick a model with at least two prunable units, one upstream of the other.');
    return;
  }
  useLabStore.getState().setSweepLoading();
  try {
    const sweep = await getEngine().request('rankShiftSweep', {
      ...units,
      targetSparsity: settings.sparsity,
      calibrationSize: CALIBRATION_SIZE,
      seed: settings.seed,
    });
    useLabStore.getState().setSweep(sweep);
  } catch (e) {
    useLabStore.getState().setSweep(null, messageOf(e));
  }
}

export async function computePairs(): Promise<void> {
  const { settings } = useLabStore.getState();
  useLabStore.getState().setPairsLoading();
  try {
    const pairs = await getEngine().request('rankShiftPairs', {
      calibrationSize: 128,
      seed: settings.seed,
      targetSparsity: settings.sparsity,
    });
    useLabStore.getState().setPairs(pairs);
  } catch (e) {
    useLabStore.getState().setPairs(null, messageOf(e));
  }
}
