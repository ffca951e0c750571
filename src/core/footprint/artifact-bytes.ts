/**
 * Byte figures of an exported model (method.md §7). Three different numbers, never to be
 * presented as one another:
 * - fileBytes: what the files weigh on disk / over the wire uncompressed;
 * - gzipBytes: the same files gzip-compressed (what a server with compression sends);
 * - runtimeBytes: what the weights occupy once tfjs has loaded them — it dequantizes every
 *   weight to float32, so 4 bytes per parameter whatever the file stored.
 */
import { gzipSync } from 'fflate';
import { countParams, type ModelSpec } from '../model/spec';

export interface ArtifactBytes {
  fileBytes: number;
  gzipBytes: number;
  /** Per file name: [file bytes, gzip bytes]. */
  perFile: Record<string, { fileBytes: number; gzipBytes: number }>;
}

export function artifactBytes(files: Record<string, Uint8Array>): ArtifactBytes {
  const perFile: ArtifactBytes['perFile'] = {};
  let fileBytes = 0;
  let gzipBytes = 0;
  for (const [name, bytes] of Object.entries(files)) {
    const gz = gzipSync(bytes, { level: 9 }).length;
    perFile[name] = { fileBytes: bytes.length, gzipBytes: gz };
    fileBytes += bytes.length;
    gzipBytes += gz;
  }
  return { fileBytes, gzipBytes, perFile };
}

/** Weight bytes in memory after a stock tfjs load: parameters × 4 (float32). */
export function runtimeBytes(spec: ModelSpec): number {
  return countParams(spec) * 4;
}
