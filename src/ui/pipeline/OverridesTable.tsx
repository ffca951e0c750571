import { useLabStore } from '../../store/store';
import type { GroupSummary } from '../../protocol/engine-types';

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
      <summary>Channels to remove, unit by unit ({Object.keys(overrides).length} changed)</summary>
      <p className="help">
        A unit is a layer with the layers that must keep the same channels (its batch norm, a skip
        connection). Empty follows the slider above.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Unit</th>
            <th scope="col">Channels</th>
            <th scope="col">Share removed</th>
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
                    aria-label={`Share of ${g.id}'s channels to remove`}
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
