import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelFilesFromArtifacts, specToArtifacts } from '../../src/core/model/write-artifacts';
import { smallCnnSpec } from '../../test-support/pipeline/pipeline-test-models';
import { writeModelDir } from '../../src/node/model-files';
import { runCliCaptured, writeQuadrantImages } from '../cli-test-fixtures';

const root = mkdtempSync(path.join(os.tmpdir(), 'cli-image-skip-'));
const modelDir = path.join(root, 'model');
const dataDir = path.join(root, 'quadrants');

beforeAll(async () => {
  writeModelDir(modelDir, modelFilesFromArtifacts(specToArtifacts(await smallCnnSpec())));
  writeQuadrantImages(dataDir, 5);
  writeFileSync(path.join(dataDir, 'class2', 'corrupt.png'), 'this is not a png');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('an image folder with one corrupt file', () => {
  it('is calibrated on the other images; the corrupt one is skipped and named', async () => {
    const args = ['quantize', modelDir, '--wbits', '8', '--abits', '8', '--data', dataDir];
    const out = ['--calibration-batches', '1', '--out', path.join(root, 'out')];
    const json = await runCliCaptured([...args, ...out, '--json']);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout).skippedImages).toEqual([
      { path: 'quadrants/class2/corrupt.png', reason: 'not a PNG or JPEG file' },
    ]);
    const human = await runCliCaptured([...args, ...out, '--force']);
    expect(human.stdout).toContain(
      'Skipped 1 image file: quadrants/class2/corrupt.png (not a PNG or JPEG file).',
    );
  });
});
