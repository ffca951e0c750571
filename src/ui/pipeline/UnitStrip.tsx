import { useLabStore } from '../../store/store';
import type { GroupSummary } from '../../protocol/engine-types';

const NO_GROUPS: GroupSummary[] = [];

const PHASE_TEXT = {
  dense: 'dense',
  measuring: 'measuring',
  masked: 'masked',
  frozen: 'frozen',
} as const;

/** One cell per prunable group in schedule order, coloured by its phase in the run. */
export function UnitStrip() {
  const groups = useLabStore((s) => s.model?.groups ?? NO_GROUPS);
  const phases = useLabStore((s) => s.groupPhases);
  const prunable = groups.filter((g) => g.prunable);
  if (prunable.length === 0) return null;
  return (
    <ol className="unit-strip" aria-label="Units by pruning phase" data-testid="unit-strip">
      {prunable.map((g) => {
        const phase = phases[g.id] ?? 'dense';
        return (
          <li
            key={g.id}
            className={`unit unit-${phase}`}
            data-phase={phase}
            title={`${g.id}: ${PHASE_TEXT[phase]}`}
          >
            <span className="unit-name">{g.id}</span>
            <span className="unit-phase">{PHASE_TEXT[phase]}</span>
          </li>
        );
      })}
    </ol>
  );
}
