import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../protocol/settings';
import { SettingField } from './SettingField';

const render = (key: keyof typeof SETTINGS, value: string | number, disabled = false) =>
  renderToStaticMarkup(
    createElement(SettingField, {
      settingKey: key,
      spec: SETTINGS[key],
      value,
      disabled,
      onChange: () => undefined,
    }),
  );

/** Text of the markup without tags, for reading labels as a user does. */
const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe('SettingField draws a schema row', () => {
  it('reads a step count into the label, symbol second, help below', () => {
    const html = render('statsSteps', 10);
    expect(text(html)).toBe(
      'Measure each layer for 10 steps (I)Training steps spent watching one layer before its channels are ranked.',
    );
    expect(html).toContain('type="number"');
    expect(html).toContain('min="1" max="100000" step="1"');
    expect(html).toContain('data-testid="setting-stats"');
  });

  it('draws sparsity as a slider that stops one step below 1, with a percent readout', () => {
    const html = render('sparsity', 0.5);
    expect(html).toContain('type="range"');
    expect(html).toContain('min="0" max="0.95" step="0.05"');
    expect(html).toContain('<output data-testid="sparsity-value">50%</output>');
    expect(html).toContain('class="field field-wide"');
  });

  it('offers the page choices of a choice row (CLI-only ones left out)', () => {
    const methods = [...render('method', 'layerwise').matchAll(/<option value="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(methods).toEqual([
      'layerwise',
      'oneshot',
      'stepwise',
      'weight-l1-layerwise',
      'weight-l1-oneshot',
      'random',
    ]);
    expect(text(render('wbits', 8))).toContain('fp328-bit4-bit2-bit');
    expect(render('importance', 'l1', true)).toContain('disabled=""');
  });
});
