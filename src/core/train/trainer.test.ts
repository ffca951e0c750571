import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ModelExecutor } from '../exec/executor';
import { BatchIterator } from './batches';
import { evaluate } from './evaluate';
import { syntheticSource } from './synthetic-source';
import { tinyCnnSpec, tinyDenoiserSpec } from '../../../test-support/train/train-fixtures';
import { Trainer } from './trainer';

async function trainSteps(
  trainer: Trainer,
  it: BatchIterator,
  steps: number,
  masks?: Map<string, tf.Tensor1D>,
): Promise<number[]> {
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const batch = it.next();
    losses.push(await trainer.step(batch, { masks }));
    tf.dispose([batch.x, batch.y!]);
  }
  return losses;
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

describe('Trainer', () => {
  it('learns bright-left vs bright-right in 30 steps without leaking', async () => {
    const source = syntheticSource();
    const spec = await tinyCnnSpec(2);
    const before = tf.memory().numTensors;
    const exec = new ModelExecutor(spec);
    const accBefore = (await evaluate(exec, source, { split: 'test', batchSize: 16 })).value;
    const trainer = new Trainer(exec, {
      optimizer: 'adam',
      learningRate: 0.02,
      loss: 'cross-entropy',
    });
    const losses = await trainSteps(trainer, new BatchIterator(source, 'train', 16, 3), 30);
    const acc = await evaluate(exec, source, { split: 'test', batchSize: 16 });
    expect(mean(losses.slice(-5))).toBeLessThan(0.5 * mean(losses.slice(0, 5)));
    expect(acc.value).toBeGreaterThanOrEqual(0.95);
    expect(acc.value).toBeGreaterThan(accBefore);
    trainer.dispose();
    exec.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gradients + applyGradients on two half batches, averaged, equals one step on the whole batch', async () => {
    const source = syntheticSource();
    const spec = await tinyCnnSpec(2);
    const before = tf.memory().numTensors;
    const whole = new ModelExecutor(spec);
    const halves = new ModelExecutor(spec);
    const opts = { optimizer: 'adam', learningRate: 0.01, loss: 'cross-entropy' } as const;
    const a = new Trainer(whole, opts);
    const b = new Trainer(halves, opts);
    const batch = new BatchIterator(source, 'train', 16, 5).next();
    await a.step(batch, {});
    const half = (t: tf.Tensor, i: number) => tf.slice(t, i * 8, 8);
    const parts = [0, 1].map((i) => ({ x: half(batch.x, i), y: half(batch.y!, i) }));
    const results = [await b.gradients(parts[0], {}), await b.gradients(parts[1], {})];
    const averaged = results[0].grads.map((g, i) =>
      tf.tidy(() => tf.div(tf.add(g, results[1].grads[i]), 2)),
    );
    b.applyGradients(averaged);
    // BN runs on moving statistics (frozen), so half batches average to the whole batch.
    const diffs = whole
      .trainableVariables()
      .map((v, i) =>
        tf.tidy(() => tf.max(tf.abs(tf.sub(v, halves.trainableVariables()[i]))).dataSync()[0]),
      );
    expect(diffs.length).toBeGreaterThan(0);
    expect(Math.max(...diffs)).toBeLessThan(1e-5);
    expect(() => b.applyGradients(averaged.slice(1))).toThrow(
      `Got ${averaged.length - 1} gradients for ${averaged.length} trainable variables.`,
    );
    tf.dispose([batch.x, batch.y!, ...parts.flatMap((p) => [p.x, p.y]), ...averaged]);
    tf.dispose(results.flatMap((r) => r.grads));
    a.dispose();
    b.dispose();
    whole.dispose();
    halves.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaves masked channels of a kernel unchanged (zero gradient through the mask)', async () => {
    const source = syntheticSource();
    const spec = await tinyCnnSpec(3);
    const exec = new ModelExecutor(spec);
    const conv = spec.layers.find((l) => l.className === 'Conv2D')!.name;
    const bn = spec.layers.find((l) => l.className === 'BatchNormalization')!.name;
    const kernelBefore = tf.tidy(
      () => exec.variableFor(conv, 'kernel')!.arraySync() as number[][][][],
    );
    const mask = tf.tensor1d([1, 0, 1, 1]);
    const trainer = new Trainer(exec, {
      optimizer: 'adam',
      learningRate: 0.01,
      loss: 'cross-entropy',
    });
    await trainSteps(trainer, new BatchIterator(source, 'train', 16, 1), 3, new Map([[bn, mask]]));
    const kernelAfter = exec.variableFor(conv, 'kernel')!.arraySync() as number[][][][];
    expect(kernelAfter[1][1][0][1]).toBe(kernelBefore[1][1][0][1]);
    expect(kernelAfter[1][1][0][0]).not.toBe(kernelBefore[1][1][0][0]);
    tf.dispose(mask);
    trainer.dispose();
    exec.dispose();
  });

  it('distillation loss is 0 when the student equals the teacher, positive otherwise', async () => {
    const source = syntheticSource({ task: 'unlabelled' });
    const teacherExec = new ModelExecutor(await tinyCnnSpec(4));
    const student = new ModelExecutor(await teacherExec.toSpec());
    const stranger = new ModelExecutor(await tinyCnnSpec(5));
    const teacher = (x: tf.Tensor) => teacherExec.forward(x, { training: false });
    const opts = {
      optimizer: 'sgd' as const,
      learningRate: 1e-9,
      loss: 'distillation' as const,
      teacher,
    };
    const same = new Trainer(student, opts);
    const other = new Trainer(stranger, opts);
    const batch = source.batch('train', [0, 1, 2, 3]);
    expect(Math.abs(await same.step(batch, {}))).toBeLessThan(1e-6);
    expect(await other.step(batch, {})).toBeGreaterThan(1e-4);
    tf.dispose(batch.x);
    [same, other].forEach((t) => t.dispose());
    [teacherExec, student, stranger].forEach((e) => e.dispose());
  });

  it('trains an image-to-image model with MSE (PSNR rises)', async () => {
    const source = syntheticSource({ task: 'image-to-image' });
    const exec = new ModelExecutor(await tinyDenoiserSpec());
    const psnrBefore = await evaluate(exec, source, { split: 'test', batchSize: 16 });
    const trainer = new Trainer(exec, { optimizer: 'adam', learningRate: 0.02, loss: 'mse' });
    await trainSteps(trainer, new BatchIterator(source, 'train', 16, 1), 30);
    const psnrAfter = await evaluate(exec, source, { split: 'test', batchSize: 16 });
    expect(psnrAfter.metric).toBe('psnr');
    expect(psnrAfter.value).toBeGreaterThan(psnrBefore.value + 3);
    trainer.dispose();
    exec.dispose();
  });

  it('refuses cross-entropy on unlabelled batches and distillation without a teacher', async () => {
    const exec = new ModelExecutor(await tinyCnnSpec(1));
    expect(
      () => new Trainer(exec, { optimizer: 'sgd', learningRate: 0.1, loss: 'distillation' }),
    ).toThrow('Distillation needs a teacher model.');
    const trainer = new Trainer(exec, {
      optimizer: 'sgd',
      learningRate: 0.1,
      loss: 'cross-entropy',
    });
    const batch = syntheticSource({ task: 'unlabelled' }).batch('train', [0]);
    await expect(trainer.step(batch, {})).rejects.toThrow(
      'The cross-entropy loss needs labelled batches; use distillation for unlabelled data.',
    );
    batch.x.dispose();
    trainer.dispose();
    exec.dispose();
  });
});
