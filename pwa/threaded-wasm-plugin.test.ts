import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { threadedWasmPlugin } from './threaded-wasm-plugin';

type Transform = (code: string, id: string) => { code: string } | null;

const require = createRequire(import.meta.url);
const BACKEND = require.resolve('@tensorflow/tfjs-backend-wasm/dist/backend_wasm.js');
const FACTORY =
  require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
const transform = threadedWasmPlugin().transform as unknown as Transform;

describe('threadedWasmPlugin', () => {
  it('replaces the pthread blob source with the factory text, cores doubled', () => {
    const out = transform(readFileSync(BACKEND, 'utf8'), BACKEND)!.code;
    expect(out.includes('wasmFactoryThreadedSimd.toString()')).toBe(false);
    expect(out.split('return 2*navigator[\\"hardwareConcurrency\\"]}').length).toBe(2);
  });

  it('doubles the logical core count in the factory module itself', () => {
    const out = transform(readFileSync(FACTORY, 'utf8'), FACTORY)!.code;
    expect(out.split('return 2*navigator["hardwareConcurrency"]}').length).toBe(2);
    expect(out.split('return navigator["hardwareConcurrency"]}').length).toBe(1);
  });

  it('leaves other modules alone and names a changed tfjs file', () => {
    expect(transform('x', '/app/src/main.ts')).toBeNull();
    expect(() => transform('nothing here', BACKEND)).toThrow(
      `${BACKEND} does not contain "wasmFactoryThreadedSimd.toString()" exactly once: revisit pwa/threaded-wasm-plugin.ts.`,
    );
  });
});
