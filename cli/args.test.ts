import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_MODELS_DIR } from '../src/node/demo-models';
import { loadModelArg, MISSING_MODEL, modelRefArg, numberOption, parseArgs } from './args';
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
      'error [INVALID_ARGUMENT]: Unknown demo "vgg": choose one of mnist-cnn, mnist-resnet, mnist-denoiser, fashion-cnn.\n',
    );
  });
});
