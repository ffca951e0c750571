import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Tensor } from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateOnSource } from '../../src/core/data/evaluate';
import { parseKerasFile } from '../../src/core/formats/keras/read-keras';
import { buildLayersModel } from '../../src/core/model/tf-bridge';
import type { ModelSpec } from '../../src/core/model/spec';
import { KERAS_FIXTURE_DIR } from '../../src/node/keras-fixtures';
import { loadMnistSource } from '../../src/node/mnist-node';
import { runCliCaptured } from '../cli-test-fixtures';

/**
 * Issue 17's must-show for Keras: `compress <fixture>.keras|.h5 --sparsity 0.5 --wbits 8 --abits 8
 * --format keras` keeps MNIST accuracy within 1 point on 1,000 test digits, measured on the
 * exported model.keras (read back by the lab's reader, run by stock tfjs), and the file is
 * ≤ 30 % of the original's bytes. A short budget keeps the test to about a minute.
 */
const root = mkdtempSync(path.join(os.tmpdir(), 'cli-keras-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function accuracyOn1000(spec: ModelSpec): Promise<number> {
  const model = await buildLayersModel(spec);
  const r = await evaluateOnSource(
    (x) => model.predict(x) as Tensor,
    loadMnistSource('mnist'),
    'test',
    {
      limit: 1000,
    },
  );
  model.dispose();
  return r.value;
}

describe('compress a Keras-saved .keras and export .keras', () => {
  it.each(['mnist-resnet-small.keras', 'mnist-resnet-small.h5'])(
    '%s: accuracy within 1 point at ≤ 30 % of the bytes',
    async (file) => {
      const input = path.join(KERAS_FIXTURE_DIR, file);
      const out = path.join(root, file);
      const r = await runCliCaptured([
        'compress',
        input,
        '--data',
        'mnist',
        '--sparsity',
        '0.5',
        '--wbits',
        '8',
        '--abits',
        '8',
        '--stats-steps',
        '10',
        '--refresh',
        '5',
        '--finetune-steps',
        '120',
        '--qat-steps',
        '40',
        '--format',
        'keras',
        '--out',
        out,
        '--json',
      ]);
      expect(r.code).toBe(0);
      const exported = readFileSync(path.join(out, 'model.keras'));
      const original = parseKerasFile(new Uint8Array(readFileSync(input)), file);
      const pruned = parseKerasFile(new Uint8Array(exported), 'model.keras');
      expect(pruned.weights['conv1/kernel'].shape).toEqual([3, 3, 1, 4]);
      const before = await accuracyOn1000(original);
      const after = await accuracyOn1000(pruned);
      expect(after).toBeGreaterThanOrEqual(before - 0.01);
      expect(exported.length / statSync(input).size).toBeLessThanOrEqual(0.3);
    },
    300_000,
  );
});
