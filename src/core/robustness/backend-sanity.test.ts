import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBackendGradients } from './backend-sanity';

/**
 * A test-only backend: the cpu backend under another name, with every cpu kernel, except that
 * Conv2DBackpropFilter doubles its result — the kind of bug a faulty gradient kernel has.
 */
const BROKEN = 'broken-grad-test';

function registerBrokenBackend(): void {
  tf.registerBackend(BROKEN, tf.findBackendFactory('cpu'));
  for (const kernel of tf.getKernelsForBackend('cpu')) {
    if (kernel.kernelName !== 'Conv2DBackpropFilter') {
      tf.registerKernel({ ...kernel, backendName: BROKEN });
      continue;
    }
    tf.registerKernel({
      ...kernel,
      backendName: BROKEN,
      kernelFunc: (args) => {
        const out = kernel.kernelFunc(args) as tf.TensorInfo;
        const values = (
          args.backend as unknown as { data: { get(id: object): { values: Float32Array } } }
        ).data.get(out.dataId).values;
        for (let i = 0; i < values.length; i++) values[i] *= 2;
        return out;
      },
    });
  }
}

describe('checkBackendGradients', () => {
  const original = tf.getBackend();
  beforeAll(registerBrokenBackend);
  afterAll(async () => {
    await tf.setBackend(original);
    for (const kernel of tf.getKernelsForBackend(BROKEN))
      tf.unregisterKernel(kernel.kernelName, BROKEN);
    tf.removeBackend(BROKEN);
  });

  it('passes on wasm (with the lab gradient kernels), switches back, leaks nothing', async () => {
    expect(original).toBe('wasm');
    const before = tf.memory().numTensors;
    const check = await checkBackendGradients();
    console.log(
      `wasm vs cpu gradients: max |diff| ${check.maxAbsDiff.toExponential(2)} (in the ${check.worst})`,
    );
    expect(check.ok).toBe(true);
    expect(check.backend).toBe('wasm');
    expect(check.maxAbsDiff).toBeLessThan(1e-4);
    expect(check.message).toBeUndefined();
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fails on a backend whose conv filter gradient is wrong, naming the gradient', async () => {
    expect(await tf.setBackend(BROKEN)).toBe(true);
    const check = await checkBackendGradients();
    expect(tf.getBackend()).toBe(BROKEN);
    await tf.setBackend(original);
    expect(check.ok).toBe(false);
    expect(check.worst).toBe('conv kernel');
    expect(check.maxAbsDiff).toBeGreaterThan(0.01);
    expect(check.message).toBe(
      `The ${BROKEN} backend computes gradients that differ from the cpu backend by up to ${check.maxAbsDiff.toPrecision(3)} (in the conv kernel; tolerance 0.001); the lab will not train on it.`,
    );
  });

  it('reports a reference backend that cannot start as a failed check, still on the original backend', async () => {
    const check = await checkBackendGradients({ referenceBackend: 'no-such-backend' });
    expect(check.ok).toBe(false);
    expect(check.maxAbsDiff).toBe(Infinity);
    expect(check.message).toMatch(
      /^The wasm backend could not compute training gradients \(.+\); the lab will not train on it\.$/,
    );
    expect(tf.getBackend()).toBe('wasm');
  });
});
