import { describe, expect, it } from 'vitest';
import { backendFromLocation, watchdogFromLocation } from './engine-connection';
import { DEFAULT_SETTINGS } from './pipeline-settings';
import { decodeLabHash } from './url-state';
import { DEFAULT_WATCHDOG } from '../protocol/client';

describe('settings from a link are bounded', () => {
  it('keeps the default for out-of-range numbers and says why', () => {
    const link = decodeLabHash('#batchSize=10000000&learningRate=100&finetuneSteps=12&seed=-1');
    expect(link.settings.batchSize).toBe(DEFAULT_SETTINGS.batchSize);
    expect(link.settings.learningRate).toBe(DEFAULT_SETTINGS.learningRate);
    expect(link.settings.finetuneSteps).toBe(12);
    expect(link.refused).toEqual([
      "The link's learningRate=100 is not above 0 and at most 10; the default 0.003 is used.",
      "The link's batchSize=10000000 is not an integer from 1 to 4096; the default 64 is used.",
      "The link's seed=-1 is not an integer from 0 to 2147483647; the default 1 is used.",
    ]);
  });

  it('drops overrides named like prototype keys or with odd characters', () => {
    const link = decodeLabHash('#overrides=constructor:0.3,__proto__:0.5,conv1:0.25,a%20b:0.1');
    expect(Object.entries(link.settings.overrides)).toEqual([['conv1', 0.25]]);
    expect(Object.getPrototypeOf(link.settings.overrides)).toBe(Object.prototype);
  });
});

describe('engine parameters from the page URL', () => {
  it('falls back to auto for an unknown backend, with a notice', () => {
    expect(backendFromLocation('?backend=bogus')).toEqual({
      preference: 'auto',
      notice:
        'Unknown backend "bogus": choose one of auto, webgpu, wasm, webgl, cpu; the engine uses the automatic choice.',
    });
    expect(backendFromLocation('?backend=cpu')).toEqual({ preference: 'cpu', notice: null });
  });

  it('ignores a watchdog below 3 s or above the default', () => {
    expect(watchdogFromLocation('?watchdog=1000')).toEqual(DEFAULT_WATCHDOG);
    expect(watchdogFromLocation('?watchdog=1e9')).toEqual(DEFAULT_WATCHDOG);
    expect(watchdogFromLocation('?watchdog=3000')).toEqual({ intervalMs: 1000, timeoutMs: 3000 });
  });
});
