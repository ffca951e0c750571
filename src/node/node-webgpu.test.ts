import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDemoArchitecture } from '../core/demos/architectures';
import { ModelExecutor } from '../core/exec/executor';
import { specFromLayersModel } from '../core/model/tf-bridge';
import { Trainer } from '../core/train/trainer';
import { initNodeBackend } from './node-backend';
import { nodeGpuAdapterOrReason } from './node-webgpu';

// Dawn (npm webgpu) offers an adapter only where a GPU and a Vulkan loader exist. Here (no GPU)
// the training-step test is skipped with the reason in its name; the no-adapter test runs instead.
const gpu = await nodeGpuAdapterOrReason();
const NO_ADAPTER_MESSAGE =
  'No TensorFlow.js backend could start. webgpu: No WebGPU adapter was returned.';

async function oneStepLoss(backend: 'wasm' | 'webgpu'): Promise<number> {
  await initNodeBackend(backend);
  const model = buildDemoArchitecture('mnist-cnn', { seed: 3 });
  const spec = await specFromLayersModel(model, 'mnist-cnn');
  model.dispose();
  const executor = new ModelExecutor(spec, { bnMode: 'batch' });
  const trainer = new Trainer(executor, {
    optimizer: 'adam',
    learningRate: 1e-3,
    loss: 'cross-entropy',
  });
  const x = tf.randomUniform([8, 28, 28, 1], 0, 1, 'float32', 11);
  const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7], 'int32'), 10).toFloat();
  try {
    await trainer.step({ x, y }, {});
    return await trainer.step({ x, y }, {});
  } finally {
    trainer.dispose();
    executor.dispose();
    tf.dispose([x, y]);
  }
}

describe('WebGPU from Node (Dawn)', () => {
  afterAll(async () => {
    await initNodeBackend('wasm');
  });

  it.skipIf(!gpu.adapter)(
    `one mnist-cnn training step on webgpu matches wasm within 1e-3 (${gpu.reason})`,
    async () => {
      const wasmLoss = await oneStepLoss('wasm');
      const before = tf.memory().numTensors;
      const gpuLoss = await oneStepLoss('webgpu');
      expect(tf.getBackend()).toBe('webgpu');
      expect(Math.abs(gpuLoss - wasmLoss)).toBeLessThan(1e-3);
      expect(tf.memory().numTensors).toBe(before);
    },
    120_000,
  );

  it.skipIf(gpu.adapter)(`--backend webgpu without an adapter fails with the reason`, async () => {
    await expect(initNodeBackend('webgpu')).rejects.toThrow(NO_ADAPTER_MESSAGE);
    expect(gpu.reason).toBe('Dawn (npm webgpu) returned no WebGPU adapter.');
  });
});
