/**
 * The lab's built-in data sets, one entry each: what the data panel offers, what `--data`
 * accepts, where the worker fetches the asset. tfjs-free, so the page may import it.
 */
export interface BuiltinData {
  id: 'mnist' | 'mnist-noisy' | 'fashion-mnist';
  label: string;
  help: string;
  /** Under the app's base URL (the worker fetches it). */
  assetPath: string;
  /** Label order; empty for an image-to-image task. */
  classNames: readonly string[];
}

export type BuiltinDataId = BuiltinData['id'];

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const FASHION_CLASS_NAMES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;

export const BUILTIN_DATA: readonly BuiltinData[] = [
  {
    id: 'mnist',
    label: 'MNIST digits',
    help: 'Classification, 28×28×1, scored by accuracy.',
    assetPath: 'data/mnist.bin',
    classNames: DIGITS,
  },
  {
    id: 'mnist-noisy',
    label: 'Noisy MNIST',
    help: 'Denoising (noisy → clean digit), 28×28×1, scored by PSNR.',
    assetPath: 'data/mnist.bin',
    classNames: [],
  },
  {
    id: 'fashion-mnist',
    label: 'Fashion-MNIST',
    help: 'Ten clothing classes, 28×28×1, scored by accuracy; harder than digits, so pruning criteria differ visibly.',
    assetPath: 'datasets/fashion-mnist.plmz',
    classNames: FASHION_CLASS_NAMES,
  },
];

export function isBuiltinDataId(value: unknown): value is BuiltinDataId {
  return BUILTIN_DATA.some((d) => d.id === value);
}

export function builtinDataIds(): string {
  const ids = BUILTIN_DATA.map((d) => d.id);
  return `${ids.slice(0, -1).join(', ')} or ${ids[ids.length - 1]}`;
}
