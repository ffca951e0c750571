import { useMemo } from 'react';
import { useLabStore } from '../../store/store';
import type { ModelSummary } from '../../protocol/engine-types';
import { deriveRunView, type RunView } from './run-view';

/** The run the view shows, re-derived only when one of its inputs changes. */
export function useRunView(model: ModelSummary): RunView {
  const activeRunId = useLabStore((s) => s.activeRunId);
  const groupPhases = useLabStore((s) => s.groupPhases);
  const scoresRunId = useLabStore((s) => s.scoresRunId);
  const groupScores = useLabStore((s) => s.groupScores);
  const lastRun = useLabStore((s) => s.history[0]);
  const quantizing = useLabStore((s) => s.activeRunId !== null && s.progress?.phase === 'qat');
  const wbits = useLabStore((s) => s.settings.wbits);
  const abits = useLabStore((s) => s.settings.abits);
  return useMemo(
    () =>
      deriveRunView({
        activeRunId,
        groupPhases,
        scoresRunId,
        groupScores,
        lastRun,
        quantizing,
        targetBits: { weightBits: wbits, activationBits: abits },
        groupChannels: new Map(model.groups.map((g) => [g.id, g.channels])),
      }),
    [activeRunId, groupPhases, scoresRunId, groupScores, lastRun, quantizing, wbits, abits, model],
  );
}
