import { LabError } from '../errors';

/**
 * What running out of memory looks like from inside the engine, per backend: the wasm module
 * aborts ("Aborted(). Build with -sASSERTIONS…", or "memory access out of bounds" when a grown
 * heap is addressed past its end), the JS heap refuses an ArrayBuffer ("Array buffer allocation
 * failed", "Invalid typed array length" for a huge one), WebGL loses its context or fails a
 * texture, WebGPU reports an out-of-memory error or a failed buffer mapping.
 */
const OUT_OF_MEMORY_PATTERNS: readonly RegExp[] = [
  /^Aborted\(/,
  /memory access out of bounds/i,
  /Array buffer allocation failed/i,
  /Invalid typed array length/i,
  /WebAssembly\.Memory.*grow/i,
  /out of memory/i,
  /Failed to allocate/i,
  /GPUOutOfMemoryError/,
];

export function isOutOfMemoryError(e: unknown): boolean {
  if (e instanceof LabError) return e.code === 'OUT_OF_MEMORY';
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return OUT_OF_MEMORY_PATTERNS.some((p) => p.test(text) || p.test(text.replace(/^\w+: /, '')));
}

export interface OutOfMemoryContext {
  /** The run phase in force when memory ran out ('prune:layerwise', 'fine-tune', 'qat', …). */
  phase: string;
  batchSize: number;
  /** The memory plan's largest batch for the budget (0: none fits). */
  largestBatch: number;
}

/** The next batch to try: half the failed one, and no more than the plan's largest. */
export function nextBatchToTry(context: OutOfMemoryContext): number {
  const half = Math.floor(context.batchSize / 2);
  return context.largestBatch > 0 ? Math.min(half, context.largestBatch) : half;
}

/** The typed error the page shows (the raw backend message only as the cause, in brackets). */
export function outOfMemoryError(context: OutOfMemoryContext, cause: unknown): LabError {
  const raw = (cause instanceof Error ? cause.message : String(cause)).split('.')[0].trim();
  const next = nextBatchToTry(context);
  const advice =
    next >= 1
      ? `try batch ${next}`
      : 'try PTQ (0 QAT steps), a smaller model or a larger memory budget';
  return new LabError(
    'OUT_OF_MEMORY',
    `The engine ran out of memory in the ${context.phase} phase at batch ${context.batchSize} (${raw}); it restarts with the same model and data: ${advice}.`,
  );
}
