/**
 * The size of the next run's download against the user's file, asked of the engine whenever
 * the model or the sparsity / weight bits change (a small store of its own, plain data).
 */
import { create } from 'zustand';
import type { PipelineSettings } from '../protocol/engine-types';
import type { ExportEstimateInfo } from '../protocol/messages';
import { getEngine } from './engine-connection';

interface ExportEstimateState {
  estimate: ExportEstimateInfo | null;
}

export const useExportEstimate = create<ExportEstimateState>()(() => ({ estimate: null }));

let asked = 0;

export async function refreshExportEstimate(settings: PipelineSettings): Promise<void> {
  const ticket = ++asked;
  try {
    const estimate = await getEngine().request('exportEstimate', { settings });
    if (ticket === asked) useExportEstimate.setState({ estimate });
  } catch {
    // No model yet or the engine restarting: nothing to estimate.
    if (ticket === asked) useExportEstimate.setState({ estimate: null });
  }
}
