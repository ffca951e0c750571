import { isBuiltinDataId, SCHEDULE_LIMITS, type BoundedSetting } from '../protocol/page-core';
import type { BitWidth, DataId, PipelineSettings } from '../protocol/engine-types';
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
  /** One sentence per setting the link gave out of bounds (the default is used instead). */
  refused?: string[];
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

/** Names a link may not use as group ids: they would reach object prototypes. */
const RESERVED_IDS = new Set(['__proto__', 'constructor', 'prototype']);
const GROUP_ID = /^[\w./:-]{1,200}$/;

function parseOverrides(value: string | null): Record<string, number> {
  const entries: [string, number][] = [];
  for (const pair of (value ?? '').split(',')) {
    const at = pair.lastIndexOf(':');
    const id = pair.slice(0, at);
    const s = Number(pair.slice(at + 1));
    if (at > 0 && s >= 0 && s < 1 && GROUP_ID.test(id) && !RESERVED_IDS.has(id))
      entries.push([id, s]);
  }
  return Object.fromEntries(entries);
}

/** The range a link's numeric setting must lie in; outside it the default stays. */
function inBounds(key: NumericKey, n: number): string | null {
  if (key in SCHEDULE_LIMITS) {
    const { min, max } = SCHEDULE_LIMITS[key as BoundedSetting];
    return Number.isInteger(n) && n >= min && n <= max ? null : `an integer from ${min} to ${max}`;
  }
  if (key === 'sparsity') return n >= 0 && n < 1 ? null : 'from 0 to below 1';
  if (key === 'learningRate') return n > 0 && n <= 10 ? null : 'above 0 and at most 10';
  return Number.isInteger(n) && n >= 0 && n < 2 ** 31
    ? null
    : `an integer from 0 to ${2 ** 31 - 1}`;
}

function decodeNumbers(params: URLSearchParams, settings: PipelineSettings): string[] {
  const refused: string[] = [];
  for (const key of NUMERIC_KEYS) {
    const raw = params.get(key);
    if (raw === null) continue;
    const n = raw.trim() === '' ? NaN : Number(raw);
    const range = inBounds(key, n);
    if (range === null) settings[key] = n;
    else
      refused.push(
        `The link's ${key}=${raw.slice(0, 40)} is not ${range}; the default ${settings[key]} is used.`,
      );
  }
  return refused;
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
  const refused = decodeNumbers(params, settings);
  settings.wbits = parseBits(params.get('wbits')) ?? settings.wbits;
  settings.abits = parseBits(params.get('abits')) ?? settings.abits;
  const data = params.get('data');
  return {
    demo: params.get('demo') ?? undefined,
    data: isBuiltinDataId(data) ? data : undefined,
    ...(params.get('model') ? { modelUrl: params.get('model')! } : {}),
    settings,
    ...(PANEL_KEYS.some((k) => params.has(k)) ? { panels: decodePanels(params) } : {}),
    ...(refused.length > 0 ? { refused } : {}),
  };
}
