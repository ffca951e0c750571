import * as tf from '@tensorflow/tfjs';
import { parentPort, workerData } from 'node:worker_threads';
import { parseBackendPreference } from '../src/core/backend';
import { toErrorInfo } from '../src/core/errors';
import { ModelExecutor } from '../src/core/exec/executor';
import { Trainer } from '../src/core/train/trainer';
import { initNodeBackend } from '../src/node/node-backend';
import type { PeerInit, PeerReply, PeerRequest } from './data-parallel';

/** A data-parallel gradient worker (scripts/data-parallel.ts): one model copy, one optimizer. */
const init = workerData as PeerInit;
const port = parentPort!;
const send = (reply: PeerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

await initNodeBackend(parseBackendPreference(init.backend));
const executor = new ModelExecutor(init.spec, { bnMode: 'batch', seed: init.seed });
const trainer = new Trainer(executor, {
  optimizer: 'adam',
  learningRate: init.learningRate,
  loss: init.loss,
});
const shapes = executor.trainableVariables().map((v) => v.shape);

async function handle(message: PeerRequest): Promise<void> {
  if (message.type === 'gradients') {
    const { shard } = message;
    const x = tf.tensor(shard.x, shard.xShape);
    const y = tf.tensor(shard.y, shard.yShape);
    try {
      const { loss, grads } = await trainer.gradients({ x, y }, {});
      // Copies: a backend may hand out its own storage, which a transfer would detach.
      const arrays = grads.map((g) => new Float32Array(g.dataSync()));
      tf.dispose(grads);
      send(
        { type: 'gradients', loss, grads: arrays },
        arrays.map((a) => a.buffer as ArrayBuffer),
      );
    } finally {
      tf.dispose([x, y]);
    }
  } else {
    trainer.setLearningRate(message.learningRate);
    const grads = message.grads.map((g, i) => tf.tensor(g, shapes[i]));
    trainer.applyGradients(grads);
    tf.dispose(grads);
  }
}

// Messages are handled strictly in order: an update must land before the next gradients.
let queue = Promise.resolve();
port.on('message', (message: PeerRequest) => {
  queue = queue
    .then(() => handle(message))
    .catch((e: unknown) => send({ type: 'error', message: toErrorInfo(e).message }));
});
send({ type: 'ready' });
