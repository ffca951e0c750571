// Types for build-fashion-mnist.mjs (plain ESM, run by hand with node).
import type { MnistAsset } from '../src/core/data/mnist';
export const FASHION_MAGIC: string;
export const FASHION_VERSION: number;
export const FASHION_SPLIT_SEED: number;
export const TRAIN_PER_CLASS: number;
export const FASHION_ASSET_PATH: string;
export function buildFashionAsset(): Uint8Array;
export function paethFilter(pixels: Uint8Array, height: number, width: number): Uint8Array;
export function encodeFashionAsset(asset: Uint8Array): Uint8Array;
export function loadFullFashion(): MnistAsset;
