/**
 * The run's ETA before Run, and size-aware settings for a dropped or linked model: a model
 * whose default batch does not fit the memory plan gets the largest batch that does, and one
 * whose default run would take over 5 minutes here gets step counts scaled to fit
 * (stepsWithinBudget). Demos keep their settings and get no ETA. Costs are measured by the
 * worker (timeSteps).
 */
import { create } from 'zustand';
import {
  estimateRunMs,
  FIRST_RUN_BUDGET_MS,
  SIZING_BUDGET_MS,
  stepsWithinBudget,
  type RunCosts,
} from '../protocol/page-core';
import type { DataSummary, ModelSummary, PipelineSettings } from '../protocol/engine-types';
import type { MemoryPlanInfo } from '../protocol/messages';
import { getEngine } from './engine-connection';
import { lastModelSource } from './model-source';
import { useLabStore } from './store';

interface RunTimingState {
  costs: { trainStepMs: number; evalExampleMs: number } | null;
  /** Model, data and batch the costs were measured for. */
  key: string | null;
  /** What the page changed for a model (its key), shown under the plan; null when nothing. */
  sizedNote: { model: string; text: string } | null;
}

export const useRunTiming = create<RunTimingState>()(() => ({
  costs: null,
  key: null,
  sizedNote: null,
}));

const sizedModels = new Set<string>();

function modelKey(model: ModelSummary): string {
  return `${model.origin}|${model.name}`;
}

function inputFits(model: ModelSummary, data: DataSummary): boolean {
  return model.inputShape.join('x') === data.inputShape.join('x');
}

export function runCosts(
  settings: PipelineSettings,
  model: ModelSummary,
  data: DataSummary,
  costs: { trainStepMs: number; evalExampleMs: number },
): RunCosts {
  const available = data.testSize > 0 ? data.testSize : data.trainSize;
  return {
    ...costs,
    prunableGroups: model.groups.filter((g) => g.prunable).length,
    quantize: settings.wbits < 32 || settings.abits < 32,
    evalExamples: settings.evalLimit > 0 ? Math.min(settings.evalLimit, available) : available,
    agreement: data.task === 'unlabelled',
  };
}

export function runEtaMs(settings: PipelineSettings): number | null {
  const { model, data } = useLabStore.getState();
  const { costs } = useRunTiming.getState();
  if (!model || !data || !costs) return null;
  return estimateRunMs(settings, runCosts(settings, model, data, costs));
}

/** Measures step costs at the plan's batch (once per model, data and batch). */
export async function refreshRunTiming(plan: MemoryPlanInfo): Promise<void> {
  const { model, data, settings } = useLabStore.getState();
  // Demos have known costs and short runs; probing them would only add tensors beside a run.
  if (!model || !data || !plan.fits || !inputFits(model, data)) return;
  if (lastModelSource()?.kind === 'demo') return;
  const key = `${modelKey(model)}|${data.id}|${data.trainSize}|${settings.batchSize}`;
  if (useRunTiming.getState().key === key) return;
  useRunTiming.setState({ key, costs: null });
  try {
    const costs = await getEngine().request('timeSteps', { batchSize: settings.batchSize });
    if (useRunTiming.getState().key === key) useRunTiming.setState({ costs });
  } catch {
    if (useRunTiming.getState().key === key) useRunTiming.setState({ costs: null });
  }
  sizeStepsOnce(model, data);
}

/** A dropped model's default batch that does not fit becomes the largest one that does. */
export function sizeBatchOnce(plan: MemoryPlanInfo): void {
  const { model, data, settings } = useLabStore.getState();
  if (!model || !data || lastModelSource()?.kind === 'demo') return;
  const key = `${modelKey(model)}|batch`;
  if (sizedModels.has(key) || plan.fits || plan.largestBatch < 1) return;
  sizedModels.add(key);
  useLabStore.getState().setSetting('batchSize', plan.largestBatch);
  useRunTiming.setState({
    sizedNote: {
      model: modelKey(model),
      text: `Sized for this model: batch ${plan.largestBatch} (batch ${settings.batchSize} does not fit the memory budget).`,
    },
  });
}

function sizeStepsOnce(model: ModelSummary, data: DataSummary): void {
  const key = `${modelKey(model)}|steps`;
  const { costs } = useRunTiming.getState();
  if (!costs || sizedModels.has(key) || lastModelSource()?.kind === 'demo') return;
  sizedModels.add(key);
  const { settings } = useLabStore.getState();
  const run = runCosts(settings, model, data, costs);
  const sized = stepsWithinBudget(settings, run, SIZING_BUDGET_MS);
  if (sized === settings) return;
  useLabStore.getState().replaceSettings({ ...settings, ...sized });
  const previous = useRunTiming.getState().sizedNote;
  const note = previous?.model === modelKey(model) ? previous.text : 'Sized for this model:';
  useRunTiming.setState({
    sizedNote: {
      model: modelKey(model),
      text: `${note} Steps scaled to ${sized.statsSteps} statistics per group, ${sized.finetuneSteps} fine-tune, ${sized.qatSteps === 0 ? 'PTQ (0 QAT steps)' : `${sized.qatSteps} QAT`}: ${fitNote(estimateRunMs(sized, run))} (the defaults needed ${minutes(estimateRunMs(settings, run))} min); raise them for quality.`,
    },
  });
}

/** The note for the loaded model, if the page sized its settings. */
export function sizedNoteFor(model: ModelSummary | null, data: DataSummary | null): string | null {
  const note = useRunTiming.getState().sizedNote;
  return model && data && note?.model === modelKey(model) ? note.text : null;
}

function minutes(ms: number): number {
  return Math.round(ms / 60000);
}

/** Honest about a floor that still takes longer than the budget on this machine. */
function fitNote(sizedMs: number): string {
  return sizedMs <= FIRST_RUN_BUDGET_MS
    ? 'a first run takes at most 5 minutes here'
    : `the shortest run, still about ${minutes(sizedMs)} min here`;
}
