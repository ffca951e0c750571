import { LabError } from '../../src/core/errors';
import { rankShift } from '../../src/core/rank-shift/analysis';
import { checkBnMode } from '../../src/core/rank-shift/bn-mode';
import { isCriterionId } from '../../src/core/prune/criteria/catalog';
import type { ActivationImportanceKind } from '../../src/core/prune/importance';
import type { CliCommand } from '../command';
import { loadModelArg, numberOption, settingsFromArgs, stringOption } from '../args';
import { loadDataArg } from './compress';

function parseSparsities(text: string | undefined): number[] {
  const values = (text ?? '0,0.25,0.5,0.75').split(',').map(Number);
  for (const s of values) {
    if (!(s >= 0 && s < 1))
      throw new LabError(
        'INVALID_ARGUMENT',
        `--sparsities needs numbers in [0, 1), got "${text}".`,
      );
  }
  return values;
}

/** The criteria rank shift can measure: forward statistics of one calibration batch. */
const RANK_SHIFT_KINDS: readonly ActivationImportanceKind[] = ['l1', 'l0'];
const isRankShiftKind = (id: string): id is ActivationImportanceKind =>
  (RANK_SHIFT_KINDS as readonly string[]).includes(id);

export const rankShiftCommand: CliCommand = {
  name: 'rank-shift',
  summary:
    "Measure how pruning an upstream unit reorders a downstream unit's channel importance (Kendall τ, Levenshtein).",
  usage:
    'rank-shift <model|demo:name> --data mnist|DIR --unit L [--upstream U] [--sparsities 0,0.25,0.5,0.75] [--limit N] [--importance l1|l0] [--bn batch|frozen] [--json]',
  async run(ctx) {
    const { args } = ctx;
    const unit = stringOption(args, 'unit');
    if (!unit)
      throw new LabError(
        'INVALID_ARGUMENT',
        'Give --unit L (a prunable unit, i.e. its producer layer name).',
      );
    const importance = stringOption(args, 'importance') ?? 'l1';
    if (!isRankShiftKind(importance)) {
      const known = isCriterionId(importance) ? ' for rank-shift (it has no training loss)' : '';
      throw new LabError(
        'INVALID_ARGUMENT',
        `Unknown --importance "${importance}"${known}: choose ${RANK_SHIFT_KINDS.join(' or ')}.`,
      );
    }
    const { spec, dataId } = loadModelArg(args.positionals[0]);
    const source = await loadDataArg(args, spec, dataId);
    const { seed = 1 } = settingsFromArgs(args, ['seed']);
    const result = await rankShift({
      spec,
      source,
      unit,
      upstream: stringOption(args, 'upstream'),
      sparsities: parseSparsities(stringOption(args, 'sparsities')),
      calibrationSize: numberOption(args, 'limit') ?? 256,
      seed: seed as number,
      importance,
      targetSparsity: numberOption(args, 'target-sparsity') ?? 0.5,
      bnMode: checkBnMode(stringOption(args, 'bn') ?? 'batch'),
    });
    const rows = result.points.map(
      (p) =>
        `  s=${p.sparsity.toFixed(2)}  tau=${p.kendallTau.toFixed(3)}  lev=${p.levenshtein} (${p.levenshteinNormalized.toFixed(3)})  kept overlap=${p.keptOverlap.toFixed(3)}`,
    );
    const bn =
      result.bnMode === 'batch'
        ? 'BatchNorm on batch statistics, as pruning measures'
        : 'BatchNorm on moving statistics (inference)';
    const header = `rank shift of ${result.unit} when ${result.upstream} is pruned (${result.calibrationSize} calibration images; ${bn}):`;
    const notes = result.notes.map((n) => `note: ${n}`);
    return { result, human: [header, ...rows, ...notes].join('\n') };
  },
};
