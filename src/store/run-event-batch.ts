/**
 * Trace and importance events of a run reach the store at most every BATCH_MS: a one-shot run
 * recomputes every group's mask in the same step, and one render per event would add up to a
 * long main-thread task. One flush applies the whole batch (React renders once).
 */
import type { ImportanceEvent, TraceEvent } from '../protocol/messages';
import { useLabStore } from './store';

export const BATCH_MS = 100;

let pending: (TraceEvent | ImportanceEvent)[] = [];
let timer: ReturnType<typeof setTimeout> | null = null;

export function flushRunEvents(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  const batch = pending;
  pending = [];
  const store = useLabStore.getState();
  for (const e of batch) if (e.type === 'trace') store.applyTrace(e);
  store.applyImportance(batch.filter((e): e is ImportanceEvent => e.type === 'importance'));
}

export function queueRunEvent(event: TraceEvent | ImportanceEvent): void {
  pending.push(event);
  timer ??= setTimeout(flushRunEvents, BATCH_MS);
}
