/**
 * What the user actually supplied: the bytes of the model JSON and the weight files it names
 * (and their gzip), and the dtype the weights were stored in. Every "smaller" the lab prints
 * is measured against these bytes first (docs/quantization.md, "Sizes"): a model whose
 * weights already arrived as uint8 is not made 4× smaller by an 8-bit export, whatever a
 * float32 copy of it would weigh.
 */
import { artifactBytes } from './artifact-bytes';
import { isRecord, ownField, parsedJsonFiles } from '../model/model-json';
import { basenameOf } from '../model/shard-bytes';
import type { ModelSpec } from '../model/spec';

export interface InputSizes {
  /** Model JSON + its weight files as given. */
  fileBytes: number;
  gzipBytes: number;
  /** The model JSON alone (a topology costs about as much in an export: used by estimates). */
  modelJsonBytes: number;
  /** The stored dtype of the weights: one dtype, or the dtypes by parameter count ("uint8 + float32"). */
  storedDtype: string;
  /** Parameters per stored dtype. */
  paramsByDtype: Record<string, number>;
}

function manifestPaths(json: unknown): string[] | null {
  if (!isRecord(json) || ownField(json, 'modelTopology') === undefined) return null;
  const manifest = ownField(json, 'weightsManifest');
  if (!Array.isArray(manifest)) return [];
  return manifest.flatMap((group) => {
    const paths = isRecord(group) ? ownField(group, 'paths') : undefined;
    return Array.isArray(paths) ? paths.filter((p): p is string => typeof p === 'string') : [];
  });
}

/** The model JSON and the files its manifest names (by basename); all files when none parses. */
export function modelInputFiles(files: Record<string, Uint8Array>): Record<string, Uint8Array> {
  for (const [name, json] of parsedJsonFiles(files)) {
    const paths = manifestPaths(json);
    if (paths === null) continue;
    const shards = new Set(paths.map(basenameOf));
    const picked: Record<string, Uint8Array> = { [name]: files[name] };
    for (const [other, b] of Object.entries(files)) {
      if (other !== name && shards.has(basenameOf(other))) picked[other] = b;
    }
    return picked;
  }
  return files;
}

export function storedDtypeOf(spec: ModelSpec): Pick<InputSizes, 'storedDtype' | 'paramsByDtype'> {
  const paramsByDtype: Record<string, number> = {};
  for (const [name, weight] of Object.entries(spec.weights)) {
    const dtype = spec.meta.storedWeightDtypes[name] ?? 'float32';
    paramsByDtype[dtype] = (paramsByDtype[dtype] ?? 0) + weight.data.length;
  }
  const order = Object.entries(paramsByDtype).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return {
    storedDtype: order.length === 0 ? 'float32' : order.map(([d]) => d).join(' + '),
    paramsByDtype,
  };
}

/** The input's sizes from the files the user gave (file name → bytes) and the parsed model. */
export function inputSizes(files: Record<string, Uint8Array>, spec: ModelSpec): InputSizes {
  const picked = modelInputFiles(files);
  const bytes = artifactBytes(picked);
  const jsonName = Object.keys(picked).find((n) => n.toLowerCase().endsWith('.json'));
  return {
    fileBytes: bytes.fileBytes,
    gzipBytes: bytes.gzipBytes,
    modelJsonBytes: jsonName === undefined ? 0 : picked[jsonName].length,
    ...storedDtypeOf(spec),
  };
}
