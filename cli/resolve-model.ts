import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LabError } from '../src/core/errors';
import { parseModelFiles } from '../src/core/model/load-files';
import type { ModelSpec } from '../src/core/model/spec';
import { readModelDir } from '../src/node/model-files';
import { isOnnxPath, readOnnxModel } from '../src/node/onnx/onnx-file';

/** The repository root (cli/ sits one level below it). */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `demo:<name>` → public/models/<name>/model.json; anything else is a path to a model.json or its folder. */
export function resolveModelPath(arg: string, root: string = ROOT): string {
  if (!arg.startsWith('demo:')) return arg;
  const name = arg.slice('demo:'.length);
  if (!/^[A-Za-z0-9_-]+$/.test(name)) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `Demo model name "${name}" must be letters, digits, "-" or "_".`,
    );
  }
  return path.join(root, 'public', 'models', name, 'model.json');
}

/** Reads and parses the model a CLI argument names. */
export function loadModelSpec(arg: string | undefined): { spec: ModelSpec; modelPath: string } {
  if (!arg)
    throw new LabError(
      'INVALID_ARGUMENT',
      'Name a model: a model.json, its folder, or demo:<name>.',
    );
  const modelPath = resolveModelPath(arg);
  if (isOnnxPath(modelPath)) return { spec: readOnnxModel(modelPath).spec, modelPath };
  const files = readModelDir(modelPath);
  const jsonPath = modelPath.toLowerCase().endsWith('.json') ? path.basename(modelPath) : undefined;
  return { spec: parseModelFiles(files, jsonPath ? { jsonPath } : {}), modelPath };
}
