import type { RunOutcome } from '../../protocol/engine-types';

/**
 * Accuracy within each class, original against compressed: a student sees *which* classes
 * pruning hurts. The bar shows the compressed model's accuracy, the change is coloured by sign,
 * and the class that lost most is in bold.
 */
function percent(value: number): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : '—';
}

export function PerClassTable({
  outcome,
  classNames,
}: {
  outcome: RunOutcome;
  classNames: string[];
}) {
  const before = outcome.before.perClassAccuracy;
  const after = outcome.after.perClassAccuracy;
  if (!before || !after || before.length !== after.length) return null;
  const worst = after.reduce(
    (w, a, k) => (Number.isFinite(a - before[k]) && a - before[k] < after[w] - before[w] ? k : w),
    0,
  );
  return (
    <details className="per-class" data-testid="per-class" open>
      <summary>Accuracy per class: original → compressed</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">class</th>
            <th scope="col">original</th>
            <th scope="col">compressed</th>
            <th scope="col">change</th>
          </tr>
        </thead>
        <tbody>
          {before.map((b, k) => {
            const delta = after[k] - b;
            const sign = delta < 0 ? 'worse' : delta > 0 ? 'better' : 'same';
            return (
              <tr key={k} className={k === worst && delta < 0 ? 'worst' : undefined}>
                <th scope="row">{classNames[k] ?? k}</th>
                <td>{percent(b)}</td>
                <td>
                  <span
                    className="per-class-bar"
                    style={{ width: `${Math.max(0, after[k]) * 4}rem` }}
                    aria-hidden="true"
                  />
                  {percent(after[k])}
                </td>
                <td className={sign}>
                  {Number.isFinite(delta)
                    ? `${delta > 0 ? '+' : ''}${(delta * 100).toFixed(1)}`
                    : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
