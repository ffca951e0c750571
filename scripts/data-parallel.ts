import { Worker } from 'node:worker_threads';
import type { LossKind } from '../src/core/train/trainer';
import type { ModelSpec } from '../src/core/model/spec';

/**
 * Data-parallel training across worker threads (Node). The wasm backend runs one thread per
 * process, so a 2-core machine trains on one core unless the batch is split: every step the
 * main thread keeps shard 0 and each worker computes the gradients of one more shard on its own
 * copy of the model; the main thread averages them, applies the average, and sends it to the
 * workers, which apply the same update (same optimizer, same learning rate) and so stay equal
 * to the main copy. Batch-statistics BN then normalises over each shard (ghost batch norm).
 */
export interface PeerInit {
  spec: ModelSpec;
  seed: number;
  loss: LossKind;
  learningRate: number;
  backend: string;
}

export interface Shard {
  x: Float32Array;
  xShape: number[];
  y: Float32Array;
  yShape: number[];
}

export interface ShardGradients {
  loss: number;
  grads: Float32Array[];
}

/** Messages from the main thread to a worker. */
export type PeerRequest =
  | { type: 'gradients'; shard: Shard }
  | { type: 'apply'; grads: Float32Array[]; learningRate: number };

/** Messages from a worker to the main thread. */
export type PeerReply =
  { type: 'ready' } | ({ type: 'gradients' } & ShardGradients) | { type: 'error'; message: string };

/** One worker thread; at most one reply awaited at a time. */
class Peer {
  private waiting: { resolve: (r: PeerReply) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  private closing = false;

  constructor(readonly worker: Worker) {
    worker.on('message', (reply: PeerReply) => {
      const waiting = this.waiting;
      this.waiting = null;
      if (reply.type === 'error') waiting?.reject(new Error(reply.message));
      else waiting?.resolve(reply);
    });
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`A gradient worker exited with code ${code}.`));
    });
  }

  /** The worker's next reply. */
  next(): Promise<PeerReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  request(message: PeerRequest, transfer: ArrayBuffer[] = []): Promise<PeerReply> {
    const reply = this.next();
    this.worker.postMessage(message, transfer);
    return reply;
  }

  post(message: PeerRequest): void {
    if (this.failure) throw this.failure;
    this.worker.postMessage(message);
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }

  private fail(e: Error): void {
    this.failure = e;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(e);
  }
}

export class GradientPeers {
  private constructor(private readonly peers: Peer[]) {}

  /** Starts `count` workers, each with its own copy of the model; resolves once all are ready. */
  static async start(count: number, init: PeerInit): Promise<GradientPeers> {
    const url = new URL('./gradient-worker.mjs', import.meta.url);
    const peers = Array.from(
      { length: count },
      (_, rank) =>
        new Peer(new Worker(url, { workerData: { ...init, seed: init.seed + rank + 1 } })),
    );
    const pool = new GradientPeers(peers);
    try {
      await Promise.all(peers.map((p) => p.next()));
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  get size(): number {
    return this.peers.length;
  }

  /** Gradients of shard i on worker i, in parallel; the shards' buffers are transferred. */
  gradients(shards: Shard[]): Promise<ShardGradients[]> {
    return Promise.all(
      shards.map(async (shard, i) => {
        const reply = await this.peers[i].request({ type: 'gradients', shard }, [
          shard.x.buffer as ArrayBuffer,
          shard.y.buffer as ArrayBuffer,
        ]);
        if (reply.type !== 'gradients') throw new Error(`Unexpected worker reply "${reply.type}".`);
        return { loss: reply.loss, grads: reply.grads };
      }),
    );
  }

  /** Every worker applies the same averaged gradients. */
  apply(grads: Float32Array[], learningRate: number): void {
    for (const p of this.peers) p.post({ type: 'apply', grads, learningRate });
  }

  async close(): Promise<void> {
    await Promise.all(this.peers.map((p) => p.close()));
  }
}
