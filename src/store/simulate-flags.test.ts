import { describe, expect, it } from 'vitest';
import { simulateFromLocation } from './engine-connection';

describe('simulateFromLocation', () => {
  it('reads the simulated heap limit beside the other simulations', () => {
    expect(simulateFromLocation('?simulate=heap-limit-mib=200,export-delay=5')).toEqual({
      heapLimitMiB: 200,
      exportDelayMs: 5,
    });
    expect(simulateFromLocation('?simulate=heap-limit-mib=abc')).toEqual({});
  });

  it('reads the wasm thread pool size (1 to 99) and ignores anything else', () => {
    expect(simulateFromLocation('?simulate=wasm-threads=1')).toEqual({ wasmThreads: 1 });
    expect(simulateFromLocation('?simulate=wasm-threads=0')).toEqual({});
    expect(simulateFromLocation('?simulate=wasm-threads=two')).toEqual({});
  });
});
