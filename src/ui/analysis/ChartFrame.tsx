import { useRef, type ReactNode } from 'react';

export interface DataTable {
  columns: string[];
  rows: (string | number)[][];
}

/**
 * A chart with its accessible twin: a caption, a full-screen button, and the same numbers
 * as a table (screen readers and keyboard users read the table, not the SVG).
 */
export function ChartFrame({
  title,
  testId,
  table,
  children,
  actions,
}: {
  title: string;
  testId: string;
  table: DataTable;
  children: ReactNode;
  actions?: ReactNode;
}) {
  const ref = useRef<HTMLElement>(null);
  const fullScreen = () => {
    const el = ref.current;
    if (!el) return;
    if (document.fullscreenElement) void document.exitFullscreen();
    else void el.requestFullscreen?.().catch(() => undefined);
  };
  return (
    <figure className="chart-frame" ref={ref} data-testid={testId}>
      <figcaption>
        <span className="chart-title">{title}</span>
        <span className="chart-actions">
          {actions}
          <button type="button" onClick={fullScreen} aria-label={`Show ${title} full screen`}>
            Full screen
          </button>
        </span>
      </figcaption>
      {children}
      <details className="chart-table">
        <summary>Data table</summary>
        <table data-testid={`${testId}-table`}>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
