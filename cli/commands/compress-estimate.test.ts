import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputSizes } from '../../src/core/footprint/input-bytes';
import { estimateRunExport } from '../../src/core/footprint/pipeline-estimate';
import { parseModelFiles } from '../../src/core/model/load-files';
import { sizeTestSpec, uint8ModelFiles } from '../../test-support/fixtures/quantized-input-model';
import { writeModelDir } from '../../src/node/model-files';
import { runCliCaptured, writeQuadrantImages } from '../cli-test-fixtures';

const root = mkdtempSync(path.join(os.tmpdir(), 'cli-compress-estimate-'));
const modelDir = path.join(root, 'uint8-model');
const dataDir = path.join(root, 'images');
let files: Record<string, Uint8Array> = {};

beforeAll(async () => {
  files = uint8ModelFiles(await sizeTestSpec());
  writeModelDir(modelDir, files);
  writeQuadrantImages(dataDir, 4);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('compress prints the size estimate before the run', () => {
  it('an already-uint8 model at 4 bits: input bytes, both formats, the warning; packed is written', async () => {
    const out = path.join(root, 'out');
    const r = await runCliCaptured(
      ['compress', modelDir, '--data', dataDir, '--unlabeled', '--method', 'oneshot'].concat(
        ['--sparsity', '0', '--stats-steps', '2', '--refresh', '1', '--finetune-steps', '1'],
        ['--wbits', '4', '--qat-steps', '0', '--batch', '4', '--out', out],
      ),
    );
    expect(r.code).toBe(0);
    const spec = parseModelFiles(files);
    const input = inputSizes(files, spec);
    const est = estimateRunExport(spec, { sparsity: 0, weightBits: 4 }, input.modelJsonBytes);
    const lines = r.stderr.split('\n');
    const first = lines.findIndex((l) => l.startsWith('size estimate: '));
    expect(lines[first]).toMatch(
      /^size estimate: your input 60\.5 kB \(uint8\); stock ≈ [\d.]+ kB, larger than your input: [\d.]+ kB vs your 60\.5 kB; packed ≈ [\d.]+ kB, [\d.]+× smaller than your 60\.5 kB$/,
    );
    expect(input.fileBytes).toBe(60_492);
    expect(est.stockBytes).toBeGreaterThan(input.fileBytes);
    expect(lines[first + 1]).toMatch(
      /^warning: The stock format stores 4-bit codes in whole bytes: /,
    );
    // Before the run: nothing of the run's progress precedes the estimate.
    expect(r.stderr.indexOf('size estimate: ')).toBeLessThan(r.stderr.indexOf('prune:oneshot'));
    // The user asked for a smaller file (no --format): packed is written.
    expect(readdirSync(out).sort()).toEqual([
      'model.packed.json',
      'model.zip',
      'report.json',
      'report.md',
      'weights.packed.bin',
    ]);
  });
});
