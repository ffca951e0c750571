import path from 'node:path';
import { LabError, isLabError } from '../../src/core/errors';
import { kerasExportFiles, kerasSummaryLine, wantsKerasFile } from './keras-export';
import { parseModelFiles } from '../../src/core/model/load-files';
import { quantizeModel } from '../../src/core/pipeline/quantize-model';
import {
  GRAPH_REQUANTIZE_NOTE,
  requantizeGraphModel,
  type GraphQuantDtype,
} from '../../src/core/pipeline/requantize-graph-model';
import { FLOAT_BITS, type QuantConfig } from '../../src/core/quant/quant-plan';
import { readModelDir } from '../../src/node/model-files';
import type { CliCommand, CliContext } from '../command';
import { checkedOutDir, writeOutputDir } from '../output-dir';
import { loadModelArg, numberOption, settingsFromArgs, stringOption } from '../args';
import { loadDataArg, progressBar, skippedImagesOf, skippedLines } from './compress';
import {
  formatFromArgs,
  labSummaryLines,
  quantConfigFromArgs,
  smallerFormatOf,
  writeDownload,
} from './quant-flags';

/** Graph models: per-tensor uint8 (≤ 8 bits), uint16 (16 bits) or --float16. */
function graphDtype(quant: QuantConfig, float16: boolean): GraphQuantDtype {
  if (float16) return 'float16';
  if (quant.activationBits !== FLOAT_BITS) {
    throw new LabError(
      'INVALID_ARGUMENT',
      'A graph model cannot get activation quantization; drop --abits.',
    );
  }
  if (quant.weightBits === 8) return 'uint8';
  if (quant.weightBits === 16) return 'uint16';
  throw new LabError(
    'INVALID_ARGUMENT',
    `A graph model's weights re-quantize to 8 or 16 bits (or --float16), not ${quant.weightBits}.`,
  );
}

async function quantizeGraph(ctx: CliContext, modelPath: string, out: string) {
  const quant = quantConfigFromArgs(ctx.args);
  const dtype = graphDtype(quant, ctx.args.options.float16 === true);
  const before = readModelDir(modelPath);
  const files = requantizeGraphModel(before, { dtype });
  writeOutputDir(out, files);
  const sum = (f: Record<string, Uint8Array>) => Object.values(f).reduce((n, b) => n + b.length, 0);
  const result = {
    out,
    kind: 'graph-model',
    dtype,
    bytesBefore: sum(before),
    bytesAfter: sum(files),
    note: GRAPH_REQUANTIZE_NOTE,
  };
  const human = [
    `graph model re-quantized to ${dtype}: ${result.bytesBefore} → ${result.bytesAfter} bytes`,
    GRAPH_REQUANTIZE_NOTE,
    `wrote ${Object.keys(files)
      .map((f) => path.join(out, f))
      .join(', ')}`,
  ].join('\n');
  return { result, human };
}

function isGraphModelPath(arg: string): boolean {
  if (arg.startsWith('demo:') || arg.toLowerCase().endsWith('.onnx')) return false;
  try {
    parseModelFiles(readModelDir(arg));
    return false;
  } catch (e) {
    if (isLabError(e) && e.code === 'GRAPH_MODEL') return true;
    throw e;
  }
}

export const quantizeCommand: CliCommand = {
  name: 'quantize',
  summary:
    'Post-training quantization (PTQ) of weights (and activations with --data); graph models are re-quantized per tensor.',
  usage:
    'quantize <model|demo:name> --wbits B [--abits B --data mnist|DIR] [--per-channel|--per-tensor] [--pow2] ' +
    '[--calibration-batches N] [--eval-limit N] [--float16] [--format stock|packed|keras|onnx|onnx-float (default: the smaller file; onnx for an .onnx input)] --out DIR [--force] [--json]',
  async run(ctx) {
    const { args } = ctx;
    const out = checkedOutDir(args);
    if (!out) throw new LabError('INVALID_ARGUMENT', 'Give --out DIR for the quantized model.');
    const modelArg = args.positionals[0];
    if (modelArg && isGraphModelPath(modelArg)) return quantizeGraph(ctx, modelArg, out);
    const quant = quantConfigFromArgs(args);
    if (quant.weightBits === FLOAT_BITS && quant.activationBits === FLOAT_BITS) {
      throw new LabError(
        'INVALID_ARGUMENT',
        'Give --wbits B (and optionally --abits B) to quantize.',
      );
    }
    const asked = formatFromArgs(args);
    const { spec, dataId, input } = loadModelArg(modelArg);
    const wantsData =
      stringOption(args, 'data') !== undefined || quant.activationBits !== FLOAT_BITS;
    const source = wantsData ? await loadDataArg(args, spec, dataId) : undefined;
    const lab = await quantizeModel({
      spec,
      quant,
      source,
      calibrationBatches: numberOption(args, 'calibration-batches'),
      evalLimit: settingsFromArgs(args, ['evalLimit']).evalLimit as number | undefined,
      input,
      onProgress: progressBar(ctx.progress),
    });
    const format = asked ?? smallerFormatOf(lab);
    const kerasFiles = wantsKerasFile(args) ? await kerasExportFiles(lab) : {};
    const written = writeDownload(out, lab, format, kerasFiles);
    const human = [
      `PTQ W${quant.weightBits}A${quant.activationBits} (${quant.perChannel ? 'per-channel' : 'per-tensor'}${quant.pow2 ? ', pow2' : ''}) of ${spec.name}`,
      ...skippedLines(source),
      ...labSummaryLines(lab, format, asked === undefined),
      ...kerasSummaryLine(lab, kerasFiles),
      `wrote ${written.map((f) => path.join(out, f)).join(', ')}`,
    ].join('\n');
    const skippedImages = skippedImagesOf(source);
    return { result: { out, format, skippedImages, report: lab.report }, human };
  },
};
