import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sequentialCnnFixture } from '../test-support/graph/fixture-models';
import { parseModelFiles } from '../src/core/model/load-files';
import { countParams } from '../src/core/model/spec';
import { randomizeWeights } from '../test-support/model/random-models';
import { createRng } from '../src/core/random';
import { specFromLayersModel } from '../src/core/model/tf-bridge';
import { modelFilesFromArtifacts, specToArtifacts } from '../src/core/model/write-artifacts';
import { readModelDir, writeModelDir } from '../src/node/model-files';
import type { CliContext } from './command';
import { inspectCommand } from './commands/inspect';
import { pruneCommand, type PruneReport } from './commands/prune';
import { parseArgs } from './run-cli';
import { modelRefArg } from './args';
import { DEMO_MODELS_DIR } from '../src/node/demo-models';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prune-lab-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function ctx(argv: string[]): CliContext {
  const args = parseArgs(argv);
  return {
    args,
    json: args.options.json === true,
    backend: {} as CliContext['backend'],
    progress: () => undefined,
  };
}

async function writeFixture(): Promise<string> {
  const model = sequentialCnnFixture();
  randomizeWeights(model, createRng(5));
  const spec = await specFromLayersModel(model);
  model.dispose();
  const dir = path.join(tmp, 'in');
  writeModelDir(dir, modelFilesFromArtifacts(specToArtifacts(spec)));
  return dir;
}

// conv1 3·3·1·8+8, conv2 3·3·8·16+16, dense1 144·10+10, dense2 10·4+4; at s = 0.5: 4, 8, 5 kept.
const PARAMS_BEFORE = 80 + 1168 + 1450 + 44;
const PARAMS_AFTER = 40 + 296 + 365 + 24;

describe('inspect and prune commands', () => {
  it('inspect lists layers, sizes and groups', async () => {
    const dir = await writeFixture();
    const { result, human } = await inspectCommand.run(ctx([dir, '--json']));
    const info = result as {
      params: number;
      weightBytes: number;
      inputShape: number[];
      outputShape: number[];
      layers: unknown[];
      groups: { id: string; prunable: boolean; members: string[] }[];
    };
    expect([info.params, info.weightBytes]).toEqual([PARAMS_BEFORE, PARAMS_BEFORE * 4]);
    expect([info.inputShape, info.outputShape]).toEqual([[8, 8, 1], [4]]);
    expect(info.layers.length).toBe(7);
    expect(info.groups.map((g) => [g.id, g.prunable])).toEqual([
      ['conv1', true],
      ['conv2', true],
      ['dense1', true],
      ['dense2', false],
    ]);
    expect(human.split('\n')[1]).toBe(`params ${PARAMS_BEFORE}, weight bytes ${PARAMS_BEFORE * 4}`);
  });

  it('prune writes a smaller model and a report whose numbers match the layer arithmetic', async () => {
    const dir = await writeFixture();
    const out = path.join(tmp, 'out');
    const { result } = await pruneCommand.run(
      ctx([dir, '--sparsity', '0.5', '--importance', 'random', '--seed', '3', '--out', out]),
    );
    const report = result as PruneReport;
    expect(report.before).toEqual({ params: PARAMS_BEFORE, weightBytes: PARAMS_BEFORE * 4 });
    expect(report.after).toEqual({ params: PARAMS_AFTER, weightBytes: PARAMS_AFTER * 4 });
    expect(report.groups.map((g) => [g.id, g.kept, g.total])).toEqual([
      ['conv1', 4, 8],
      ['conv2', 8, 16],
      ['dense1', 5, 10],
      ['dense2', 4, 4],
    ]);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8'))).toEqual(report);
    expect(fs.statSync(path.join(out, 'weights.bin')).size).toBe(PARAMS_AFTER * 4);
    const reloaded = parseModelFiles(readModelDir(path.join(out, 'model.json')), {
      jsonPath: 'model.json',
    });
    expect(countParams(reloaded)).toBe(PARAMS_AFTER);
  });

  it('refuses a missing sparsity and resolves demo: names', async () => {
    await expect(pruneCommand.run(ctx(['x', '--out', tmp]))).rejects.toThrow(
      '--sparsity needs a number between 0 and 1, e.g. --sparsity 0.5.',
    );
    await expect(
      pruneCommand.run(ctx(['x', '--sparsity', '0.5', '--importance', 'l2', '--out', tmp])),
    ).rejects.toThrow('--importance must be weight-l1 or random, not "l2".');
    expect(modelRefArg('demo:mnist-cnn').modelPath).toBe(
      path.join(DEMO_MODELS_DIR, 'mnist-cnn', 'model.json'),
    );
    expect(() => modelRefArg('demo:../x')).toThrow(
      'Unknown demo "../x": choose one of mnist-cnn, mnist-resnet, mnist-denoiser, fashion-cnn, fashion-resnet.',
    );
  });
});
