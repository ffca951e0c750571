import fs from 'node:fs';
import path from 'node:path';
import { LabError } from '../../core/errors';
import { importOnnx } from '../../core/formats/onnx/onnx-import';
import { checkFileSizes } from '../../core/limits/file-limits';
import type { ModelSpec } from '../../core/model/spec';

/** The CLI's `.onnx` branch: a path ending in .onnx is read whole and imported. */
export function isOnnxPath(p: string): boolean {
  return p.toLowerCase().endsWith('.onnx');
}

export function readOnnxModel(p: string): { spec: ModelSpec; files: Record<string, Uint8Array> } {
  if (!fs.existsSync(p) || !fs.statSync(p).isFile())
    throw new LabError('INVALID_ARGUMENT', `Model path "${p}" is not an .onnx file.`);
  const name = path.basename(p);
  checkFileSizes([{ name, sizeBytes: fs.statSync(p).size }], 'model');
  const bytes = new Uint8Array(fs.readFileSync(p));
  return { spec: importOnnx(bytes, name), files: { [name]: bytes } };
}
