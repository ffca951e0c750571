import { parseModelFiles } from '../core/model/load-files';
import { importOnnx, onnxFileIn } from '../core/formats/onnx/onnx-import';
import { LabError } from '../core/errors';
import { findDemo } from '../core/demos/registry';
import { appUrl, fetchModelFiles } from './asset-fetch';
import { session } from './engine-session';
import { inputSizes } from '../core/footprint/input-bytes';
import { summarizeModel, withInputSizes } from './model-summary';
import type { FileBytes, ModelSummary } from '../protocol/engine-types';

/**
 * Parses first and swaps the session's model only on success, so a bad file leaves the
 * previously loaded model in place.
 */
function adopt(files: Record<string, Uint8Array>, origin: string): ModelSummary {
  const onnxName = onnxFileIn(files);
  const spec = onnxName ? importOnnx(files[onnxName], onnxName) : parseModelFiles(files);
  const input = inputSizes(files, spec);
  const summary = withInputSizes(summarizeModel(spec, origin), spec, input);
  session.model = { spec, summary, input };
  session.compressed = null;
  return summary;
}

export async function loadDemo(name: string): Promise<ModelSummary> {
  if (!findDemo(name))
    throw new LabError('UNKNOWN_NAME', `There is no demo model called "${name}".`);
  const files = await fetchModelFiles(appUrl(`models/${name}/model.json`));
  return adopt(files, `demo ${name}`);
}

/** The model fetch in flight, so the page's Cancel can stop it. */
let modelFetch: AbortController | null = null;

export async function loadModelUrl(url: string): Promise<ModelSummary> {
  modelFetch?.abort();
  const controller = new AbortController();
  modelFetch = controller;
  try {
    return adopt(await fetchModelFiles(url, { signal: controller.signal }), url);
  } finally {
    if (modelFetch === controller) modelFetch = null;
  }
}

export function cancelModelLoad(): { cancelled: boolean } {
  const cancelled = modelFetch !== null;
  modelFetch?.abort();
  return { cancelled };
}

export function loadModelFiles(files: FileBytes[]): ModelSummary {
  // Null prototype: a file named "__proto__" or "toString" is data, not an object member.
  const record = Object.create(null) as Record<string, Uint8Array>;
  for (const f of files) record[f.name] = new Uint8Array(f.bytes);
  const names = files.map((f) => f.name.split('/').pop()).join(', ');
  return adopt(record, names);
}
