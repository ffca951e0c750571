import path from 'node:path';
import { skippedNote, type SkippedImage } from '../../src/core/data/image-files';
import type { ImageSource } from '../../src/core/data/image-source';
import type { DataSource } from '../../src/core/data/source';
import { kerasExportFiles, kerasSummaryLine, wantsKerasFile } from './keras-export';
import { LabError } from '../../src/core/errors';
import type { ModelSpec } from '../../src/core/model/spec';
import { compress } from '../../src/core/pipeline/compress';
import { compressLabResult } from '../../src/core/pipeline/compress-lab-result';
import { criterionInfo } from '../../src/core/prune/criteria/catalog';
import { estimateRunExport } from '../../src/core/footprint/pipeline-estimate';
import { FLOAT_BITS } from '../../src/core/quant/quant-plan';
import { estimateLines } from '../../src/core/report/run-estimate';
import {
  resolveCompressConfig,
  type CompressConfig,
} from '../../src/core/pipeline/compress-config';
import type { ProgressEvent } from '../../src/core/train/progress';
import { loadImageFolderSource } from '../../src/node/image-folder';
import { loadMnistSource } from '../../src/node/mnist-node';
import { isBuiltinDataId } from '../../src/core/data/builtin-data';
import { loadModelArg, settingsFromArgs, settingsUsage, stringOption } from '../args';
import type { SettingKey } from '../../src/core/settings/schema';
import type { CliCommand, ParsedArgs } from '../command';
import { checkedOutDir } from '../output-dir';
import {
  formatFromArgs,
  labSummaryLines,
  quantConfigFromArgs,
  smallerFormatOf,
  writeDownload,
} from './quant-flags';

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

/** Pipeline settings with a schema row; quant bits come from quant-flags.ts. */
const COMPRESS_SETTINGS: readonly SettingKey[] = [
  'method',
  'importance',
  'sparsity',
  'statsSteps',
  'refreshSteps',
  'start0',
  'finetuneSteps',
  'learningRate',
  'batchSize',
  'seed',
  'evalLimit',
  'qatSteps',
];

function compressConfigFromArgs(args: ParsedArgs): Partial<CompressConfig> {
  const config = settingsFromArgs(args, COMPRESS_SETTINGS) as Partial<CompressConfig>;
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
    `compress <model|demo:name> --data mnist|DIR [--unlabeled] ${settingsUsage(COMPRESS_SETTINGS)} ` +
    '[--bn frozen|batch] [--distill] [--augment] [--skip g1,g2] [--coupled after-upstream|first-member] ' +
    `${settingsUsage(['wbits', 'abits'])} [--per-tensor] [--pow2] [--format stock|packed|keras|onnx|onnx-float] ` +
    '[--out DIR (default out/<model>-compressed)] [--force] [--json]',
  async run(ctx) {
    const { args } = ctx;
    const out = checkedOutDir(args, defaultOutDir(args.positionals[0])) as string;
    const { spec, dataId, input } = loadModelArg(args.positionals[0]);
    const source = await loadDataArg(args, spec, dataId);
    const asked = formatFromArgs(args);
    const config = compressConfigFromArgs(args);
    // Before the run: the export's expected bytes per format against the input's.
    const { sparsity, overrides, wbits } = resolveCompressConfig(config);
    const weightBits = wbits ?? FLOAT_BITS;
    const estimate = estimateRunExport(
      spec,
      { sparsity, overrides, weightBits },
      input.modelJsonBytes,
    );
    for (const line of estimateLines(estimate, input, weightBits)) ctx.progress(`${line}\n`);
    const result = await compress({
      spec,
      source,
      config,
      onProgress: progressBar(ctx.progress),
    });
    const { report } = result;
    const lab = await compressLabResult(spec, result, source, input);
    const format = asked ?? smallerFormatOf(lab);
    const kerasFiles = wantsKerasFile(args) ? await kerasExportFiles(lab) : {};
    const written = writeDownload(out, lab, format, kerasFiles);
    const groups = report.groups.map((g) => `  ${g.id}: kept ${g.kept}/${g.total}`);
    const human = [
      `${report.config.method} (importance: ${criterionInfo(report.importance).label}) at sparsity ${report.config.sparsity}: ${report.before.metric} ${report.before.value.toFixed(4)} → ${report.after.value.toFixed(4)} (n ${report.after.n})`,
      `params ${report.before.params} → ${report.after.params} (${report.before.weightBytes} → ${report.after.weightBytes} float32 bytes)`,
      ...groups,
      ...skippedLines(source),
      ...report.notes.map((n) => `note: ${n}`),
      ...labSummaryLines(lab, format, asked === undefined),
      ...kerasSummaryLine(lab, kerasFiles),
      `wrote ${written.map((f) => path.join(out, f)).join(', ')} in ${(lab.report.timings.totalMs / 1000).toFixed(1)} s`,
    ].join('\n');
    const skippedImages = skippedImagesOf(source);
    return { result: { out, format, skippedImages, report, lab: lab.report }, human };
  },
};
