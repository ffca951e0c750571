import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemoArchitecture } from '../src/core/demos/architectures';
import { DEMOS, type DemoInfo, type DemoName } from '../src/core/demos/registry';
import { parseModelFiles } from '../src/core/model/load-files';
import type { ModelSpec } from '../src/core/model/spec';
import { specFromLayersModel } from '../src/core/model/tf-bridge';
import type { LossKind } from '../src/core/train/trainer';
import { readModelDir } from '../src/node/model-files';
import { tf } from '../src/node/node-backend';

/**
 * Where the benches get the demo models. Speed needs only the architecture (random weights,
 * as in the PyTorch reference); quality needs the trained files in public/models/<name>/.
 */
export const REPO_ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_OUT_DIR = path.join(REPO_ROOT, 'bench', 'out');
export const DEMO_NAMES: readonly DemoName[] = DEMOS.map((d) => d.name);

export function demoInfo(name: DemoName): DemoInfo {
  return DEMOS.find((d) => d.name === name)!;
}

export function lossOf(name: DemoName): LossKind {
  return demoInfo(name).task === 'classification' ? 'cross-entropy' : 'mse';
}

export function trainedModelDir(name: DemoName): string {
  return path.join(REPO_ROOT, 'public', 'models', name);
}

export function hasTrainedModel(name: DemoName): boolean {
  return existsSync(path.join(trainedModelDir(name), 'model.json'));
}

export function loadTrainedSpec(name: DemoName): ModelSpec {
  return { ...parseModelFiles(readModelDir(path.join(trainedModelDir(name), 'model.json'))), name };
}

/** The demo's architecture at `width` with seeded random initial weights. */
export async function architectureSpec(name: DemoName, width = 1, seed = 1): Promise<ModelSpec> {
  const model = buildDemoArchitecture(name, { width, seed });
  try {
    return await specFromLayersModel(model, name);
  } finally {
    model.dispose();
  }
}

/** Writes the architecture's Keras topology JSON for the PyTorch reference; returns the path. */
export function writeTopologyFile(name: DemoName): string {
  const model = buildDemoArchitecture(name);
  const file = path.join(BENCH_OUT_DIR, 'arch', `${name}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ modelTopology: model.toJSON(null, false) }));
  model.dispose();
  return file;
}

/** The facts every bench report opens with (compare runs only on the same machine). */
export function machineFacts(): { cpus: number; cpuModel: string; node: string; tfjs: string } {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? '?',
    node: process.version,
    tfjs: tf.version.tfjs,
  };
}
