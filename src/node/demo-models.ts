import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as tf from '@tensorflow/tfjs';
import { findDemo, DEMOS, type DemoInfo } from '../core/demos/registry';
import { LabError } from '../core/errors';
import { parseModelFiles } from '../core/model/load-files';
import { buildLayersModel } from '../core/model/tf-bridge';
import { readModelDir } from './model-files';
import { isOnnxPath, readOnnxModel } from './onnx/onnx-file';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where the shipped demo models live (served to the browser as /models/<name>/model.json). */
export const DEMO_MODELS_DIR = path.join(ROOT, 'public', 'models');

export interface ModelRef {
  /** Path of a model.json or of a folder holding one. */
  modelPath: string;
  /** The built-in demo, for `demo:<name>` references. */
  demo?: DemoInfo;
}

/** `demo:<name>` → public/models/<name>/model.json; anything else is a file-system path. */
export function resolveModelRef(ref: string): ModelRef {
  if (!ref.startsWith('demo:')) return { modelPath: ref };
  const name = ref.slice('demo:'.length);
  const demo = findDemo(name);
  if (!demo)
    throw new LabError(
      'INVALID_ARGUMENT',
      `Unknown demo "${name}": choose one of ${DEMOS.map((d) => d.name).join(', ')}.`,
    );
  return { modelPath: path.join(DEMO_MODELS_DIR, name, 'model.json'), demo };
}

/** Reads a layers model from disk through the lab's own parser, then builds it with tfjs. */
export async function loadLayersModelFromPath(modelPath: string): Promise<tf.LayersModel> {
  if (isOnnxPath(modelPath)) return buildLayersModel(readOnnxModel(modelPath).spec);
  const files = readModelDir(modelPath);
  const isJson = modelPath.toLowerCase().endsWith('.json');
  const spec = parseModelFiles(files, isJson ? { jsonPath: path.basename(modelPath) } : {});
  return buildLayersModel(spec);
}
