/// <reference lib="webworker" />
/**
 * The one long-lived module worker that owns tfjs. It answers typed requests (see
 * protocol.ts) and streams events; errors travel as {code, message} and are shown verbatim.
 */
import { handleRequest } from './handlers';
import { toErrorInfo } from '../core/errors';
import type { EngineEvent, WorkerMessage, WorkerPing, WorkerRequest } from '../protocol/messages';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(message: WorkerMessage, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

function emit(id: number, event: EngineEvent): void {
  post({ kind: 'event', id, event });
}

scope.onmessage = async (e: MessageEvent<WorkerRequest | WorkerPing>) => {
  const request = e.data;
  if (request?.kind === 'ping') return post({ kind: 'pong', id: request.id });
  if (request?.kind !== 'request') return;
  try {
    const { result, transfer } = await handleRequest(request, (event) => emit(request.id, event));
    post({ kind: 'response', id: request.id, ok: true, result }, transfer);
  } catch (err) {
    post({ kind: 'response', id: request.id, ok: false, error: toErrorInfo(err) });
  }
};
