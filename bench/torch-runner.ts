import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './demo-models';
import type { Timing, TimingPlan } from './timing';

/**
 * Runs bench/torch_reference.py (PyTorch on CPU) with Debian's /usr/bin/python3, the one that
 * has python3-torch. Anything missing gives a skip with the reason instead of a failure.
 */
export const TORCH_PYTHON = process.env.TORCH_PYTHON ?? '/usr/bin/python3';

export interface TorchResult {
  torchVersion: string;
  threads: number;
  batch: number;
  train: Timing;
  infer: Timing;
}

export type TorchOutcome = { ok: true; result: TorchResult } | { ok: false; skipped: string };

export function probeTorch(): TorchOutcome | null {
  if (!existsSync(TORCH_PYTHON)) return { ok: false, skipped: `${TORCH_PYTHON} does not exist.` };
  const r = spawnSync(TORCH_PYTHON, ['-c', 'import torch; print(torch.__version__)'], {
    encoding: 'utf8',
  });
  if (r.status !== 0)
    return { ok: false, skipped: `PyTorch is not importable by ${TORCH_PYTHON}.` };
  return null;
}

function withSpread(t: Omit<Timing, 'relSpread'>): Timing {
  return { ...t, relSpread: t.medianMs > 0 ? (t.maxMs - t.minMs) / 2 / t.medianMs : 0 };
}

export function runTorchReference(
  topologyFile: string,
  task: string,
  batch: number,
  plan: TimingPlan,
  threads: number,
): TorchOutcome {
  const missing = probeTorch();
  if (missing) return missing;
  const script = path.join(REPO_ROOT, 'bench', 'torch_reference.py');
  const args = [
    script,
    topologyFile,
    '--task',
    task,
    '--batch',
    String(batch),
    '--reps',
    String(plan.reps),
    '--warmup',
    String(plan.warmup),
    '--threads',
    String(threads),
  ];
  const r = spawnSync(TORCH_PYTHON, args, {
    encoding: 'utf8',
    env: { ...process.env, PYTHONWARNINGS: 'ignore' },
  });
  if (r.status !== 0)
    return {
      ok: false,
      skipped: `torch_reference.py failed: ${(r.stderr || '').trim().split('\n').pop()}`,
    };
  const raw = JSON.parse(r.stdout.trim().split('\n').pop()!);
  return {
    ok: true,
    result: {
      torchVersion: raw.torch,
      threads: raw.threads,
      batch: raw.batch,
      train: withSpread(raw.train),
      infer: withSpread(raw.infer),
    },
  };
}
