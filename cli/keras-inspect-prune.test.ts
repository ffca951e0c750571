import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseKerasFile } from '../src/core/formats/keras/read-keras';
import type { ModelInspection } from '../src/core/graph/inspect-model';
import { countParams } from '../src/core/model/spec';
import { KERAS_FIXTURE_DIR } from '../src/node/keras-fixtures';
import type { CliContext } from './command';
import { inspectCommand } from './commands/inspect';
import { pruneCommand, type PruneReport } from './commands/prune';
import { parseArgs } from './run-cli';

/** `inspect` and `prune` on Keras-saved files (test-data/keras/, written by Keras 3.15). */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prune-lab-keras-'));
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

describe('CLI on Keras files', () => {
  it.each(['mnist-resnet-small.keras', 'mnist-resnet-small.h5'])(
    'inspect %s lists the layers and the residual group',
    async (file) => {
      const { result } = await inspectCommand.run(
        ctx([path.join(KERAS_FIXTURE_DIR, file), '--json']),
      );
      const info = result as ModelInspection;
      expect(info.format).toBe(file.endsWith('.h5') ? 'keras-h5' : 'keras');
      expect(info.layers.map((l) => l.className)).toEqual([
        'InputLayer',
        'Conv2D',
        'BatchNormalization',
        'ReLU',
        'MaxPooling2D',
        'Conv2D',
        'BatchNormalization',
        'ReLU',
        'Conv2D',
        'BatchNormalization',
        'Add',
        'ReLU',
        'MaxPooling2D',
        'Flatten',
        'Dense',
        'Dense',
      ]);
      expect(info.params).toBe(10_922);
      expect(info.groups.map((g) => [g.id, g.members, g.prunable])).toEqual([
        ['conv1', ['conv1', 'conv3'], true],
        ['conv2', ['conv2'], true],
        ['fc1', ['fc1'], true],
        ['logits', ['logits'], false],
      ]);
    },
  );

  it('prune --format keras writes a .keras with half the channels', async () => {
    const out = path.join(tmp, 'pruned');
    const input = path.join(KERAS_FIXTURE_DIR, 'mnist-seq-small.h5');
    const { result } = await pruneCommand.run(
      ctx([input, '--sparsity', '0.5', '--format', 'keras', '--out', out]),
    );
    const report = result as PruneReport;
    const written = parseKerasFile(
      new Uint8Array(fs.readFileSync(path.join(out, 'model.keras'))),
      'model.keras',
    );
    expect(countParams(written)).toBe(report.after.params);
    expect(written.weights['conv1/kernel'].shape).toEqual([3, 3, 1, 4]);
    expect(written.weights['conv2/kernel'].shape).toEqual([3, 3, 4, 8]);
  });
});
