import type * as tf from '@tensorflow/tfjs';
import { evaluateOnSource } from '../../src/core/data/evaluate';
import { BUILTIN_DATA } from '../../src/core/data/builtin-data';
import { LabError } from '../../src/core/errors';
import { loadLayersModelFromPath } from '../../src/node/demo-models';
import { modelRefArg } from '../args';
import { loadMnistSource, type MnistDataId } from '../../src/node/mnist-node';
import type { CliCommand } from '../command';

const DATA_IDS: readonly MnistDataId[] = BUILTIN_DATA.map((d) => d.id);

function readLimit(value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1)
    throw new LabError('INVALID_ARGUMENT', `--limit ${String(value)} must be a whole number ≥ 1.`);
  return limit;
}

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'Score a model on a built-in test split (accuracy, or PSNR for the denoiser).',
  usage:
    'eval <model.json|dir|demo:name> [--data mnist|mnist-noisy|fashion-mnist] [--limit N] [--json]',
  async run(ctx) {
    const [ref] = ctx.args.positionals;
    const { modelPath, demo } = modelRefArg(ref);
    const data = ctx.args.options.data ?? demo?.dataId;
    if (typeof data !== 'string' || !DATA_IDS.includes(data as MnistDataId)) {
      throw new LabError('INVALID_ARGUMENT', `--data must be one of ${DATA_IDS.join(', ')}.`);
    }
    const limit = readLimit(ctx.args.options.limit);
    const model = await loadLayersModelFromPath(modelPath);
    try {
      const source = loadMnistSource(data as MnistDataId);
      ctx.progress(
        `evaluating ${ref} on ${data} test (${limit ?? source.size('test')} examples)\n`,
      );
      const result = await evaluateOnSource((x) => model.predict(x) as tf.Tensor, source, 'test', {
        limit,
      });
      const extra =
        result.noisyPsnr !== undefined ? ` (noisy input: ${result.noisyPsnr.toFixed(2)} dB)` : '';
      const shown =
        result.metric === 'accuracy'
          ? `${(result.value * 100).toFixed(2)}%`
          : `${result.value.toFixed(2)} dB`;
      return { result, human: `${result.metric}: ${shown}${extra} on ${result.n} test examples` };
    } finally {
      model.dispose();
    }
  },
};
