import { isBuiltinDataId } from '../core/data/builtin-data';
import type { BitWidth, DataId, PipelineSettings } from '../worker/engine-types';
import { BIT_WIDTHS, DEFAULT_SETTINGS, METHODS } from './pipeline-settings';
import { DEFAULT_SELECTION, FOOTPRINT_AXES, type AnalysisSelection } from './analysis-slice';

/**
 * The lab setup in the URL hash, so a link reproduces it: which demo, which data, and every
 * pipeline setting that differs from the defaults. Unknown or malformed keys are ignored
 * (a shared link from a newer version still opens).
 */
export interface LabLink {
  demo?: string;
  data?: DataId;
  /** A model loaded from a URL (a demo wins when both are given). */
  modelUrl?: string;
  settings: PipelineSettings;
  /** Analysis panel selections; absent = defaults. */
  panels?: AnalysisSelection;
}

type NumericKey =
  | 'sparsity'
  | 'statsSteps'
  | 'refreshSteps'
  | 'finetuneSteps'
  | 'learningRate'
  | 'batchSize'
  | 'qatSteps'
  | 'seed'
  | 'evalLimit';
const NUMERIC_KEYS: readonly NumericKey[] = [
  'sparsity',
  'statsSteps',
  'refreshSteps',
  'finetuneSteps',
  'learningRate',
  'batchSize',
  'qatSteps',
  'seed',
  'evalLimit',
];

export function encodeLabHash(link: LabLink): string {
  const params = new URLSearchParams();
  if (link.demo) params.set('demo', link.demo);
  if (link.data) params.set('data', link.data);
  const s = link.settings;
  if (s.method !== DEFAULT_SETTINGS.method) params.set('method', s.method);
  if (s.importance !== DEFAULT_SETTINGS.importance) params.set('importance', s.importance);
  for (const key of NUMERIC_KEYS)
    if (s[key] !== DEFAULT_SETTINGS[key]) params.set(key, String(s[key]));
  if (s.wbits !== DEFAULT_SETTINGS.wbits) params.set('wbits', String(s.wbits));
  if (s.abits !== DEFAULT_SETTINGS.abits) params.set('abits', String(s.abits));
  const overrides = Object.entries(s.overrides).map(([id, v]) => `${id}:${v}`);
  if (overrides.length > 0) params.set('overrides', overrides.join(','));
  if (link.modelUrl && !link.demo) params.set('model', link.modelUrl);
  if (link.panels) encodePanels(params, link.panels);
  return params.toString();
}

function encodePanels(params: URLSearchParams, p: AnalysisSelection): void {
  if (p.rankUnit) params.set('rsUnit', p.rankUnit);
  if (p.rankUpstream) params.set('rsUp', p.rankUpstream);
  if (p.upstreamSparsityIndex !== DEFAULT_SELECTION.upstreamSparsityIndex)
    params.set('rsS', String(p.upstreamSparsityIndex / 10));
  if (p.footprintAxis !== DEFAULT_SELECTION.footprintAxis) params.set('fpX', p.footprintAxis);
  if (p.presenter) params.set('presenter', '1');
}

const PANEL_KEYS = ['rsUnit', 'rsUp', 'rsS', 'fpX', 'presenter'];

function decodePanels(params: URLSearchParams): AnalysisSelection {
  const panels: AnalysisSelection = { ...DEFAULT_SELECTION };
  panels.rankUnit = params.get('rsUnit') || null;
  panels.rankUpstream = params.get('rsUp') || null;
  const s = Number(params.get('rsS') ?? NaN);
  if (Number.isFinite(s) && s >= 0 && s <= 0.9) panels.upstreamSparsityIndex = Math.round(s * 10);
  const axis = FOOTPRINT_AXES.find((a) => a === params.get('fpX'));
  if (axis) panels.footprintAxis = axis;
  panels.presenter = params.get('presenter') === '1';
  return panels;
}

function parseBits(value: string | null): BitWidth | undefined {
  const n = Number(value);
  return (BIT_WIDTHS as readonly number[]).includes(n) ? (n as BitWidth) : undefined;
}

function parseOverrides(value: string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pair of (value ?? '').split(',')) {
    const at = pair.lastIndexOf(':');
    const s = Number(pair.slice(at + 1));
    if (at > 0 && s >= 0 && s < 1) out[pair.slice(0, at)] = s;
  }
  return out;
}

export function decodeLabHash(hash: string): LabLink {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const settings: PipelineSettings = {
    ...DEFAULT_SETTINGS,
    overrides: parseOverrides(params.get('overrides')),
  };
  const method = METHODS.find((m) => m.value === params.get('method'));
  if (method) settings.method = method.value;
  const importance = params.get('importance');
  if (importance === 'l1' || importance === 'l0') settings.importance = importance;
  for (const key of NUMERIC_KEYS) {
    const raw = params.get(key);
    const n = raw === null ? NaN : Number(raw);
    if (Number.isFinite(n) && n >= 0 && (key !== 'sparsity' || n < 1)) settings[key] = n;
  }
  settings.wbits = parseBits(params.get('wbits')) ?? settings.wbits;
  settings.abits = parseBits(params.get('abits')) ?? settings.abits;
  const data = params.get('data');
  return {
    demo: params.get('demo') ?? undefined,
    data: isBuiltinDataId(data) ? data : undefined,
    ...(params.get('model') ? { modelUrl: params.get('model')! } : {}),
    settings,
    ...(PANEL_KEYS.some((k) => params.has(k)) ? { panels: decodePanels(params) } : {}),
  };
}
