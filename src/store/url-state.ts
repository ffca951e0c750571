import { isBuiltinDataId } from '../protocol/page-core';
import type { DataId, PipelineSettings } from '../protocol/engine-types';
import { inRange, matchChoice, rangeText } from '../protocol/settings';
import { LAB_SETTING_ROWS } from '../protocol/settings';
import { DEFAULT_SETTINGS } from './pipeline-settings';
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

/** A lab setting as the URL sees it: its key in PipelineSettings and its schema row. */
type LabKey = Exclude<keyof PipelineSettings, 'overrides'>;
const URL_ROWS = LAB_SETTING_ROWS as readonly ((typeof LAB_SETTING_ROWS)[number] & {
  key: LabKey;
  urlParam: string;
})[];

export function encodeLabHash(link: LabLink): string {
  const params = new URLSearchParams();
  if (link.demo) params.set('demo', link.demo);
  if (link.data) params.set('data', link.data);
  for (const row of URL_ROWS)
    if (link.settings[row.key] !== DEFAULT_SETTINGS[row.key])
      params.set(row.urlParam, String(link.settings[row.key]));
  const overrides = Object.entries(link.settings.overrides).map(([id, v]) => `${id}:${v}`);
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

/**
 * Each setting the link gives, checked against the schema: a number outside its range is
 * refused with a sentence (the default stays); an unknown choice is ignored.
 */
function decodeSettings(params: URLSearchParams, settings: PipelineSettings): string[] {
  const refused: string[] = [];
  const target = settings as unknown as Record<LabKey, string | number>;
  for (const row of URL_ROWS) {
    const raw = params.get(row.urlParam);
    if (raw === null) continue;
    if (row.kind === 'choice') {
      const value = matchChoice(row, raw, { lab: true });
      if (value !== undefined) target[row.key] = value;
      continue;
    }
    const n = raw.trim() === '' ? NaN : Number(raw);
    if (inRange(row.range, n)) target[row.key] = n;
    else
      refused.push(
        `The link's ${row.urlParam}=${raw.slice(0, 40)} is not ${rangeText(row.range)}; the default ${settings[row.key]} is used.`,
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
  const refused = decodeSettings(params, settings);
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
