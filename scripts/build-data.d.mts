// Types for build-data.mjs (plain ESM so that `npm install` needs no tsx).
export const ASSET_MAGIC: string;
export const ASSET_VERSION: number;
export const HEADER_BYTES: number;
export const SPLIT_SEED: number;
export const TEST_PER_CLASS: number;
export const DEFAULT_ASSET_PATH: string;
export function buildMnistAsset(): Uint8Array;
export function writeMnistAsset(outPath?: string): { path: string; sizeBytes: number };
export function mulberry32(seed: number): () => number;
export function shuffle<T>(items: T[], random: () => number): T[];
