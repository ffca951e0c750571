import { describe, expect, it } from 'vitest';
import { tinyFiles } from '../../../test-support/model/fixture-models';
import { parseModelFiles } from '../model/load-files';
import { evalBatchSize, planMemory } from './memory-plan';

describe('planMemory', () => {
  // in(3) → Dense 3→2 → Dense 2→1: 11 parameters (44 B); outputs 3 (input) + 2 + 1 per example.
  // Training values per example 3 + 3·6.2 = 21.6 (86.4 B); evaluation 3 + 3·1.33 = 6.99 (27.96 B).
  const spec = parseModelFiles(tinyFiles());

  it('adds weights, Adam slots, gradients and activations per phase for a hand-countable model', () => {
    const plan = planMemory({
      spec,
      batchSize: 10,
      budgetBytes: 1e6,
      quantize: true,
      qatSteps: 40,
    });
    expect(plan.evalBatch).toBe(256);
    expect(plan.phases.map((p) => [p.phase, p.bytes])).toEqual([
      ['prune', 220 + 864], // 44·(1 + 2 Adam) + 2·44 gradients and flat copy; 10 × 86.4
      ['fine-tune', 1084],
      ['qat', 308 + 1248], // + 2·44 fake-quantized weights; 10 × (21.6 + 6·1.6) × 4
      ['evaluate', 14404], // 2·44 + 256 examples × 2 forwards × 27.96
      ['export', 132],
    ]);
    expect(plan).toMatchObject({ peakBytes: 14404, peakPhase: 'evaluate', fits: true });
    expect(plan.largestBatch).toBe(1024);
    expect(plan.refusal).toBeNull();
  });

  it('SGD keeps no slots; PTQ replaces QAT by calibration forwards', () => {
    const sgd = planMemory({ spec, batchSize: 10, budgetBytes: 1e6, optimizer: 'sgd' });
    expect(sgd.phases[0].bytes).toBe(132 + 864);
    const ptq = planMemory({ spec, batchSize: 10, budgetBytes: 1e6, quantize: true, qatSteps: 0 });
    expect(ptq.phases.map((p) => p.phase)).toEqual([
      'prune',
      'fine-tune',
      'ptq',
      'evaluate',
      'export',
    ]);
    expect(ptq.phases[2].bytes).toBe(Math.round(88 + 10 * 27.96));
  });

  it('refuses a batch that does not fit and names the largest that does, and PTQ', () => {
    const plan = planMemory({
      spec,
      batchSize: 200,
      budgetBytes: 20000,
      quantize: true,
      qatSteps: 40,
    });
    expect(plan.fits).toBe(false);
    // qat: floor((20000 − 308) / 124.8) = 157; prune alone would allow 228.
    expect(plan.largestBatch).toBe(157);
    expect(plan.refusal).toBe(
      'At batch 200 the qat phase needs about 24.7 KiB, more than the 19.5 KiB memory budget; batch 157 fits, or PTQ (0 QAT steps) fits at batch 200.',
    );
  });

  it('says when even batch 1 cannot fit', () => {
    const plan = planMemory({ spec, batchSize: 4, budgetBytes: 10000 });
    expect(plan.largestBatch).toBe(0);
    expect(plan.refusal).toBe(
      'At batch 4 the evaluate phase needs about 14.1 KiB, more than the 9.8 KiB memory budget; even batch 1 does not fit: use a smaller model or a larger budget.',
    );
  });

  it('evaluation batches shrink with the model so two forwards stay under 128 MiB', () => {
    expect(evalBatchSize(spec)).toBe(256);
  });
});
