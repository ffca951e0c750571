import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../core/backend';
import { LabError } from '../core/errors';
import { registerBrowserBackends } from './register-backends';
import type { EngineEvent, RequestMap, RequestType, WorkerRequest } from './protocol';

export interface HandlerResult {
  result: unknown;
  transfer?: Transferable[];
}

type Emit = (event: EngineEvent) => void;
type Handler<T extends RequestType> = (
  params: RequestMap[T]['params'],
  emit: Emit,
) => Promise<RequestMap[T]['result']>;

const handlers: { [T in RequestType]: Handler<T> } = {
  async init(params, emit) {
    registerBrowserBackends();
    const report = await initBackend(params.backend);
    emit({ type: 'backend', report });
    return report;
  },
  async memory() {
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes };
  },
};

export async function handleRequest(request: WorkerRequest, emit: Emit): Promise<HandlerResult> {
  const handler = handlers[request.type] as Handler<RequestType> | undefined;
  if (!handler) throw new LabError('INVALID_ARGUMENT', `Unknown request "${request.type}".`);
  return { result: await handler(request.params as never, emit) };
}
