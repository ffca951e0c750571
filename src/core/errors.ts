/**
 * The one error class of the lab. Every failure a user can cause carries a stable
 * string code (for tests and the UI) and a message that names the file or layer and
 * ends with a period.
 */
export type LabErrorCode =
  | 'NOT_JSON'
  | 'GRAPH_MODEL'
  | 'MISSING_TOPOLOGY'
  | 'MANIFEST_ONLY'
  | 'SHARD_MISSING'
  | 'BYTE_LENGTH_MISMATCH'
  | 'UNSUPPORTED_LAYER'
  | 'UNKNOWN_ACTIVATION'
  | 'INVALID_MODEL'
  | 'WEIGHTS_MISSING'
  | 'FILE_TOO_LARGE'
  | 'INVALID_ARGUMENT'
  | 'INVALID_DATA'
  | 'BACKEND_UNAVAILABLE'
  | 'CANCELLED'
  | 'UNSUPPORTED'
  | 'BACKEND_LOST'
  | 'TIMEOUT'
  | 'TRAINING_DIVERGED'
  | 'OUT_OF_MEMORY'
  | 'MEMORY_BUDGET'
  /** A layer, unit or group named by the caller is not in the model. */
  | 'LAYER_NOT_FOUND'
  /** Asked before what it needs exists: no model or data loaded, no finished run, state unflushed. */
  | 'NOT_READY'
  /** A run is already in progress. */
  | 'BUSY'
  /** A number outside its allowed range (sparsity, bit width, steps, sizes). */
  | 'OUT_OF_RANGE'
  /** Tensors, shapes or lengths that must agree do not. */
  | 'SHAPE_MISMATCH'
  /** A name the lab does not know (method, format, criterion, backend). */
  | 'UNKNOWN_NAME'
  /** A network fetch failed (no answer, or an HTTP error status). */
  | 'FETCH_FAILED'
  /** A URL the lab will not fetch from (not http(s), another origin). */
  | 'URL_REFUSED';

export class LabError extends Error {
  readonly code: LabErrorCode;

  constructor(code: LabErrorCode, message: string) {
    super(message);
    this.name = 'LabError';
    this.code = code;
  }
}

export function isLabError(e: unknown): e is LabError {
  return e instanceof LabError;
}

/** Turns anything thrown into the `{code, message}` pair the UI and CLI show verbatim. */
export function toErrorInfo(e: unknown): { code: string; message: string } {
  if (e instanceof LabError) return { code: e.code, message: e.message };
  if (e instanceof Error) return { code: 'INTERNAL', message: e.message };
  return { code: 'INTERNAL', message: String(e) };
}

/** Throws a CANCELLED LabError when the signal is aborted; call between steps. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new LabError('CANCELLED', 'The run was cancelled.');
}
