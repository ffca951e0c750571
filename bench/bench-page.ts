/**
 * The browser side of `npm run bench:speed`: Playwright opens bench/bench.html and calls
 * window.runSpeedBench once per backend. Backends are registered exactly as the lab's worker
 * does; the models are the demo architectures with seeded random weights (speed only).
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendName } from '../src/core/backend';
import { buildDemoArchitecture } from '../src/core/demos/architectures';
import type { DemoName } from '../src/core/demos/registry';
import { specFromLayersModel } from '../src/core/model/tf-bridge';
import { registerBrowserBackends, withThreadCount } from '../src/worker/register-backends';
import { measureSpeed, type SpeedCell } from './speed-core';
import type { TimingPlan } from './timing';

export interface BrowserSpeedRequest {
  backend: BackendName;
  models: { name: DemoName; loss: 'cross-entropy' | 'mse' }[];
  batch: number;
  plan: TimingPlan;
  /** wasm thread pool size (default one per core); the first request of a page fixes it. */
  wasmThreads?: number;
}

export interface BrowserSpeedResponse {
  backend: string;
  /** Why the backend could not start here (then `cells` is empty). */
  skipped?: string;
  /** A failure while measuring (then `cells` is empty): a bench bug, never a skip. */
  error?: string;
  adapter?: { architecture: string; isFallbackAdapter: boolean } | null;
  /** wasm only: the thread pool size it ran with. */
  threads?: number;
  cells: SpeedCell[];
}

async function runSpeedBench(req: BrowserSpeedRequest): Promise<BrowserSpeedResponse> {
  registerBrowserBackends({ wasmThreads: req.wasmThreads });
  let report;
  try {
    report = await initBackend(req.backend);
  } catch (e) {
    return { backend: req.backend, skipped: e instanceof Error ? e.message : String(e), cells: [] };
  }
  const adapter = report.adapterInfo
    ? { architecture: report.adapterInfo.architecture, isFallbackAdapter: report.isFallbackAdapter }
    : null;
  const cells: SpeedCell[] = [];
  for (const m of req.models) {
    const model = buildDemoArchitecture(m.name);
    const spec = await specFromLayersModel(model, m.name);
    model.dispose();
    cells.push({
      ...(await measureSpeed({ spec, loss: m.loss, batch: req.batch, plan: req.plan })),
      backend: `browser-${tf.getBackend()}`,
    });
  }
  const threads = withThreadCount(report).threadCount;
  return { backend: req.backend, adapter, ...(threads ? { threads } : {}), cells };
}

(window as unknown as { runSpeedBench: typeof runSpeedBench }).runSpeedBench = runSpeedBench;
document.getElementById('status')!.textContent = 'ready';
