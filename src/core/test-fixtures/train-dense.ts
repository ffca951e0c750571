import { ModelExecutor } from '../exec/executor';
import type { DataSource } from '../data/source';
import type { ModelSpec } from '../model/spec';
import { BatchIterator } from '../train/batches';
import { runTrainingLoop } from '../train/run-loop';
import { Trainer } from '../train/trainer';

/**
 * Test fixture: a few Adam steps on `source` (batch 32, lr 0.01, fixed seeds), so pipeline,
 * quantization and report tests start from a model that has learned something.
 */
export async function trainDense(
  spec: ModelSpec,
  source: DataSource,
  steps: number,
): Promise<ModelSpec> {
  const executor = new ModelExecutor(spec, { seed: 1 });
  const trainer = new Trainer(executor, {
    optimizer: 'adam',
    learningRate: 0.01,
    loss: 'cross-entropy',
  });
  await runTrainingLoop({
    steps,
    batchIterator: new BatchIterator(source, 'train', 32, 1),
    trainer,
    hooksForStep: () => ({}),
    onProgress: () => {},
    phase: 'train',
  });
  const trained = await executor.toSpec();
  trainer.dispose();
  executor.dispose();
  return trained;
}
