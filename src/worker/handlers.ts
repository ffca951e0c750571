import * as tf from '@tensorflow/tfjs';
import { LabError } from '../core/errors';
import { debugClose, debugCrash, estimateMemory, initEngine } from './robustness-handlers';
import { analyzeLastRun, rankShiftPairs, rankShiftSweep } from './analysis-handlers';
import { loadData } from './data-handlers';
import { memoryPlan } from './memory-handlers';
import { timeSteps } from './step-timing';
import { loadImageData } from './image-data-handlers';
import { buildExportBundle, bundleTransfer } from './export-bundle';
import { exportEstimate } from './download-choice';
import { requireCompressed, requireModel } from './engine-session';
import { cancelModelLoad, loadDemo, loadModelFiles, loadModelUrl } from './model-handlers';
import { quantizeWeightsDataFree, weightQuantTransfer } from './weight-quant-handlers';
import { cancelRun, evaluateLoaded, runPipeline, verifyDownload } from './run-handlers';
import type { EngineEvent, RequestMap, RequestType, WorkerRequest } from '../protocol/messages';

export interface HandlerResult {
  result: unknown;
  transfer?: Transferable[];
}

type Emit = (event: EngineEvent) => void;
type Handler<T extends RequestType> = (
  params: RequestMap[T]['params'],
  emit: Emit,
) => Promise<RequestMap[T]['result']>;

/** Results whose buffers are moved, not copied, to the page. */
const transfersOf: { [T in RequestType]?: (result: RequestMap[T]['result']) => Transferable[] } = {
  export: bundleTransfer,
  quantizeWeights: weightQuantTransfer,
};

const handlers: { [T in RequestType]: Handler<T> } = {
  init: async (p, emit) => initEngine(p.backend, p.simulate ?? {}, emit),
  async memory() {
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes };
  },
  loadDemo: async (p) => loadDemo(p.name),
  loadModelFiles: async (p) => loadModelFiles(p.files),
  loadModelUrl: async (p) => loadModelUrl(p.url),
  cancelModelLoad: async () => cancelModelLoad(),
  inspect: async () => requireModel().summary,
  loadData: async (p) => loadData(p.id),
  loadImageData: async (p) => loadImageData(p.files),
  evaluate: async (p) => evaluateLoaded(p.which),
  runPipeline: async (p, emit) => runPipeline(p.runId, p.settings, emit, p.memoryBudgetBytes),
  cancel: async (p) => cancelRun(p.runId),
  export: async () => buildExportBundle(requireCompressed()),
  verifyDownload: async (p) => verifyDownload(p.files),
  exportEstimate: async (p) => exportEstimate(p.settings),
  quantizeWeights: async (p) => quantizeWeightsDataFree(p),
  rankShiftSweep: async (p) => rankShiftSweep(p),
  rankShiftPairs: async (p) => rankShiftPairs(p),
  analyzeLastRun: async () => analyzeLastRun(),
  estimateMemory: async (p) => estimateMemory(p.batchSize, p.budgetBytes),
  memoryPlan: async (p) => memoryPlan(p.settings, p.budgetBytes),
  timeSteps: async (p) => timeSteps(p.batchSize),
  debugCrash: async () => debugCrash(),
  debugClose: async () => debugClose(),
};

export async function handleRequest(request: WorkerRequest, emit: Emit): Promise<HandlerResult> {
  const handler = handlers[request.type] as Handler<RequestType> | undefined;
  if (!handler) throw new LabError('UNKNOWN_NAME', `Unknown request "${request.type}".`);
  const result = await handler(request.params as never, emit);
  const transfer = (transfersOf[request.type] as ((r: unknown) => Transferable[]) | undefined)?.(
    result,
  );
  return { result, transfer };
}
