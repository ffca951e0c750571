import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ModelExecutor } from '../src/core/exec/executor';
import { tinyCnnSpec } from '../test-support/train/train-fixtures';
import { Trainer } from '../src/core/train/trainer';
import { GradientPeers, type Shard } from './data-parallel';
import { splitShard } from './demo-training';

function shardOf(n: number, seed: number): Shard {
  const x = tf.tidy(() => tf.randomUniform([n, 8, 8, 1], 0, 1, 'float32', seed).dataSync());
  const y = new Float32Array(n * 2).map((_, i) => ((i >> 1) % 2 === i % 2 ? 1 : 0));
  return { x: new Float32Array(x), xShape: [n, 8, 8, 1], y, yShape: [n, 2] };
}

const copy = (s: Shard): Shard => ({ ...s, x: s.x.slice(), y: s.y.slice() });

describe('data-parallel training', () => {
  it('splits a batch into near-equal shards along the first axis', () => {
    const batch = shardOf(5, 1);
    const parts = splitShard(batch, 2);
    expect(parts.map((p) => p.xShape)).toEqual([
      [2, 8, 8, 1],
      [3, 8, 8, 1],
    ]);
    expect(parts.map((p) => p.yShape)).toEqual([
      [2, 2],
      [3, 2],
    ]);
    expect(Array.from(parts[1].x.slice(0, 4))).toEqual(Array.from(batch.x.slice(128, 132)));
    expect(Array.from(parts[1].y)).toEqual(Array.from(batch.y.slice(4)));
  });

  it("a worker's gradients equal this thread's on the same shard, before and after a shared update", async () => {
    const spec = await tinyCnnSpec(4);
    const peers = await GradientPeers.start(1, {
      spec,
      seed: 1,
      loss: 'cross-entropy',
      learningRate: 0.01,
      backend: tf.getBackend(),
    });
    const executor = new ModelExecutor(spec, { bnMode: 'batch', seed: 1 });
    const trainer = new Trainer(executor, {
      optimizer: 'adam',
      learningRate: 0.01,
      loss: 'cross-entropy',
    });
    try {
      for (let step = 0; step < 2; step++) {
        const shard = shardOf(6, 10 + step);
        const [remote] = await peers.gradients([copy(shard)]);
        const x = tf.tensor(shard.x, shard.xShape);
        const y = tf.tensor(shard.y, shard.yShape);
        const local = await trainer.gradients({ x, y }, {});
        expect(remote.grads.length).toBe(local.grads.length);
        expect(remote.loss).toBeCloseTo(local.loss, 5);
        local.grads.forEach((g, i) => {
          const mine = g.dataSync() as Float32Array;
          expect(remote.grads[i].length).toBe(mine.length);
          const worst = mine.reduce((m, v, j) => Math.max(m, Math.abs(v - remote.grads[i][j])), 0);
          expect(worst).toBeLessThan(1e-5);
        });
        // Both sides apply the same update, as training does; the next step must still agree.
        trainer.applyGradients(local.grads);
        peers.apply(
          local.grads.map((g) => new Float32Array(g.dataSync())),
          0.01,
        );
        tf.dispose([x, y, ...local.grads]);
      }
    } finally {
      await peers.close();
      trainer.dispose();
      executor.dispose();
    }
  });
});
