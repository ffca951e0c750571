import { markdownText } from '../src/core/report/inert-text';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelFilesFromArtifacts, specToArtifacts } from '../src/core/model/write-artifacts';
import { smallCnnSpec } from '../test-support/pipeline/pipeline-test-models';
import * as hostile from '../src/core/robustness/hostile-models';
import { writeModelDir } from '../src/node/model-files';
import { runCliCaptured, writeQuadrantImages } from './cli-test-fixtures';

/**
 * Issue 19's hostile classes through the real commands: `inspect` and `compress` answer each
 * with the CLI's input-error exit (1), one typed `error [CODE]: message` line that names the
 * file and the layer or weight, and no output folder.
 */
const root = mkdtempSync(path.join(os.tmpdir(), 'cli-hostile-'));
const dataDir = path.join(root, 'images');
let base: hostile.ModelFiles;

beforeAll(async () => {
  base = modelFilesFromArtifacts(specToArtifacts(await smallCnnSpec()));
  writeQuadrantImages(dataDir, 4);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function modelDir(name: string, files: hostile.ModelFiles): string {
  const dir = path.join(root, name);
  writeModelDir(dir, files);
  return dir;
}

const compressArgs = (dir: string, out: string, extra: string[] = []) => [
  'compress',
  dir,
  '--data',
  dataDir,
  '--sparsity',
  '0.5',
  '--stats-steps',
  '2',
  '--refresh',
  '1',
  '--finetune-steps',
  '2',
  '--batch',
  '8',
  '--out',
  out,
  ...extra,
];

async function expectRefused(name: string, files: () => hostile.ModelFiles, line: string) {
  const dir = modelDir(name, files());
  const inspected = await runCliCaptured(['inspect', dir]);
  expect([inspected.code, inspected.stdout, inspected.stderr]).toEqual([1, '', `${line}\n`]);
  const out = path.join(root, `${name}-out`);
  const compressed = await runCliCaptured(compressArgs(dir, out));
  expect([compressed.code, compressed.stdout, compressed.stderr]).toEqual([1, '', `${line}\n`]);
  expect(existsSync(out)).toBe(false);
}

describe('non-finite weights', () => {
  it('NaN in one value', () =>
    expectRefused(
      'nan-one',
      () => hostile.withWeightValues(base, 'conv2/kernel', NaN, 1),
      'error [INVALID_MODEL]: Weight "conv2/kernel" of layer "conv2" in "model.json" holds 1 non-finite value of 576 (1 NaN); the lab refuses NaN and infinite weights.',
    ));
  it('a whole layer of NaN', () =>
    expectRefused(
      'nan-layer',
      () => hostile.withWeightValues(base, 'conv1/kernel', NaN, 1e9),
      'error [INVALID_MODEL]: Weight "conv1/kernel" of layer "conv1" in "model.json" holds 72 non-finite values of 72 (72 NaN); the lab refuses NaN and infinite weights.',
    ));
  it('−Infinity in a conv kernel', () =>
    expectRefused(
      'neg-inf',
      () => hostile.withWeightValues(base, 'conv1/kernel', -Infinity, 1),
      'error [INVALID_MODEL]: Weight "conv1/kernel" of layer "conv1" in "model.json" holds 1 non-finite value of 72 (1 -Infinity); the lab refuses NaN and infinite weights.',
    ));
  it('every float of a layer with a corrupted exponent (all bits set)', () =>
    expectRefused(
      'exponent',
      () => hostile.withCorruptedExponent(base, 'fc/bias', 255),
      'error [INVALID_MODEL]: Weight "fc/bias" of layer "fc" in "model.json" holds 4 non-finite values of 4 (4 +Infinity); the lab refuses NaN and infinite weights.',
    ));
});

describe('weights that overflow float32 on data', () => {
  it('compress stops with the divergence error, quantize with the overflowing layer', async () => {
    const dir = modelDir('huge', hostile.withWeightValues(base, 'conv1/kernel', 3e38, 1e9));
    const inspected = await runCliCaptured(['inspect', dir]);
    expect(inspected.code).toBe(0);
    expect(inspected.stdout).toContain(
      'warning: Weight "conv1/kernel" of layer "conv1" holds 72 values above 1e+6 in magnitude (largest 3.00e+38); its outputs may overflow.',
    );
    const out = path.join(root, 'huge-out');
    const compressed = await runCliCaptured(compressArgs(dir, out));
    expect(compressed.code).toBe(1);
    expect(compressed.stderr).toMatch(
      /error \[TRAINING_DIVERGED\]: Training diverged at step 1 of prune:layerwise: weight "conv1\/kernel" holds NaN or infinite values \(its largest magnitude was 3\.00e\+38\); try a lower learning rate\.\n$/,
    );
    const quantized = await runCliCaptured([
      'quantize',
      dir,
      '--data',
      dataDir,
      '--wbits',
      '8',
      '--abits',
      '8',
      '--out',
      out,
    ]);
    expect(quantized.code).toBe(1);
    expect(quantized.stderr).toMatch(
      /^error \[INVALID_MODEL\]: Layer "conv1" of model "small_cnn" produces NaN or infinite activations \(observed range .* … Infinity\); its weights overflow float32, so it cannot be quantized\.\n$/,
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe('divergence', () => {
  it('compress at learning rate 1e3 stops with TRAINING_DIVERGED and writes nothing', async () => {
    const dir = modelDir('lr', base);
    const out = path.join(root, 'lr-out');
    const r = await runCliCaptured(compressArgs(dir, out, ['--lr', '1e3']));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /error \[TRAINING_DIVERGED\]: Training diverged at step 1 of prune:layerwise: weight "conv1\/kernel" grew to 1\.00e\+3 in magnitude \(from .*\); try a lower learning rate\.\n$/,
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe('reserved names', () => {
  it.each(['toString', 'hasOwnProperty', 'constructor', '__proto__', 'valueOf', 'prototype'])(
    'a layer named %s',
    (name) =>
      expectRefused(
        `name-${name}`,
        () => hostile.withLayerRenamed(base, 'conv2', name),
        `error [INVALID_MODEL]: Layer "${name}" (Conv2D) in "model.json" is named like a built-in property of JavaScript objects, which the lab cannot use as a layer name; rename the layer (for example to "${name}_1").`,
      ),
  );
});

describe('Keras config errors', () => {
  it('Dropout rate 5', () =>
    expectRefused(
      'dropout',
      () => hostile.withDropoutAfter(base, 'flat', 5),
      'error [INVALID_MODEL]: Layer "flat_dropout" (Dropout) in "model.json" has rate 5; it must be a number in [0, 1).',
    ));
  it('zero strides', () =>
    expectRefused(
      'strides',
      () => hostile.withLayerConfig(base, 'conv1', (c) => (c.strides = [0, 0])),
      'error [INVALID_MODEL]: Layer "conv1" in "model.json" has strides [0,0]; the lab accepts integers from 1 to 65536.',
    ));
  it('negative units', () =>
    expectRefused(
      'units',
      () => hostile.withLayerConfig(base, 'fc', (c) => (c.units = -3)),
      'error [INVALID_MODEL]: Layer "fc" in "model.json" has units -3; the lab accepts integers from 1 to 1048576.',
    ));

  it('unknown initializer, regularizer and constraint are ignored with a note', async () => {
    const dir = modelDir(
      'unknown-objects',
      hostile.withLayerConfig(base, 'conv1', (c) => {
        c.kernel_initializer = { class_name: 'Bogus', config: {} };
        c.kernel_regularizer = { class_name: 'L2', config: { l2: 0.01 } };
        c.bias_constraint = { class_name: 'Odd', config: {} };
      }),
    );
    const note =
      'Layer "conv1": kernel_initializer Bogus, kernel_regularizer L2, bias_constraint Odd are unknown to TensorFlow.js and were ignored (initializers, regularizers and constraints do not affect inference or pruning).';
    const inspected = await runCliCaptured(['inspect', dir]);
    expect(inspected.code).toBe(0);
    expect(inspected.stdout.trimEnd().split('\n').at(-1)).toBe(`note: ${note}`);
    const out = path.join(root, 'unknown-objects-out');
    const compressed = await runCliCaptured(compressArgs(dir, out));
    expect(compressed.code).toBe(0);
    // report.md escapes model-derived text as Markdown (inert-text.ts).
    expect(readFileSync(path.join(out, 'report.md'), 'utf8')).toContain(`- ${markdownText(note)}`);
  });
});

describe('deep graphs', () => {
  it('a chain of 5,000 layers is refused before it is parsed', () =>
    expectRefused(
      'chain-5000',
      () => hostile.denseChainFiles(5000),
      'error [FILE_TOO_LARGE]: The model in "model.json" has 5002 layers; the lab refuses models with more than 2000 layers.',
    ));

  it('a chain of 1,998 Dense layers is inspected', async () => {
    const r = await runCliCaptured([
      'inspect',
      modelDir('chain-1998', hostile.denseChainFiles(1998)),
      '--json',
    ]);
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout);
    expect([info.layers.length, info.params, info.outputShape]).toEqual([
      2000,
      260 + 1997 * 20,
      [4],
    ]);
  });
});

describe('limits before bytes are read', () => {
  /** The model directory with its weights file replaced by a sparse file of `sizeBytes`. */
  function withSparseWeights(name: string, sizeBytes: number): string {
    const dir = modelDir(name, base);
    rmSync(path.join(dir, 'weights.bin'));
    writeFileSync(path.join(dir, 'weights.bin'), '');
    truncateSync(path.join(dir, 'weights.bin'), sizeBytes);
    return dir;
  }

  it.each([
    ['a 600 MB shard', 600 * 2 ** 20, '600.0 MiB (629145600 bytes)'],
    ['a 3 GB weight file', 3 * 2 ** 30, '3072.0 MiB (3221225472 bytes)'],
  ])('%s is FILE_TOO_LARGE from its size', async (_, sizeBytes, size) => {
    const dir = withSparseWeights(`sparse-${sizeBytes}`, sizeBytes);
    const line = `error [FILE_TOO_LARGE]: File "weights.bin" is ${size}; the lab refuses weight files over 512.0 MiB.\n`;
    const out = `${dir}-out`;
    for (const argv of [['inspect', dir], compressArgs(dir, out)]) {
      const r = await runCliCaptured(argv);
      expect([r.code, r.stderr]).toEqual([1, line]);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('a 65 MiB model.json is FILE_TOO_LARGE from its size', async () => {
    const dir = modelDir('big-json', base);
    truncateSync(path.join(dir, 'model.json'), 65 * 2 ** 20);
    const r = await runCliCaptured(['inspect', path.join(dir, 'model.json')]);
    expect([r.code, r.stderr]).toEqual([
      1,
      'error [FILE_TOO_LARGE]: File "model.json" is 65.0 MiB (68157440 bytes); the lab refuses a model JSON over 64.0 MiB.\n',
    ]);
  });

  it('a FIFO or a device is refused, never opened', async () => {
    const dir = modelDir('fifo', base);
    rmSync(path.join(dir, 'weights.bin'));
    execFileSync('mkfifo', [path.join(dir, 'weights.bin')]);
    const shard = await runCliCaptured(['inspect', dir]);
    expect([shard.code, shard.stderr]).toEqual([
      1,
      `error [INVALID_ARGUMENT]: "${path.join(dir, 'weights.bin')}" is a named pipe; the lab reads models only from regular files.\n`,
    ]);
    const device = await runCliCaptured(['compress', '/dev/urandom', '--data', dataDir]);
    expect([device.code, device.stderr]).toEqual([
      1,
      'error [INVALID_ARGUMENT]: "/dev/urandom" is a device; the lab reads models only from regular files.\n',
    ]);
  });
});

describe('file names are data', () => {
  it.each(['__proto__', 'toString', 'constructor'])('a shard named %s loads', async (shard) => {
    const json = JSON.parse(new TextDecoder().decode(base['model.json']));
    json.weightsManifest[0].paths = [shard];
    const dir = modelDir(`shard-${shard}`, {
      'model.json': new TextEncoder().encode(JSON.stringify(json)),
    });
    writeFileSync(path.join(dir, shard), base['weights.bin']);
    const r = await runCliCaptured(['inspect', dir, '--json']);
    expect([r.code, JSON.parse(r.stdout).params]).toEqual([0, 1180]);
  });
});
