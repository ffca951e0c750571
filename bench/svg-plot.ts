/**
 * A minimal line chart as SVG text (no plotting dependency): x in [0, 1] sparsity, several
 * series, axis ticks and a legend. Used for the rank-shift figures in docs/results.md.
 */
export interface Series {
  label: string;
  points: { x: number; y: number }[];
}

const COLORS = [
  '#2457d6',
  '#d62f24',
  '#1f9d55',
  '#b7791f',
  '#6b46c1',
  '#0f766e',
  '#c026d3',
  '#4b5563',
];
const W = 520;
const H = 300;
const PAD = { left: 48, right: 150, top: 24, bottom: 40 };

export function lineChartSvg(
  title: string,
  yLabel: string,
  yRange: [number, number],
  series: Series[],
): string {
  const [y0, y1] = yRange;
  const px = (x: number) => PAD.left + x * (W - PAD.left - PAD.right);
  const py = (y: number) => PAD.top + (1 - (y - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`,
    `<text x="${W / 2 - 60}" y="14" font-size="12">${title}</text>`,
    `<rect x="${PAD.left}" y="${PAD.top}" width="${W - PAD.left - PAD.right}" height="${H - PAD.top - PAD.bottom}" fill="none" stroke="#999"/>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const y = y0 + ((y1 - y0) * i) / 4;
    parts.push(
      `<text x="${PAD.left - 6}" y="${py(y) + 4}" text-anchor="end">${y.toFixed(2)}</text>`,
    );
    const x = i / 4;
    parts.push(
      `<text x="${px(x)}" y="${H - PAD.bottom + 14}" text-anchor="middle">${x.toFixed(2)}</text>`,
    );
  }
  parts.push(
    `<text x="${PAD.left + 80}" y="${H - 6}">upstream sparsity</text>`,
    `<text x="12" y="${PAD.top - 8}">${yLabel}</text>`,
  );
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const d = s.points
      .map((p, k) => `${k ? 'L' : 'M'}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`)
      .join(' ');
    parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="1.6"/>`);
    parts.push(
      `<text x="${W - PAD.right + 8}" y="${PAD.top + 12 + i * 14}" fill="${color}">${s.label}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
