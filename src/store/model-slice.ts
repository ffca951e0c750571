import type { StateCreator } from 'zustand';
import type { DataId, DataSummary, ModelSummary } from '../protocol/engine-types';

/** The loaded model and data as the worker described them (plain data). */
export interface ModelSlice {
  model: ModelSummary | null;
  modelLoading: string | null;
  modelError: string | null;
  dataId: DataId | null;
  data: DataSummary | null;
  dataLoading: boolean;
  dataError: string | null;
  /** A model URL from the link, waiting for the user's yes: nothing is fetched before it. */
  pendingModelUrl: string | null;
  /** The model URL being fetched (its Cancel shows while set). */
  fetchingModelUrl: string | null;
  setPendingModelUrl: (url: string | null) => void;
  setFetchingModelUrl: (url: string | null) => void;
  setModelLoading: (what: string) => void;
  setModel: (summary: ModelSummary) => void;
  setModelError: (message: string) => void;
  setDataLoading: (id: DataId | null) => void;
  setData: (summary: DataSummary) => void;
  setDataError: (message: string) => void;
}

export const createModelSlice: StateCreator<ModelSlice, [], [], ModelSlice> = (set) => ({
  model: null,
  modelLoading: null,
  modelError: null,
  dataId: null,
  data: null,
  dataLoading: false,
  dataError: null,
  pendingModelUrl: null,
  fetchingModelUrl: null,
  setPendingModelUrl: (pendingModelUrl) => set({ pendingModelUrl }),
  setFetchingModelUrl: (fetchingModelUrl) => set({ fetchingModelUrl }),
  setModelLoading: (what) => set({ modelLoading: what, modelError: null }),
  setModel: (model) => set({ model, modelLoading: null, modelError: null }),
  // The previous model stays: a bad drop must not cost the user their loaded model.
  setModelError: (message) => set({ modelLoading: null, modelError: message }),
  setDataLoading: (dataId) => set({ dataId, dataLoading: true, dataError: null }),
  // Dropped images have no built-in id: no radio is checked and links do not name them.
  setData: (data) =>
    set({
      data,
      dataId: data.id === 'images' ? null : data.id,
      dataLoading: false,
      dataError: null,
    }),
  setDataError: (message) => set({ dataLoading: false, dataError: message }),
});
