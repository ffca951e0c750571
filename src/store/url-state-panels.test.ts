import { describe, expect, it } from 'vitest';
import { DEFAULT_SELECTION } from './analysis-slice';
import { DEFAULT_SETTINGS } from './pipeline-settings';
import { decodeLabHash, encodeLabHash } from './url-state';

describe('lab URL hash: panels and model URL', () => {
  it('writes nothing for default panel selections', () => {
    expect(
      encodeLabHash({ demo: 'mnist-cnn', settings: DEFAULT_SETTINGS, panels: DEFAULT_SELECTION }),
    ).toBe('demo=mnist-cnn');
  });

  it('round-trips panel selections and a model URL', () => {
    const panels = {
      rankUnit: 'conv3',
      rankUpstream: 'conv1',
      upstreamSparsityIndex: 7,
      footprintAxis: 'weight+act' as const,
      presenter: true,
    };
    const hash = encodeLabHash({
      modelUrl: 'https://x.org/m/model.json',
      settings: { ...DEFAULT_SETTINGS, seed: 4 },
      panels,
    });
    expect(hash).toBe(
      'seed=4&model=https%3A%2F%2Fx.org%2Fm%2Fmodel.json&rsUnit=conv3&rsUp=conv1&rsS=0.7&fpX=weight%2Bact&presenter=1',
    );
    const link = decodeLabHash(`#${hash}`);
    expect(link.panels).toEqual(panels);
    expect(link.modelUrl).toBe('https://x.org/m/model.json');
    expect(link.settings.seed).toBe(4);
  });

  it('ignores malformed panel values', () => {
    const link = decodeLabHash('#rsS=0.95&fpX=area&presenter=yes');
    expect(link.panels).toEqual(DEFAULT_SELECTION);
  });
});
