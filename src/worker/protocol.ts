/**
 * The typed message protocol between the page and the engine worker. Only plain data and
 * transferable buffers cross it — never tensors. Every request carries an id; the worker
 * answers once with `response` (ok/error) and may send any number of `event`s meanwhile.
 */
import type { BackendPreference, BackendReport } from '../core/backend-names';

export interface ErrorInfo {
  code: string;
  message: string;
}

export interface RequestMap {
  init: { params: { backend: BackendPreference }; result: BackendReport };
  memory: { params: Record<string, never>; result: MemoryInfo };
}

export type RequestType = keyof RequestMap;

export interface MemoryInfo {
  numTensors: number;
  numBytes: number;
}

export interface WorkerRequest<T extends RequestType = RequestType> {
  kind: 'request';
  id: number;
  type: T;
  params: RequestMap[T]['params'];
}

export type WorkerResponse =
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: ErrorInfo };

export interface WorkerEvent {
  kind: 'event';
  /** The request this event belongs to (e.g. a run's progress), or 0 for global events. */
  id: number;
  event: EngineEvent;
}

export type EngineEvent =
  { type: 'backend'; report: BackendReport } | { type: 'log'; message: string };

export type WorkerMessage = WorkerResponse | WorkerEvent;
