import path from 'node:path';
import { exportOnnx } from '../../src/core/formats/onnx/onnx-export';
import { FLOAT_BITS } from '../../src/core/quant/quant-plan';
import type { CliCommand, ParsedArgs } from '../command';
import { LabError } from '../../src/core/errors';
import { buildChannelGraph } from '../../src/core/graph/channel-graph';
import { storedWeightBytes } from '../../src/core/graph/inspect-model';
import { planFromScores } from '../../src/core/graph/pruning-plan';
import {
  criterionChoices,
  importanceCriteria,
  type CriterionId,
} from '../../src/core/prune/criteria/catalog';
import { createScorer } from '../../src/core/prune/criteria/registry';
import type { ChannelGraph, PruningPlan } from '../../src/core/graph/types';
import { countParams } from '../../src/core/model/spec';
import { modelFilesFromArtifacts, specToArtifacts } from '../../src/core/model/write-artifacts';
import { applyPruningPlan } from '../../src/core/surgery/apply-plan';
import { encodeJson } from '../../src/core/model/model-json';
import { checkedOutDir, writeOutputDir } from '../output-dir';
import { loadModelArg } from '../args';
import { KERAS_FILE } from '../../src/core/formats/keras/keras-export';
import { writeKerasFile } from '../../src/core/formats/keras/write-keras';
import { wantsKerasFile } from './keras-export';

/** `prune` trains nothing, so it offers the data-free criteria of the registry. */
const dataFree = (c: { needsData: boolean }): boolean => !c.needsData;

export interface PruneReport {
  importance: CriterionId;
  sparsity: number;
  seed: number;
  before: { params: number; weightBytes: number };
  after: { params: number; weightBytes: number };
  groups: { id: string; prunable: boolean; total: number; kept: number; keptChannels: number[] }[];
}

interface PruneOptions {
  sparsity: number;
  importance: CriterionId;
  seed: number;
  outDir: string;
}

function readOptions(args: ParsedArgs): PruneOptions {
  const sparsity = Number(args.options.sparsity);
  if (typeof args.options.sparsity !== 'string' || !(sparsity >= 0 && sparsity <= 1)) {
    throw new LabError(
      'INVALID_ARGUMENT',
      '--sparsity needs a number between 0 and 1, e.g. --sparsity 0.5.',
    );
  }
  const importance = args.options.importance ?? 'weight-l1';
  const criterion = importanceCriteria().find((c) => dataFree(c) && c.id === importance);
  if (!criterion) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `--importance must be ${criterionChoices(dataFree)}, not "${String(importance)}".`,
    );
  }
  const seed = args.options.seed === undefined ? 0 : Number(args.options.seed);
  if (!Number.isInteger(seed)) throw new LabError('INVALID_ARGUMENT', '--seed needs an integer.');
  const outDir = checkedOutDir(args);
  if (outDir === undefined)
    throw new LabError('INVALID_ARGUMENT', '--out needs the folder to write the pruned model to.');
  return { sparsity, importance: criterion.id, seed, outDir };
}

function groupReport(graph: ChannelGraph, plan: PruningPlan): PruneReport['groups'] {
  return graph.groups.map((g) => {
    const keptChannels = plan[g.id] ?? Array.from({ length: g.channels }, (_, i) => i);
    return {
      id: g.id,
      prunable: g.prunable,
      total: g.channels,
      kept: keptChannels.length,
      keptChannels,
    };
  });
}

const FLOAT = { weightBits: FLOAT_BITS, activationBits: FLOAT_BITS, perChannel: true, pow2: false };

export const pruneCommand: CliCommand = {
  name: 'prune',
  summary: 'Remove channels by weight-L1 or random importance (data-free, no fine-tuning).',
  usage: `prune <model> --sparsity S [--importance ${importanceCriteria()
    .filter(dataFree)
    .map((c) => c.id)
    .join('|')}] [--seed K] [--format keras] --out DIR [--force]`,
  async run(ctx) {
    const opts = readOptions(ctx.args);
    const { spec } = loadModelArg(ctx.args.positionals[0]);
    const graph = buildChannelGraph(spec);
    const groupIds = graph.groups.map((g) => g.id);
    const context = { spec, graph, scheduledGroupIds: groupIds, combine: 'normalized' as const };
    const scorer = createScorer(opts.importance, { ...context, seed: opts.seed });
    const scores = await scorer.groupScores(groupIds, async () => spec);
    scorer.dispose();
    const plan = planFromScores(graph, scores, opts.sparsity);
    const pruned = applyPruningPlan(spec, graph, plan);
    const files = modelFilesFromArtifacts(specToArtifacts(pruned));
    const weightBytes = Object.entries(files).reduce(
      (sum, [name, b]) => sum + (name === 'model.json' ? 0 : b.length),
      0,
    );
    const report: PruneReport = {
      importance: opts.importance,
      sparsity: opts.sparsity,
      seed: opts.seed,
      before: { params: countParams(spec), weightBytes: storedWeightBytes(spec) },
      after: { params: countParams(pruned), weightBytes },
      groups: groupReport(graph, plan),
    };
    // --format keras: the pruned float32 model as a Keras 3 .keras too.
    const keras: Record<string, Uint8Array> = wantsKerasFile(ctx.args)
      ? { [KERAS_FILE]: await writeKerasFile(pruned) }
      : {};
    // A model read from ONNX is also written back as a float ONNX file beside the tfjs files.
    const onnx: Record<string, Uint8Array> =
      spec.meta.sourceFormat === 'onnx'
        ? { 'model.onnx': exportOnnx(pruned, FLOAT, { qdq: false }) }
        : {};
    const extra = { ...keras, ...onnx };
    writeOutputDir(opts.outDir, { ...files, ...extra, 'report.json': encodeJson(report) });
    ctx.progress(`wrote ${path.join(opts.outDir, 'model.json')}\n`);
    const human = [
      `params ${report.before.params} → ${report.after.params}, weight bytes ${report.before.weightBytes} → ${report.after.weightBytes}`,
      ...report.groups.filter((g) => g.prunable).map((g) => `  ${g.id}: kept ${g.kept}/${g.total}`),
      `wrote ${opts.outDir}/model.json, weights${Object.keys(extra)
        .map((f) => `, ${f}`)
        .join('')} and report.json`,
    ].join('\n');
    return { result: report, human };
  },
};
