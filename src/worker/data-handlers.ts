import { createMnistSource, parseMnistAsset } from '../core/data/mnist';
import { LabError } from '../core/errors';
import { appUrl, fetchBytes } from './asset-fetch';
import { session } from './engine-session';
import type { DataId, DataSummary } from './engine-types';

export const MNIST_ASSET_PATH = 'data/mnist.bin';

export async function loadData(id: DataId): Promise<DataSummary> {
  if (id !== 'mnist' && id !== 'mnist-noisy') {
    throw new LabError(
      'INVALID_ARGUMENT',
      `Unknown data set "${String(id)}": choose mnist or mnist-noisy.`,
    );
  }
  session.mnistAsset ??= parseMnistAsset(
    await fetchBytes(appUrl(MNIST_ASSET_PATH), 'the MNIST asset'),
  );
  const source = createMnistSource(session.mnistAsset, { noisy: id === 'mnist-noisy' });
  session.data = { id, source };
  return {
    id,
    task: source.task,
    inputShape: [...source.inputShape],
    trainSize: source.size('train'),
    testSize: source.size('test'),
    numClasses: source.numClasses ?? null,
  };
}
