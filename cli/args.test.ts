import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_MODELS_DIR } from '../src/node/demo-models';
import {
  loadModelArg,
  MISSING_MODEL,
  modelRefArg,
  numberOption,
  parseArgs,
  settingsFromArgs,
  settingsUsage,
} from './args';
import { runCliCaptured } from './cli-test-fixtures';

describe('cli/args', () => {
  it('parses positionals, --flag value, --flag=value and bare flags', () => {
    expect(parseArgs(['m', '--lr', '0.1', 'x', '--batch=8', '--pow2'])).toEqual({
      positionals: ['m', 'x'],
      options: { lr: '0.1', batch: '8', pow2: true },
    });
    expect(numberOption(parseArgs(['--lr', '1e-3']), 'lr')).toBe(0.001);
    expect(() => numberOption(parseArgs(['--lr', 'fast']), 'lr')).toThrow(
      '--lr needs a number, got "fast".',
    );
  });

  it('resolves a demo to its shipped model and reads its data set', () => {
    const loaded = loadModelArg('demo:mnist-cnn');
    expect(loaded.modelPath).toBe(path.join(DEMO_MODELS_DIR, 'mnist-cnn', 'model.json'));
    expect(loaded.dataId).toBe('mnist');
    expect(loaded.spec.inputShapes[0]).toEqual([28, 28, 1]);
    expect(modelRefArg('some/dir')).toEqual({ modelPath: 'some/dir' });
  });

  // One resolver, one message: before, inspect/prune, compress/quantize/rank-shift and eval each
  // worded a missing model and an unknown demo differently.
  const out = path.join(os.tmpdir(), 'prune-lab-args-never-written');
  const commands: [string, string[]][] = [
    ['inspect', []],
    ['prune', ['--sparsity', '0.5', '--out', out]],
    ['compress', ['--out', out]],
    ['quantize', ['--wbits', '8', '--out', out]],
    ['rank-shift', ['--unit', 'conv1']],
    ['eval', []],
  ];
  it.each(commands)('%s words a missing model and an unknown demo alike', async (name, rest) => {
    const missing = await runCliCaptured([name, ...rest]);
    expect([missing.code, missing.stderr]).toEqual([
      1,
      `error [INVALID_ARGUMENT]: ${MISSING_MODEL}\n`,
    ]);
    const unknown = await runCliCaptured([name, 'demo:vgg', ...rest]);
    expect(unknown.stderr).toBe(
      'error [INVALID_ARGUMENT]: Unknown demo "vgg": choose one of mnist-cnn, mnist-resnet, mnist-denoiser, fashion-cnn, fashion-resnet.\n',
    );
  });

  it('reads schema settings from their flags and checks them against the schema', () => {
    const args = parseArgs(['--method', 'oneshot-early', '--stats-steps', '4', '--lr', '0.01']);
    expect(settingsFromArgs(args, ['method', 'statsSteps', 'learningRate', 'seed'])).toEqual({
      method: 'oneshot-early',
      statsSteps: 4,
      learningRate: 0.01,
    });
    expect(() => settingsFromArgs(parseArgs(['--method', 'magic']), ['method'])).toThrow(
      'Unknown --method "magic": choose layerwise, oneshot, oneshot-early, stepwise, weight-l1-layerwise, weight-l1-oneshot or random.',
    );
    expect(() => settingsFromArgs(parseArgs(['--importance', 'l2']), ['importance'])).toThrow(
      'Unknown --importance "l2": choose l1, l0, taylor, weight-l1 or random.',
    );
    expect(() => settingsFromArgs(parseArgs(['--batch', '10000000']), ['batchSize'])).toThrow(
      '--batch must be an integer from 1 to 4096, got 10000000.',
    );
    expect(() => settingsFromArgs(parseArgs(['--sparsity', '1']), ['sparsity'])).toThrow(
      '--sparsity must be from 0 to below 1, got 1.',
    );
    expect(() => settingsFromArgs(parseArgs(['--lr', '0']), ['learningRate'])).toThrow(
      '--lr must be above 0, got 0.',
    );
    // A link stops at 10; the terminal may go further (the divergence test trains at 1e3).
    expect(settingsFromArgs(parseArgs(['--lr', '1e3']), ['learningRate'])).toEqual({
      learningRate: 1000,
    });
    expect(settingsFromArgs(parseArgs(['--wbits', '16']), ['wbits'])).toEqual({ wbits: 16 });
  });

  it('writes the usage of schema flags', () => {
    expect(settingsUsage(['importance', 'statsSteps', 'learningRate', 'batchSize', 'wbits'])).toBe(
      '[--importance l1|l0|taylor|weight-l1|random] [--stats-steps I] [--lr X] [--batch N] [--wbits 32|8|4|2]',
    );
  });
});
