import { create } from 'zustand';
import { createEngineSlice, type EngineSlice } from './engine-slice';

/** The lab's one store, built from small slices (plain data only — never tensors). */
export type LabState = EngineSlice;

export const useLabStore = create<LabState>()((...a) => ({
  ...createEngineSlice(...a),
}));
