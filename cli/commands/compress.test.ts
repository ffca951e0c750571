import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseModelFiles } from '../../src/core/model/load-files';
import { countParams } from '../../src/core/model/spec';
import { modelFilesFromArtifacts, specToArtifacts } from '../../src/core/model/write-artifacts';
import { smallCnnSpec } from '../../src/core/pipeline/pipeline-test-models';
import { readModelDir, writeModelDir } from '../../src/node/model-files';
import { runCli } from '../run-cli';

const root = mkdtempSync(path.join(os.tmpdir(), 'cli-compress-'));
const modelDir = path.join(root, 'model');
const dataDir = path.join(root, 'images');

/** 8×8 PNGs, class k = bright quadrant k. */
function writeQuadrantImages(): void {
  for (let k = 0; k < 4; k++) {
    mkdirSync(path.join(dataDir, `class${k}`), { recursive: true });
    for (let i = 0; i < 10; i++) {
      const png = new PNG({ width: 8, height: 8 });
      for (let p = 0; p < 64; p++) {
        const on = Math.floor(Math.floor(p / 8) / 4) * 2 + Math.floor((p % 8) / 4) === k;
        const v = on ? 200 : (i * 37 + p * 11) % 60;
        png.data.set([v, v, v, 255], p * 4);
      }
      writeFileSync(path.join(dataDir, `class${k}`, `${i}.png`), PNG.sync.write(png));
    }
  }
}

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((s) => ((stderr += String(s)), true));
  try {
    return { code: await runCli(argv), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

beforeAll(async () => {
  writeModelDir(modelDir, modelFilesFromArtifacts(specToArtifacts(await smallCnnSpec())));
  writeQuadrantImages();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('compress / rank-shift commands', () => {
  it('compress writes a smaller model and report.json', async () => {
    const out = path.join(root, 'out');
    const r = await cli([
      'compress',
      modelDir,
      '--data',
      dataDir,
      '--method',
      'layerwise',
      '--sparsity',
      '0.5',
      '--stats-steps',
      '4',
      '--refresh',
      '2',
      '--finetune-steps',
      '2',
      '--batch',
      '8',
      '--out',
      out,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.report.after.params).toBe(448);
    expect(r.stderr).toContain('fine-tune 2/2');
    const written = parseModelFiles(readModelDir(out));
    expect(countParams(written)).toBe(448);
    expect(
      JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')).groups.map(
        (g: { kept: number }) => g.kept,
      ),
    ).toEqual([4, 4]);
  });

  it('rank-shift prints τ per sparsity', async () => {
    const r = await cli([
      'rank-shift',
      modelDir,
      '--data',
      dataDir,
      '--unit',
      'conv2',
      '--sparsities',
      '0,0.5',
      '--limit',
      '16',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect([result.unit, result.upstream, result.calibrationSize]).toEqual(['conv2', 'conv1', 16]);
    expect(result.points[0].kendallTau).toBe(1);
    expect(result.points).toHaveLength(2);
  });

  it('names a missing --out and a bad number', async () => {
    expect((await cli(['compress', modelDir, '--data', dataDir])).stderr).toBe(
      'error [INVALID_ARGUMENT]: Give --out DIR for the compressed model.\n',
    );
    const bad = await cli([
      'compress',
      modelDir,
      '--data',
      dataDir,
      '--sparsity',
      'half',
      '--out',
      path.join(root, 'x'),
    ]);
    expect(bad.stderr).toBe('error [INVALID_ARGUMENT]: --sparsity needs a number, got "half".\n');
    expect(existsSync(path.join(root, 'x'))).toBe(false);
  });
});
