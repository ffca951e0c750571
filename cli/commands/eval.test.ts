import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveModelDir } from '../../scripts/demo-files';
import { buildDemoArchitecture } from '../../src/core/demos/architectures';
import { runCli } from '../run-cli';

async function runCaptured(
  argv: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(
    (chunk) => ((stdout += String(chunk)), true),
  );
  vi.spyOn(process.stderr, 'write').mockImplementation(
    (chunk) => ((stderr += String(chunk)), true),
  );
  const code = await runCli(argv);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

describe('prune-lab eval', () => {
  afterEach(() => vi.restoreAllMocks());

  it('scores a saved classifier on the first N test digits', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'eval-cli-'));
    const model = buildDemoArchitecture('mnist-cnn', { width: 0.25 });
    await saveModelDir(model, dir);
    model.dispose();
    const { code, stdout } = await runCaptured([
      'eval',
      dir,
      '--data',
      'mnist',
      '--limit',
      '40',
      '--json',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect([result.metric, result.n]).toEqual(['accuracy', 40]);
    expect(result.value * 40).toBe(Math.round(result.value * 40));
  });

  it('scores a denoiser by PSNR with the noisy-input baseline', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'eval-cli-'));
    const model = buildDemoArchitecture('mnist-denoiser', { width: 0.25 });
    await saveModelDir(model, dir);
    model.dispose();
    const { code, stdout } = await runCaptured([
      'eval',
      path.join(dir, 'model.json'),
      '--data',
      'mnist-noisy',
      '--limit',
      '10',
      '--json',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect([result.metric, result.n]).toEqual(['psnr', 10]);
    // σ = 0.3 clipped noise on MNIST digits: the input itself scores ≈ 13–14 dB.
    expect(result.noisyPsnr).toBeGreaterThan(12);
    expect(result.noisyPsnr).toBeLessThan(16);
  });

  it('rejects a missing --data for a non-demo path and a bad --limit', async () => {
    const a = await runCaptured(['eval', 'some/model.json']);
    expect([a.code, a.stderr]).toEqual([
      1,
      'error [INVALID_ARGUMENT]: --data must be one of mnist, mnist-noisy, fashion-mnist.\n',
    ]);
    const b = await runCaptured(['eval', 'demo:mnist-cnn', '--limit', '0']);
    expect([b.code, b.stderr]).toEqual([
      1,
      'error [INVALID_ARGUMENT]: --limit 0 must be a whole number ≥ 1.\n',
    ]);
  });
});
