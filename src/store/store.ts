import { create } from 'zustand';
import { createAnalysisSlice, type AnalysisSlice } from './analysis-slice';
import { createEngineSlice, type EngineSlice } from './engine-slice';
import { createModelSlice, type ModelSlice } from './model-slice';
import { createNetworkSlice, type NetworkSlice } from './network-slice';
import { createPipelineSlice, type PipelineSlice } from './pipeline-slice';
import { createRunSlice, type RunSlice } from './run-slice';

/** The lab's one store, built from small slices (plain data only — never tensors). */
export type LabState = EngineSlice &
  ModelSlice &
  PipelineSlice &
  RunSlice &
  AnalysisSlice &
  NetworkSlice;

export const useLabStore = create<LabState>()((...a) => ({
  ...createEngineSlice(...a),
  ...createModelSlice(...a),
  ...createPipelineSlice(...a),
  ...createRunSlice(...a),
  ...createAnalysisSlice(...a),
  ...createNetworkSlice(...a),
}));
