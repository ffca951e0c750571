import type { MetricName } from '../protocol/engine-types';

/** Number formatting for the panels (plain functions, no React). */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

export function formatCount(n: number | null): string {
  return n === null || !Number.isFinite(n) ? '—' : n.toLocaleString('en-US');
}

export function formatMetric(metric: MetricName, value: number): string {
  return metric === 'psnr' ? `${value.toFixed(2)} dB` : `${(value * 100).toFixed(2)}%`;
}

/** Unlabelled data is scored against the original model: say so where the number is. */
export function metricLabel(metric: MetricName): string {
  if (metric === 'psnr') return 'PSNR';
  return metric === 'agreement' ? 'top-1 agreement with the original' : metric;
}

export function formatBits(bits: number | null): string {
  if (bits === null || !Number.isFinite(bits)) return '—';
  if (bits < 8 * 1024) return `${bits} bit`;
  return `${(bits / 8 / 1024).toFixed(1)} KiB`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

export function formatShape(shape: number[]): string {
  return shape.length ? shape.join('×') : '—';
}
