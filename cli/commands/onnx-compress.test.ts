import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMnistSource } from '../../src/node/mnist-node';
import { parseModelFiles } from '../../src/core/model/load-files';
import { countParams } from '../../src/core/model/spec';
import { readModelDir } from '../../src/node/model-files';
import {
  onnxAccuracy,
  relativeError,
  runLab,
  runOnnxRuntime,
} from '../../src/node/onnx/onnx-runtime';
import { runCliCaptured } from '../cli-test-fixtures';

const FIXTURE = 'test-data/onnx/mnist-cnn.onnx';
const root = mkdtempSync(path.join(os.tmpdir(), 'cli-onnx-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('compress an .onnx made by torch.onnx.export', () => {
  it('sparsity 0.5, 8-bit weights and activations: model.onnx keeps accuracy within 1 point (onnxruntime-node, 1,000 digits) at ≤ 30 % of the bytes', async () => {
    const out = path.join(root, 'out');
    const r = await runCliCaptured([
      'compress',
      FIXTURE,
      '--data',
      'mnist',
      '--sparsity',
      '0.5',
      '--wbits',
      '8',
      '--abits',
      '8',
      '--finetune-steps',
      '150',
      '--qat-steps',
      '50',
      '--eval-limit',
      '1000',
      '--out',
      out,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const source = loadMnistSource('mnist');
    const original = await onnxAccuracy(new Uint8Array(readFileSync(FIXTURE)), source, 1000);
    const exported = await onnxAccuracy(
      new Uint8Array(readFileSync(path.join(out, 'model.onnx'))),
      source,
      1000,
    );
    expect(exported.n).toBe(1000);
    expect(original.accuracy - exported.accuracy).toBeLessThan(0.01);
    expect(statSync(path.join(out, 'model.onnx')).size).toBeLessThan(0.3 * statSync(FIXTURE).size);
  }, 600_000);

  it('quantize --wbits 8 without data writes a weight-only QDQ model.onnx that onnxruntime scores within 1 point', async () => {
    const out = path.join(root, 'q');
    const r = await runCliCaptured(['quantize', FIXTURE, '--wbits', '8', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('written: onnx (the input format; --format picks another)');
    const source = loadMnistSource('mnist');
    const original = await onnxAccuracy(new Uint8Array(readFileSync(FIXTURE)), source, 1000);
    const bytes = new Uint8Array(readFileSync(path.join(out, 'model.onnx')));
    const quantized = await onnxAccuracy(bytes, source, 1000);
    expect(Math.abs(original.accuracy - quantized.accuracy)).toBeLessThan(0.01);
    expect(bytes.length).toBeLessThan(0.3 * statSync(FIXTURE).size);
  }, 120_000);

  it('prune writes model.onnx beside the tfjs files; onnxruntime matches the pruned model within 1e-4', async () => {
    const out = path.join(root, 'p');
    const r = await runCliCaptured(['prune', FIXTURE, '--sparsity', '0.5', '--out', out]);
    expect(r.code).toBe(0);
    const pruned = parseModelFiles(readModelDir(out));
    const reference = JSON.parse(readFileSync('test-data/onnx/reference.json', 'utf8')).mnistCnn;
    const input = Float32Array.from(reference.input as number[]);
    const lab = await runLab(pruned, input, reference.inputShape);
    const bytes = new Uint8Array(readFileSync(path.join(out, 'model.onnx')));
    const ort = await runOnnxRuntime(bytes, input, reference.inputShape);
    expect(relativeError(ort, lab)).toBeLessThan(1e-4);
    expect(countParams(pruned)).toBe(6958);
  });

  it('inspect lists the residual group and the ONNX origin', async () => {
    const r = await runCliCaptured(['inspect', FIXTURE, '--json']);
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.format).toBe('onnx');
    expect(info.groups.map((g: { id: string; members: string[] }) => g.members)).toContainEqual([
      'conv1_Conv',
      'conv2_Conv',
    ]);
  });
});
