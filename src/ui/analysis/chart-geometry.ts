/** Scales and point sets for the hand-drawn SVG charts (plain functions, no React). */

export type Scale = (v: number) => number;

export function linearScale(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const span = d1 - d0 || 1;
  return (v) => range[0] + ((v - d0) / span) * (range[1] - range[0]);
}

/** Log10 scale; non-positive values are clamped to the domain's lower end. */
export function logScale(domain: [number, number], range: [number, number]): Scale {
  const lo = Math.log10(Math.max(domain[0], Number.MIN_VALUE));
  const hi = Math.log10(Math.max(domain[1], domain[0] * 1.0001, Number.MIN_VALUE));
  const inner = linearScale([lo, hi], range);
  return (v) => inner(Math.log10(Math.max(v, domain[0])));
}

/** Decades covering [lo, hi] for log-axis ticks (1e3, 1e4, …). */
export function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) ticks.push(10 ** e);
  return ticks;
}

export interface ParetoCandidate {
  id: string;
  x: number;
  y: number;
}

/**
 * Ids on the Pareto front when smaller x (memory) and larger y (metric) are better: a point is
 * dominated when another is no worse on both and strictly better on one. Returned in x order.
 */
export function paretoFront(points: readonly ParetoCandidate[]): string[] {
  const sorted = [...points].sort((a, b) => a.x - b.x || b.y - a.y);
  const front: string[] = [];
  let bestY = -Infinity;
  for (const p of sorted) {
    if (p.y > bestY) {
      front.push(p.id);
      bestY = p.y;
    }
  }
  return front;
}

/** Padded [min, max] of values (a single value gets a ±10% band). */
export function extent(values: readonly number[], pad = 0.05): [number, number] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || Math.abs(hi) * 0.2 || 1;
  return [lo - span * pad, hi + span * pad];
}
