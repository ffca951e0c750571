import { describe, expect, it } from 'vitest';
import { decodeLabHash, encodeLabHash } from './url-state';
import { DEFAULT_SETTINGS } from './pipeline-settings';

describe('lab URL hash', () => {
  it('writes nothing but the demo for default settings', () => {
    expect(encodeLabHash({ demo: 'mnist-cnn', settings: DEFAULT_SETTINGS })).toBe('demo=mnist-cnn');
  });

  it('round-trips changed settings and overrides', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      method: 'oneshot' as const,
      sparsity: 0.75,
      wbits: 4 as const,
      abits: 32 as const,
      overrides: { conv1: 0.25 },
    };
    const hash = encodeLabHash({ demo: 'mnist-cnn', data: 'mnist-noisy', settings });
    expect(hash).toBe(
      'demo=mnist-cnn&data=mnist-noisy&method=oneshot&sparsity=0.75&wbits=4&abits=32&overrides=conv1%3A0.25',
    );
    expect(decodeLabHash(`#${hash}`)).toEqual({ demo: 'mnist-cnn', data: 'mnist-noisy', settings });
  });

  it('ignores malformed values', () => {
    const link = decodeLabHash('#wbits=3&sparsity=-1&method=magic&overrides=a:2,b:0.5&data=cifar');
    expect(link.settings.wbits).toBe(8);
    expect(link.settings.sparsity).toBe(0.5);
    expect(link.settings.method).toBe('layerwise');
    expect(link.settings.overrides).toEqual({ b: 0.5 });
    expect(link.data).toBeUndefined();
  });
});
