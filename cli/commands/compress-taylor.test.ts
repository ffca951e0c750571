import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../cli-test-fixtures';

const root = mkdtempSync(path.join(os.tmpdir(), 'cli-taylor-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** One statistics step per unit, no fine-tune, a few test digits: only the wiring is checked. */
const tinyBudget = ['--data', 'mnist', '--stats-steps', '1', '--refresh', '1'];
const tinyRest = [
  '--finetune-steps',
  '0',
  '--batch',
  '8',
  '--eval-limit',
  '16',
  '--sparsity',
  '0.5',
];

describe('compress --importance taylor on the demos', () => {
  it.each(['mnist-cnn', 'mnist-resnet'])(
    '%s: the report names Taylor and its statistics steps',
    async (demo) => {
      const out = path.join(root, demo);
      const argv = [
        'compress',
        `demo:${demo}`,
        '--importance',
        'taylor',
        ...tinyBudget,
        ...tinyRest,
      ];
      const r = await runCliCaptured([...argv, '--out', out, '--json']);
      expect(r.code).toBe(0);
      const result = JSON.parse(r.stdout);
      expect(result.report.importance).toBe('taylor');
      const steps = result.report.groups.map((g: { statsSteps: number }) => g.statsSteps);
      expect(new Set(steps)).toEqual(new Set([1]));
      const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
      expect(report.config.compress.importance).toBe('taylor');
      expect(report.notes).toContain(
        'Importance criterion "taylor" (first-order Taylor (a·∂L/∂a)): Mean |a · ∂L/∂a| per channel at the same activation, from each training step’s backward pass, averaged over the statistics steps.',
      );
    },
  );

  it('names the criterion in the printed summary', async () => {
    const argv = ['compress', 'demo:mnist-resnet', '--importance', 'taylor', ...tinyBudget];
    const r = await runCliCaptured([...argv, ...tinyRest, '--out', path.join(root, 'human')]);
    expect(r.stdout.split('\n')[0]).toMatch(
      /^layerwise \(importance: first-order Taylor \(a·∂L\/∂a\)\) at sparsity 0\.5: /,
    );
  });

  it('names the choices for an unknown criterion', async () => {
    const r = await runCliCaptured([
      'compress',
      'demo:mnist-cnn',
      '--importance',
      'l2',
      ...tinyBudget,
      '--out',
      path.join(root, 'x'),
    ]);
    expect([r.code, r.stderr]).toEqual([
      1,
      'error [INVALID_ARGUMENT]: Unknown --importance "l2": choose l1, l0, taylor, weight-l1 or random.\n',
    ]);
  });

  it('rank-shift says Taylor needs a training loss it does not have', async () => {
    const argv = ['rank-shift', 'demo:mnist-cnn', '--unit', 'conv2', '--importance', 'taylor'];
    const r = await runCliCaptured([...argv, '--data', 'mnist']);
    expect([r.code, r.stderr]).toEqual([
      1,
      'error [INVALID_ARGUMENT]: Unknown --importance "taylor" for rank-shift (it has no training loss): choose l1 or l0.\n',
    ]);
  });
});
