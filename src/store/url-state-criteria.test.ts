import { describe, expect, it } from 'vitest';
import { importanceCriteria } from '../protocol/settings';
import { DEFAULT_SETTINGS } from './pipeline-settings';
import { decodeLabHash, encodeLabHash } from './url-state';

describe('importance criterion in the lab (from the registry)', () => {
  it('offers every criterion of the registry, Taylor included, and links it', () => {
    expect(importanceCriteria().map((c) => c.id)).toEqual([
      'l1',
      'l0',
      'taylor',
      'weight-l1',
      'random',
    ]);
    const settings = { ...DEFAULT_SETTINGS, importance: 'taylor' as const };
    const hash = encodeLabHash({ demo: 'mnist-cnn', settings });
    expect(hash).toBe('demo=mnist-cnn&importance=taylor');
    expect(decodeLabHash(`#${hash}`).settings.importance).toBe('taylor');
    expect(decodeLabHash('#demo=mnist-cnn&importance=l2').settings.importance).toBe('l1');
  });
});
