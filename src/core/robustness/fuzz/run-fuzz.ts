import * as tf from '@tensorflow/tfjs';
import { isLabError } from '../../errors';
import { buildChannelGraph } from '../../graph/channel-graph';
import { inspectModel } from '../../graph/inspect-model';
import { preflight, validateSupported } from '../../graph/supported-layers';
import { parseModelFiles } from '../../model/load-files';
import { countParams, type ModelSpec } from '../../model/spec';
import { buildLayersModel } from '../../model/tf-bridge';
import { createRng } from '../../random';
import { BYTE_MUTATIONS, type Mutation } from './byte-mutations';
import { pick, randomInt, type FileSet } from './json-tree';
import { HOSTILE_MUTATIONS } from './hostile-mutations';
import { JSON_MUTATIONS, NON_FINITE_MUTATION } from './json-mutations';
import type { SeedModel } from './seed-models';

/**
 * Drives mutated model file sets through what the lab does with a dropped model: the loader
 * (parseModelFiles), the inspect path (preflight → buildChannelGraph → inspectModel →
 * validateSupported) and, for a cheap subset of loaded models, the tfjs build. A case must
 * end in a load or a LabError whose message is non-empty and ends with a period; anything
 * else is a crash. A case over the time limit is a hang (the synchronous loader cannot be
 * interrupted, so its time is measured; the asynchronous build is raced against a timer).
 */
export const ALL_MUTATIONS: readonly Mutation[] = [
  ...BYTE_MUTATIONS,
  ...JSON_MUTATIONS,
  NON_FINITE_MUTATION,
  ...HOSTILE_MUTATIONS,
];

export type CaseOutcome = 'loaded' | 'typed' | 'crash' | 'hang';

export interface CaseResult {
  outcome: CaseOutcome;
  /** The LabError code for 'typed'; the error's name and message for 'crash'. */
  detail?: string;
  elapsedMs: number;
  built: boolean;
  /** Tensors alive after the case that were not before it (must be 0). */
  leakedTensors: number;
  /** Length of the LabError message, for 'typed'. */
  messageLength?: number;
}

export interface FuzzOptions {
  seed: number;
  cases: number;
  /** Per-case limit (default 2,000 ms). */
  timeLimitMs?: number;
  /** Build a tf.LayersModel for every k-th loaded case with at most `buildMaxParams` params (default 8 and 20,000). */
  buildEvery?: number;
  buildMaxParams?: number;
}

export interface FuzzFailure {
  caseIndex: number;
  seedModel: string;
  mutations: string[];
  outcome: CaseOutcome;
  detail: string;
}

export interface FuzzSummary {
  cases: number;
  loaded: number;
  typedErrors: number;
  crashes: number;
  hangs: number;
  built: number;
  /** Cases after which more tensors were alive than before (reported in `failures` too). */
  leakyCases: number;
  byCode: Record<string, number>;
  byMutation: Record<string, number>;
  failures: FuzzFailure[];
  maxCaseMs: number;
  /** Longest LabError message seen (users read these verbatim). */
  maxMessageLength: number;
}

function checkMessage(e: unknown): string | undefined {
  if (!isLabError(e))
    return `${e instanceof Error ? e.name : typeof e}: ${e instanceof Error ? e.message : String(e)}`;
  if (e.message.length === 0 || !e.message.endsWith('.'))
    return `LabError ${e.code} with a malformed message: ${JSON.stringify(e.message.slice(-200))}`;
  return undefined;
}

/** The inspect path, in the order the worker and the CLI run it. */
function inspectFiles(files: FileSet): ModelSpec {
  const spec = parseModelFiles(files);
  preflight(spec);
  inspectModel(spec, buildChannelGraph(spec));
  validateSupported(spec);
  return spec;
}

async function buildWithin(spec: ModelSpec, timeLimitMs: number): Promise<'ok' | 'hang'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'hang'>(
    (resolve) => (timer = setTimeout(() => resolve('hang'), timeLimitMs)),
  );
  const build = buildLayersModel(spec).then((model) => {
    model.dispose();
    return 'ok' as const;
  });
  try {
    return await Promise.race([build, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runFuzzCase(
  files: FileSet,
  build: boolean,
  timeLimitMs = 2000,
): Promise<CaseResult> {
  const started = performance.now();
  const tensorsBefore = tf.memory().numTensors;
  const result = (outcome: CaseOutcome, detail?: string, built = false): CaseResult => {
    const elapsedMs = performance.now() - started;
    const leakedTensors = tf.memory().numTensors - tensorsBefore;
    return {
      outcome: elapsedMs > timeLimitMs ? 'hang' : outcome,
      detail,
      elapsedMs,
      built,
      leakedTensors,
    };
  };
  let spec: ModelSpec;
  try {
    spec = inspectFiles(files);
  } catch (e) {
    const bad = checkMessage(e);
    return bad
      ? result('crash', bad)
      : {
          ...result('typed', isLabError(e) ? e.code : undefined),
          messageLength: (e as Error).message.length,
        };
  }
  if (!build) return result('loaded');
  try {
    const status = await buildWithin(
      spec,
      Math.max(1, timeLimitMs - (performance.now() - started)),
    );
    return status === 'hang'
      ? result('hang', 'tf.loadLayersModel did not settle in time')
      : result('loaded', undefined, true);
  } catch (e) {
    const bad = checkMessage(e);
    return bad
      ? result('crash', `build: ${bad}`, true)
      : result('typed', isLabError(e) ? e.code : undefined, true);
  }
}

/** Case i: seed model i mod n, then 1–3 mutations drawn from createRng(seed · 1,000,003 + i). */
export function fuzzCaseFiles(
  seeds: SeedModel[],
  seed: number,
  index: number,
): { seedModel: string; mutations: string[]; files: FileSet } {
  const rng = createRng(seed * 1_000_003 + index);
  const base = seeds[index % seeds.length];
  let files = base.files;
  const mutations: string[] = [];
  for (let k = randomInt(rng, 1, 3); k > 0; k--) {
    const mutation = pick(rng, ALL_MUTATIONS);
    files = mutation.apply(files, rng);
    mutations.push(mutation.name);
  }
  return { seedModel: base.name, mutations, files };
}

function isCheapToBuild(files: FileSet, maxParams: number): boolean {
  try {
    return countParams(parseModelFiles(files)) <= maxParams;
  } catch {
    return false;
  }
}

export async function runFuzz(seeds: SeedModel[], opts: FuzzOptions): Promise<FuzzSummary> {
  const summary: FuzzSummary = {
    cases: 0,
    loaded: 0,
    typedErrors: 0,
    crashes: 0,
    hangs: 0,
    built: 0,
    leakyCases: 0,
    byCode: {},
    byMutation: {},
    failures: [],
    maxCaseMs: 0,
    maxMessageLength: 0,
  };
  const buildEvery = opts.buildEvery ?? 8;
  let loadedSoFar = 0;
  for (let i = 0; i < opts.cases; i++) {
    const { seedModel, mutations, files } = fuzzCaseFiles(seeds, opts.seed, i);
    for (const m of mutations) summary.byMutation[m] = (summary.byMutation[m] ?? 0) + 1;
    const build =
      loadedSoFar % buildEvery === 0 && isCheapToBuild(files, opts.buildMaxParams ?? 20_000);
    const r = await runFuzzCase(files, build, opts.timeLimitMs);
    summary.cases++;
    summary.maxCaseMs = Math.max(summary.maxCaseMs, r.elapsedMs);
    if (r.built) summary.built++;
    if (r.leakedTensors !== 0) {
      summary.leakyCases++;
      summary.failures.push({
        caseIndex: i,
        seedModel,
        mutations,
        outcome: r.outcome,
        detail: `${r.leakedTensors} tensors leaked; ${r.detail ?? ''}`,
      });
    }
    if (r.outcome === 'loaded') {
      summary.loaded++;
      loadedSoFar++;
    } else if (r.outcome === 'typed') {
      summary.typedErrors++;
      summary.maxMessageLength = Math.max(summary.maxMessageLength, r.messageLength ?? 0);
      summary.byCode[r.detail ?? '?'] = (summary.byCode[r.detail ?? '?'] ?? 0) + 1;
    } else {
      if (r.outcome === 'crash') summary.crashes++;
      else summary.hangs++;
      summary.failures.push({
        caseIndex: i,
        seedModel,
        mutations,
        outcome: r.outcome,
        detail: r.detail ?? '',
      });
    }
  }
  return summary;
}

export function formatFuzzSummary(s: FuzzSummary): string {
  return `${s.cases} cases, ${s.loaded} loaded, ${s.typedErrors} typed errors, ${s.crashes} crashes, ${s.hangs} hangs`;
}

/** Keys of the built-in prototypes, to show a run added none. */
export function prototypeFingerprint(): string {
  const keysOf = (o: object) => Object.getOwnPropertyNames(o).sort().join(',');
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype]
    .map(keysOf)
    .join('|');
}
