import type { Batch, DataSource, Split } from '../data/source';
import { LabError } from '../errors';
import { createRng, shuffledIndices, type Rng } from '../random';

/**
 * Endless, reproducible batches: each epoch is a fresh seeded permutation of the split,
 * cut into full batches (the incomplete tail is dropped, so every step sees batchSize
 * examples; a split smaller than one batch gives the whole split each step).
 */
export class BatchIterator {
  private readonly rng: Rng;
  private order: number[] = [];
  private cursor = 0;
  private epochIndex = -1;
  readonly size: number;
  readonly batchSize: number;

  constructor(
    private readonly source: DataSource,
    private readonly split: Split,
    batchSize: number,
    seed: number,
  ) {
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new LabError(
        'OUT_OF_RANGE',
        `The batch size must be a positive integer, not ${batchSize}.`,
      );
    }
    this.size = source.size(split);
    if (this.size < 1) {
      throw new LabError(
        'INVALID_DATA',
        `Data source "${source.id}" has no examples in its ${split} split.`,
      );
    }
    this.batchSize = Math.min(batchSize, this.size);
    this.rng = createRng(seed);
  }

  /** Completed-or-current epoch number, 0-based (−1 before the first batch). */
  get epoch(): number {
    return this.epochIndex;
  }

  get stepsPerEpoch(): number {
    return Math.floor(this.size / this.batchSize);
  }

  /** Example indices of the next batch (no tensors). */
  nextIndices(): number[] {
    if (this.epochIndex < 0 || this.cursor + this.batchSize > this.order.length) {
      this.order = shuffledIndices(this.size, this.rng);
      this.cursor = 0;
      this.epochIndex++;
    }
    const indices = this.order.slice(this.cursor, this.cursor + this.batchSize);
    this.cursor += this.batchSize;
    return indices;
  }

  /** The next batch; the caller disposes its tensors. */
  next(): Batch {
    return this.source.batch(this.split, this.nextIndices());
  }
}
