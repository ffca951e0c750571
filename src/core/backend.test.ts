import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend, parseBackendPreference } from './backend';

describe('initBackend', () => {
  it('picks wasm first in Node, where WebGPU and WebGL do not exist', async () => {
    const report = await initBackend('auto', ['webgpu', 'wasm', 'cpu']);
    expect(report.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(report.reasonsForSkipped.webgpu).toBe('navigator.gpu is not available.');
  });

  it('honours an explicit choice and reports the unregistered ones', async () => {
    const cpu = await initBackend('cpu');
    expect(cpu.backend).toBe('cpu');
    await expect(initBackend('webgl')).rejects.toThrow(
      'No TensorFlow.js backend could start. webgl: The webgl backend is not registered.',
    );
    await initBackend('wasm');
  });

  it('rejects an unknown backend name with the list of choices', () => {
    expect(() => parseBackendPreference('metal')).toThrow(
      'Unknown backend "metal": choose one of auto, webgpu, wasm, webgl, cpu.',
    );
    expect(parseBackendPreference(null)).toBe('auto');
  });
});
