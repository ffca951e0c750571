import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelFilesFromArtifacts, specToArtifacts } from '../../src/core/model/write-artifacts';
import { smallCnnSpec } from '../../test-support/pipeline/pipeline-test-models';
import { writeModelDir } from '../../src/node/model-files';
import { runCliCaptured, writeQuadrantImages } from '../cli-test-fixtures';

const root = mkdtempSync(path.join(os.tmpdir(), 'cli-quantize-'));
const modelDir = path.join(root, 'model');
const graphDir = path.join(root, 'graph');
const dataDir = path.join(root, 'images');

function writeGraphModel(): void {
  const json = {
    format: 'graph-model',
    modelTopology: { node: [{ name: 'x', op: 'Placeholder' }] },
    weightsManifest: [
      { paths: ['group1-shard1of1'], weights: [{ name: 'w', shape: [256], dtype: 'float32' }] },
    ],
  };
  mkdirSync(graphDir, { recursive: true });
  writeFileSync(path.join(graphDir, 'model.json'), JSON.stringify(json));
  const w = Float32Array.from({ length: 256 }, (_, i) => Math.cos(i));
  writeFileSync(path.join(graphDir, 'group1-shard1of1'), new Uint8Array(w.buffer));
}

beforeAll(async () => {
  writeModelDir(modelDir, modelFilesFromArtifacts(specToArtifacts(await smallCnnSpec())));
  writeQuadrantImages(dataDir, 8);
  writeGraphModel();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('quantize command', () => {
  it('PTQ W8A8 writes the packed model, both reports and a zip of them', async () => {
    const out = path.join(root, 'ptq');
    const r = await runCliCaptured([
      'quantize',
      modelDir,
      '--wbits',
      '8',
      '--abits',
      '8',
      '--data',
      dataDir,
      '--calibration-batches',
      '2',
      '--format',
      'packed',
      '--out',
      out,
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { report } = JSON.parse(r.stdout);
    expect(report.config.quant).toMatchObject({
      weightBits: 8,
      activationBits: 8,
      mode: 'ptq',
      calibrationBatches: 2,
    });
    expect(report.metrics.map((m: { stage: string }) => m.stage)).toEqual([
      'dense',
      'quantized',
      'weight-quantized',
      'stock-export',
    ]);
    expect(report.metrics[0].n).toBeGreaterThan(0);
    expect(report.metrics.map((m: { n: number }) => m.n)).toEqual(
      Array(4).fill(report.metrics[0].n),
    );
    const zip = unzipSync(new Uint8Array(readFileSync(path.join(out, 'model.zip'))));
    expect(Object.keys(zip).sort()).toEqual([
      'model.packed.json',
      'report.json',
      'report.md',
      'weights.packed.bin',
    ]);
    expect(JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')).params.after).toBe(1180);
  });

  it('re-quantizes a graph model per tensor and explains why it is not pruned', async () => {
    const out = path.join(root, 'graph-out');
    const r = await runCliCaptured(['quantize', graphDir, '--wbits', '8', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.dtype).toBe('uint8');
    expect(result.bytesBefore - result.bytesAfter).toBeGreaterThan(600); // 1,024 float32 bytes → 256 codes, minus the longer manifest
    expect(readFileSync(path.join(out, 'group1-shard1of1.bin')).length).toBe(256);
    expect(result.note).toContain('it was not pruned');
    const bad = await runCliCaptured([
      'quantize',
      graphDir,
      '--wbits',
      '4',
      '--out',
      out,
      '--force',
    ]);
    expect(bad.stderr).toBe(
      "error [INVALID_ARGUMENT]: A graph model's weights re-quantize to 8 or 16 bits (or --float16), not 4.\n",
    );
  });

  it('names missing bits and a bad format', async () => {
    expect(
      (await runCliCaptured(['quantize', modelDir, '--out', path.join(root, 'none')])).stderr,
    ).toBe('error [INVALID_ARGUMENT]: Give --wbits B (and optionally --abits B) to quantize.\n');
    const fmt = await runCliCaptured([
      'quantize',
      modelDir,
      '--wbits',
      '8',
      '--format',
      'zip',
      '--out',
      path.join(root, 'f'),
    ]);
    expect(fmt.stderr).toBe(
      'error [INVALID_ARGUMENT]: Unknown --format "zip": choose stock, packed, keras, onnx or onnx-float.\n',
    );
    expect(existsSync(path.join(root, 'f'))).toBe(false);
  });
});
