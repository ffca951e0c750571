import { BUILTIN_DATA, builtinDataIds, isBuiltinDataId } from '../core/data/builtin-data';
import { classSamples } from '../core/data/class-samples';
import { createFashionSource, decodeFashionAsset } from '../core/data/fashion-mnist';
import { createMnistSource, parseMnistAsset, type MnistAsset } from '../core/data/mnist';
import type { DataSource } from '../core/data/source';
import { LabError } from '../core/errors';
import { appUrl, fetchBytes } from './asset-fetch';
import { session } from './engine-session';
import type { DataId, DataSummary } from '../protocol/engine-types';

export const MNIST_ASSET_PATH = 'data/mnist.bin';

/** Fetched once per worker; 15 MB decoded. */
let fashionAsset: MnistAsset | null = null;

async function builtinSource(id: DataId): Promise<{ source: DataSource; asset: MnistAsset }> {
  const entry = BUILTIN_DATA.find((d) => d.id === id)!;
  if (id === 'fashion-mnist') {
    fashionAsset ??= decodeFashionAsset(
      await fetchBytes(appUrl(entry.assetPath), 'the Fashion-MNIST asset'),
    );
    return { source: createFashionSource(fashionAsset), asset: fashionAsset };
  }
  session.mnistAsset ??= parseMnistAsset(
    await fetchBytes(appUrl(MNIST_ASSET_PATH), 'the MNIST asset'),
  );
  const asset = session.mnistAsset;
  return { source: createMnistSource(asset, { noisy: id === 'mnist-noisy' }), asset };
}

export async function loadData(id: DataId): Promise<DataSummary> {
  if (!isBuiltinDataId(id)) {
    throw new LabError(
      'UNKNOWN_NAME',
      `Unknown data set "${String(id)}": choose ${builtinDataIds()}.`,
    );
  }
  const { source, asset } = await builtinSource(id);
  session.data = { id, source };
  const classNames = BUILTIN_DATA.find((d) => d.id === id)!.classNames;
  return {
    id,
    task: source.task,
    inputShape: [...source.inputShape],
    trainSize: source.size('train'),
    testSize: source.size('test'),
    numClasses: source.numClasses ?? null,
    ...(classNames.length > 0 && {
      classNames: [...classNames],
      samples: classSamples(asset, classNames.length),
    }),
  };
}
