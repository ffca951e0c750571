import type { MnistAsset } from './mnist';

/** One test image per class (the first of each), for the data panel's sample strip. */
export interface ClassSamples {
  height: number;
  width: number;
  labels: number[];
  /** uint8 values, image after image, row-major. */
  pixels: number[];
}

export function classSamples(asset: MnistAsset, numClasses: number): ClassSamples {
  const size = asset.height * asset.width;
  const labels: number[] = [];
  const pixels: number[] = [];
  for (let c = 0; c < numClasses; c++) {
    for (let i = asset.trainCount; i < asset.count; i++) {
      if (asset.labels[i] !== c) continue;
      labels.push(c);
      pixels.push(...asset.pixels.subarray(i * size, (i + 1) * size));
      break;
    }
  }
  return { height: asset.height, width: asset.width, labels, pixels };
}
