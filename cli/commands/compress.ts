import path from 'node:path';
import { DEMOS, findDemo } from '../../src/core/demos/registry';
import { skippedNote, type SkippedImage } from '../../src/core/data/image-files';
import type { ImageSource } from '../../src/core/data/image-source';
import type { DataSource } from '../../src/core/data/source';
import { LabError } from '../../src/core/errors';
import { inputSizes, type InputSizes } from '../../src/core/footprint/input-bytes';
import { parseModelFiles } from '../../src/core/model/load-files';
import type { ModelSpec } from '../../src/core/model/spec';
import { compress } from '../../src/core/pipeline/compress';
import { compressLabResult } from '../../src/core/pipeline/compress-lab-result';
import {
  COMPRESS_METHODS,
  type CompressConfig,
  type CompressMethod,
} from '../../src/core/pipeline/compress-config';
import type { ProgressEvent } from '../../src/core/train/progress';
import { loadImageFolderSource } from '../../src/node/image-folder';
import { loadMnistSource } from '../../src/node/mnist-node';
import { isBuiltinDataId } from '../../src/core/data/builtin-data';
import { readModelDir } from '../../src/node/model-files';
import { isOnnxPath, readOnnxModel } from '../../src/node/onnx/onnx-file';
import type { CliCommand, ParsedArgs } from '../command';
import { checkedOutDir } from '../output-dir';
import {
  formatFromArgs,
  labSummaryLines,
  quantConfigFromArgs,
  smallerFormatOf,
  writeDownload,
} from './quant-flags';

/** `demo:<name>` reads public/models/<name>/; anything else is a model.json or its folder. */
export function loadModelArg(arg: string | undefined): {
  spec: ModelSpec;
  dataId?: string;
  input: InputSizes;
} {
  if (!arg)
    throw new LabError(
      'INVALID_ARGUMENT',
      'Give a model: a model.json, its folder, or demo:<name>.',
    );
  if (isOnnxPath(arg)) {
    const { spec, files } = readOnnxModel(arg);
    return { spec, input: inputSizes(files, spec) };
  }
  if (!arg.startsWith('demo:')) return withInput(readModelDir(arg));
  const demo = findDemo(arg.slice(5));
  if (!demo)
    throw new LabError(
      'INVALID_ARGUMENT',
      `Unknown demo "${arg.slice(5)}": choose one of ${DEMOS.map((d) => d.name).join(', ')}.`,
    );
  return {
    ...withInput(readModelDir(path.join('public', 'models', demo.name))),
    dataId: demo.dataId,
  };
}

/** The parsed model and the sizes of the files it was read from. */
function withInput(files: Record<string, Uint8Array>): { spec: ModelSpec; input: InputSizes } {
  const spec = parseModelFiles(files);
  return { spec, input: inputSizes(files, spec) };
}

/**
 * --data mnist | mnist-noisy | fashion-mnist | DIR (class subfolders of PNG/JPEG; --unlabeled: any images).
 * A folder follows the page's rule: unreadable images are skipped and listed (skippedImages).
 */
export async function loadDataArg(
  args: ParsedArgs,
  spec: ModelSpec,
  fallback?: string,
): Promise<DataSource> {
  const data = stringOption(args, 'data') ?? fallback;
  if (!data)
    throw new LabError('INVALID_ARGUMENT', 'Give --data mnist, --data mnist-noisy or --data DIR.');
  if (isBuiltinDataId(data)) return loadMnistSource(data);
  const unlabelled = args.options.unlabeled === true || args.options.unlabelled === true;
  return loadImageFolderSource(data, { inputShape: spec.inputShapes[0], unlabelled });
}

/** Image files the folder rule left out (empty for built-in data). */
export function skippedImagesOf(source: DataSource | undefined): SkippedImage[] {
  return source && 'skipped' in source ? (source as ImageSource).skipped : [];
}

export function skippedLines(source: DataSource | undefined): string[] {
  const note = skippedNote(skippedImagesOf(source));
  return note ? [note] : [];
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.options[name];
  if (v === true) throw new LabError('INVALID_ARGUMENT', `--${name} needs a value.`);
  return typeof v === 'string' ? v : undefined;
}

export function numberOption(args: ParsedArgs, name: string): number | undefined {
  const v = stringOption(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n))
    throw new LabError('INVALID_ARGUMENT', `--${name} needs a number, got "${v}".`);
  return n;
}

/** A one-line progress bar, redrawn at most every 200 ms. */
export function progressBar(write: (line: string) => void): (e: ProgressEvent) => void {
  let lastMs = -Infinity;
  return (e) => {
    const now = Date.now();
    if (now - lastMs < 200 && e.step < e.totalSteps) return;
    lastMs = now;
    const width = 30;
    const done = Math.round((width * e.step) / Math.max(1, e.totalSteps));
    const unit = e.unit ? ` ${e.unit}` : '';
    write(
      `\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${e.phase}${unit} ${e.step}/${e.totalSteps} loss ${e.loss.toFixed(4)} eta ${(e.etaMs / 1000).toFixed(0)}s   `,
    );
    if (e.step === e.totalSteps) write('\n');
  };
}

/** out/<model name>-compressed: `demo:mnist-cnn` → out/mnist-cnn-compressed (git-ignored). */
export function defaultOutDir(modelArg: string | undefined): string {
  const arg = (modelArg ?? 'model').replace(/^demo:/, '').replace(/[\\/]+$/, '');
  const base = path.basename(arg).replace(/\.json$/, '');
  const name = base === 'model' ? path.basename(path.dirname(arg)) || 'model' : base;
  return path.join('out', `${name}-compressed`);
}

function compressConfigFromArgs(args: ParsedArgs): Partial<CompressConfig> {
  const method = stringOption(args, 'method') ?? 'layerwise';
  if (!COMPRESS_METHODS.includes(method as CompressMethod)) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `Unknown --method "${method}": choose ${COMPRESS_METHODS.join(', ')}.`,
    );
  }
  const config: Partial<CompressConfig> = { method: method as CompressMethod };
  const importance = stringOption(args, 'importance');
  if (importance !== undefined) config.importance = importance as CompressConfig['importance'];
  const numeric: [keyof CompressConfig, string][] = [
    ['sparsity', 'sparsity'],
    ['statsSteps', 'stats-steps'],
    ['refreshSteps', 'refresh'],
    ['start0', 'start0'],
    ['finetuneSteps', 'finetune-steps'],
    ['learningRate', 'lr'],
    ['batchSize', 'batch'],
    ['seed', 'seed'],
    ['evalLimit', 'eval-limit'],
    ['qatSteps', 'qat-steps'],
  ];
  for (const [key, flag] of numeric) {
    const v = numberOption(args, flag);
    if (v !== undefined) (config as Record<string, unknown>)[key] = v;
  }
  const bn = stringOption(args, 'bn');
  if (bn !== undefined) {
    if (bn !== 'frozen' && bn !== 'batch')
      throw new LabError('INVALID_ARGUMENT', `Unknown --bn "${bn}": choose frozen or batch.`);
    config.bnMode = bn;
  }
  if (args.options.distill === true) config.distill = true;
  if (args.options.augment === true) config.augment = true;
  const optimizer = stringOption(args, 'optimizer');
  if (optimizer !== undefined) config.optimizer = optimizer as CompressConfig['optimizer'];
  const skip = stringOption(args, 'skip');
  if (skip) config.skip = skip.split(',');
  const coupled = stringOption(args, 'coupled');
  if (coupled) config.coupledGroups = coupled as CompressConfig['coupledGroups'];
  const quant = quantConfigFromArgs(args);
  return {
    ...config,
    wbits: quant.weightBits,
    abits: quant.activationBits,
    perChannel: quant.perChannel,
    pow2: quant.pow2,
  };
}

export const compressCommand: CliCommand = {
  name: 'compress',
  summary:
    'Prune a model with a layerwise / one-shot / stepwise schedule while fine-tuning; write the smaller model.',
  usage:
    'compress <model|demo:name> --data mnist|DIR [--unlabeled] --method layerwise|oneshot|stepwise|weight-l1-layerwise|' +
    'weight-l1-oneshot|random --importance l1|l0 --sparsity S [--stats-steps I] [--refresh r] [--start0 N] ' +
    '[--finetune-steps N] [--lr X] [--batch B] [--bn frozen|batch] [--distill] [--augment] [--seed K] [--skip g1,g2] [--coupled after-upstream|first-member] [--wbits B] [--abits B] ' +
    '[--qat-steps N] [--per-tensor] [--pow2] [--format stock|packed|onnx|onnx-float] [--out DIR (default out/<model>-compressed)] [--force] [--json]',
  async run(ctx) {
    const { args } = ctx;
    const out = checkedOutDir(args, defaultOutDir(args.positionals[0])) as string;
    const { spec, dataId, input } = loadModelArg(args.positionals[0]);
    const source = await loadDataArg(args, spec, dataId);
    const asked = formatFromArgs(args);
    const result = await compress({
      spec,
      source,
      config: compressConfigFromArgs(args),
      onProgress: progressBar(ctx.progress),
    });
    const { report } = result;
    const lab = await compressLabResult(spec, result, source, input);
    const format = asked ?? smallerFormatOf(lab);
    const written = writeDownload(out, lab, format);
    const groups = report.groups.map((g) => `  ${g.id}: kept ${g.kept}/${g.total}`);
    const human = [
      `${report.config.method} at sparsity ${report.config.sparsity}: ${report.before.metric} ${report.before.value.toFixed(4)} → ${report.after.value.toFixed(4)} (n ${report.after.n})`,
      `params ${report.before.params} → ${report.after.params} (${report.before.weightBytes} → ${report.after.weightBytes} float32 bytes)`,
      ...groups,
      ...skippedLines(source),
      ...report.notes.map((n) => `note: ${n}`),
      ...labSummaryLines(lab, format, asked === undefined),
      `wrote ${written.map((f) => path.join(out, f)).join(', ')} in ${(lab.report.timings.totalMs / 1000).toFixed(1)} s`,
    ].join('\n');
    const skippedImages = skippedImagesOf(source);
    return { result: { out, format, skippedImages, report, lab: lab.report }, human };
  },
};
