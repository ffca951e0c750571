import { useLabStore } from '../../store/store';
import type { GroupSummary } from '../../worker/engine-types';

const NO_GROUPS: GroupSummary[] = [];

/** Per-group sparsity: empty follows the global slider; unprunable groups say why. */
export function OverridesTable({ disabled }: { disabled: boolean }) {
  const groups = useLabStore((s) => s.model?.groups ?? NO_GROUPS);
  const overrides = useLabStore((s) => s.settings.overrides);
  const global = useLabStore((s) => s.settings.sparsity);
  const setOverride = useLabStore((s) => s.setOverride);
  if (groups.length === 0) return null;
  return (
    <details className="overrides">
      <summary>Per-unit sparsity ({Object.keys(overrides).length} overridden)</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Channels</th>
            <th scope="col">Sparsity</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.id}>
              <th scope="row" title={g.units.join(', ')}>
                {g.id}
                {g.units.length > 1 ? ` (+${g.units.length - 1} coupled)` : ''}
              </th>
              <td>{g.channels}</td>
              <td>
                {g.prunable ? (
                  <input
                    type="number"
                    aria-label={`Sparsity of ${g.id}`}
                    min={0}
                    max={0.95}
                    step={0.05}
                    disabled={disabled}
                    placeholder={String(global)}
                    value={overrides[g.id] ?? ''}
                    onChange={(e) => {
                      const n = e.currentTarget.valueAsNumber;
                      setOverride(g.id, Number.isFinite(n) && n >= 0 && n < 1 ? n : null);
                    }}
                  />
                ) : (
                  <span className="muted" title={g.reason}>
                    kept dense
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
