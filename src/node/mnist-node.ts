import { existsSync, readFileSync } from 'node:fs';
import { DEFAULT_ASSET_PATH, writeMnistAsset } from '../../scripts/build-data.mjs';
import { FASHION_ASSET_PATH } from '../../scripts/build-fashion-mnist.mjs';
import { builtinDataIds, isBuiltinDataId, type BuiltinDataId } from '../core/data/builtin-data';
import { createFashionSource, decodeFashionAsset } from '../core/data/fashion-mnist';
import {
  createMnistSource,
  parseMnistAsset,
  type MnistAsset,
  type MnistSourceOptions,
} from '../core/data/mnist';
import type { DataSource } from '../core/data/source';
import { LabError } from '../core/errors';

/** Path of the generated asset (public/data/mnist.bin, gitignored). */
export const MNIST_ASSET_PATH: string = DEFAULT_ASSET_PATH;

let cached: MnistAsset | null = null;

/** Reads the MNIST asset, building it first (same code as `npm run postinstall`) if it is missing. */
export function loadMnistAsset(assetPath: string = MNIST_ASSET_PATH): MnistAsset {
  if (assetPath === MNIST_ASSET_PATH && cached) return cached;
  if (!existsSync(assetPath)) {
    if (assetPath !== MNIST_ASSET_PATH)
      throw new LabError('INVALID_DATA', `MNIST asset ${assetPath} does not exist.`);
    writeMnistAsset(assetPath);
  }
  const asset = parseMnistAsset(new Uint8Array(readFileSync(assetPath)));
  if (assetPath === MNIST_ASSET_PATH) cached = asset;
  return asset;
}

export type MnistDataId = BuiltinDataId;

let fashion: MnistAsset | null = null;

/** The committed Fashion-MNIST asset (public/datasets/fashion-mnist.plmz), decoded once. */
export function loadFashionAsset(): MnistAsset {
  fashion ??= decodeFashionAsset(new Uint8Array(readFileSync(FASHION_ASSET_PATH)));
  return fashion;
}

/** The DataSource for a built-in data id. */
export function loadMnistSource(
  dataId: MnistDataId,
  options: Omit<MnistSourceOptions, 'noisy'> = {},
): DataSource {
  if (!isBuiltinDataId(dataId)) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `Unknown data set "${String(dataId)}": choose ${builtinDataIds()}.`,
    );
  }
  if (dataId === 'fashion-mnist') return createFashionSource(loadFashionAsset());
  return createMnistSource(loadMnistAsset(), { ...options, noisy: dataId === 'mnist-noisy' });
}
