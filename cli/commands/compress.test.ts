import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseModelFiles } from '../../src/core/model/load-files';
import { countParams } from '../../src/core/model/spec';
import { modelFilesFromArtifacts, specToArtifacts } from '../../src/core/model/write-artifacts';
import { smallCnnSpec } from '../../test-support/pipeline/pipeline-test-models';
import { readModelDir, writeModelDir } from '../../src/node/model-files';
import { runCliCaptured, writeQuadrantImages } from '../cli-test-fixtures';
import { defaultOutDir } from './compress';

const root = mkdtempSync(path.join(os.tmpdir(), 'cli-compress-'));
const modelDir = path.join(root, 'model');
const dataDir = path.join(root, 'images');

beforeAll(async () => {
  writeModelDir(modelDir, modelFilesFromArtifacts(specToArtifacts(await smallCnnSpec())));
  writeQuadrantImages(dataDir, 10);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('compress / rank-shift commands', () => {
  it('compress writes a smaller model and report.json', async () => {
    const out = path.join(root, 'out');
    const r = await runCliCaptured([
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
    const r = await runCliCaptured([
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

  it('defaults --out to out/<model>-compressed, and names a bad --bn and a bad number', async () => {
    expect(defaultOutDir('demo:mnist-cnn')).toBe(path.join('out', 'mnist-cnn-compressed'));
    expect(defaultOutDir('models/tiny/model.json')).toBe(path.join('out', 'tiny-compressed'));
    expect(defaultOutDir('models/tiny/')).toBe(path.join('out', 'tiny-compressed'));
    const bn = [
      'compress',
      modelDir,
      '--data',
      dataDir,
      '--bn',
      'moving',
      '--out',
      path.join(root, 'bn-out'),
    ];
    expect((await runCliCaptured(bn)).stderr).toBe(
      'error [INVALID_ARGUMENT]: Unknown --bn "moving": choose frozen or batch.\n',
    );
    const bad = await runCliCaptured([
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
