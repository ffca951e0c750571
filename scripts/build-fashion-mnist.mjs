#!/usr/bin/env node
// Converts Debian's `dataset-fashion-mnist` (Zalando, MIT) into the lab's committed asset
// public/datasets/fashion-mnist.plmz: a fixed, class-balanced 10,000-image train subset and the
// full 10,000-image test set, uint8, in the MNIST asset layout (docs/data.md), compressed.
// Run once by hand (`apt-get install dataset-fashion-mnist`); npm ci and CI use the committed file.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { zlibSync } from 'fflate';
import { ASSET_MAGIC, ASSET_VERSION, HEADER_BYTES, mulberry32, shuffle } from './build-data.mjs';

export const FASHION_MAGIC = 'PLMZ';
export const FASHION_VERSION = 1;
export const FASHION_SPLIT_SEED = 20170825;
export const TRAIN_PER_CLASS = 1000;
const SIDE = 28;
const NUM_CLASSES = 10;
const DEBIAN_DIR = '/usr/share/datasets/fashion-mnist';
const here = path.dirname(fileURLToPath(import.meta.url));
export const FASHION_ASSET_PATH = path.join(here, '..', 'public', 'datasets', 'fashion-mnist.plmz');

/** idx files: big-endian magic (0x801 labels, 0x803 images), count[, rows, cols], then bytes. */
function readIdx(file, magic) {
  const full = path.join(DEBIAN_DIR, file);
  if (!existsSync(full)) {
    throw new Error(
      `${full} is missing: install Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist).`,
    );
  }
  const bytes = gunzipSync(readFileSync(full));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== magic) throw new Error(`${file}: not an idx file of kind ${magic}.`);
  const headerBytes = magic === 0x803 ? 16 : 8;
  return { count: view.getUint32(4), data: bytes.subarray(headerBytes) };
}

/** TRAIN_PER_CLASS seeded picks per class from the 60,000 training images, classes interleaved. */
function trainSubset(labels) {
  const picked = [];
  for (let c = 0; c < NUM_CLASSES; c++) {
    const ofClass = [];
    labels.forEach((label, i) => label === c && ofClass.push(i));
    shuffle(ofClass, mulberry32(FASHION_SPLIT_SEED + c));
    picked.push(...ofClass.slice(0, TRAIN_PER_CLASS));
  }
  return shuffle(picked, mulberry32(FASHION_SPLIT_SEED ^ 0x7a11));
}

/**
 * All 60,000 training images and the 10,000 test images in memory, in the lab's asset shape
 * (train first, then test): what `train:demos` fits the Fashion demos on. Never written to disk.
 */
export function loadFullFashion() {
  const train = readIdx('train-images-idx3-ubyte.gz', 0x803);
  const trainLabels = readIdx('train-labels-idx1-ubyte.gz', 0x801).data;
  const test = readIdx('t10k-images-idx3-ubyte.gz', 0x803);
  const testLabels = readIdx('t10k-labels-idx1-ubyte.gz', 0x801).data;
  const count = train.count + test.count;
  const labels = new Uint8Array(count);
  labels.set(trainLabels.subarray(0, train.count));
  labels.set(testLabels.subarray(0, test.count), train.count);
  const size = SIDE * SIDE;
  const pixels = new Uint8Array(count * size);
  pixels.set(train.data.subarray(0, train.count * size));
  pixels.set(test.data.subarray(0, test.count * size), train.count * size);
  return {
    count,
    height: SIDE,
    width: SIDE,
    trainCount: train.count,
    testCount: test.count,
    splitSeed: FASHION_SPLIT_SEED,
    labels,
    pixels,
  };
}

/** The asset in the MNIST layout: header, labels, pixels; train first, then test. */
export function buildFashionAsset() {
  const train = readIdx('train-images-idx3-ubyte.gz', 0x803);
  const trainLabels = readIdx('train-labels-idx1-ubyte.gz', 0x801).data;
  const test = readIdx('t10k-images-idx3-ubyte.gz', 0x803);
  const testLabels = readIdx('t10k-labels-idx1-ubyte.gz', 0x801).data;
  const examples = [
    ...trainSubset(trainLabels).map((i) => ({ images: train.data, labels: trainLabels, i })),
    ...Array.from({ length: test.count }, (_, i) => ({ images: test.data, labels: testLabels, i })),
  ];
  const n = examples.length;
  const size = SIDE * SIDE;
  const bytes = new Uint8Array(HEADER_BYTES + n + n * size);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 4; i++) bytes[i] = ASSET_MAGIC.charCodeAt(i);
  const header = [ASSET_VERSION, n, SIDE, SIDE, n - test.count, test.count, FASHION_SPLIT_SEED];
  header.forEach((value, k) => view.setUint32(4 + 4 * k, value, true));
  examples.forEach(({ images, labels, i }, k) => {
    bytes[HEADER_BYTES + k] = labels[i];
    bytes.set(images.subarray(i * size, (i + 1) * size), HEADER_BYTES + n + k * size);
  });
  return bytes;
}

/** PNG's Paeth predictor: the neighbour (left, up, up-left) closest to left + up − up-left. */
function paeth(a, b, c) {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Each image's pixels → residuals against the Paeth prediction (mod 256); 5 % smaller deflated. */
export function paethFilter(pixels, height, width) {
  const out = new Uint8Array(pixels.length);
  const size = height * width;
  for (let i = 0; i < pixels.length; i++) {
    const p = i % size;
    const x = p % width;
    const y = (p - x) / width;
    const a = x > 0 ? pixels[i - 1] : 0;
    const b = y > 0 ? pixels[i - width] : 0;
    const c = x > 0 && y > 0 ? pixels[i - width - 1] : 0;
    out[i] = (pixels[i] - paeth(a, b, c)) & 255;
  }
  return out;
}

/** 'PLMZ', uint32 version, then zlib(asset with its pixels Paeth-filtered). */
export function encodeFashionAsset(asset) {
  const view = new DataView(asset.buffer, asset.byteOffset, asset.byteLength);
  const n = view.getUint32(8, true);
  const filtered = asset.slice();
  const start = HEADER_BYTES + n;
  filtered.set(paethFilter(asset.subarray(start), SIDE, SIDE), start);
  const packed = zlibSync(filtered, { level: 9, mem: 12 });
  const out = new Uint8Array(8 + packed.length);
  for (let i = 0; i < 4; i++) out[i] = FASHION_MAGIC.charCodeAt(i);
  new DataView(out.buffer).setUint32(4, FASHION_VERSION, true);
  out.set(packed, 8);
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? FASHION_ASSET_PATH;
  const bytes = encodeFashionAsset(buildFashionAsset());
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  console.log(
    `build-fashion-mnist: wrote ${path.relative(process.cwd(), out)} (${bytes.length} bytes)`,
  );
}
