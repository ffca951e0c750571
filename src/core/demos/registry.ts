import type { TaskKind } from '../data/source';

/** The lab's built-in demo tasks; files live in public/models/<name>/ (model.json, weights.bin, card.json). */
export type DemoName =
  'mnist-cnn' | 'mnist-resnet' | 'mnist-denoiser' | 'fashion-cnn' | 'fashion-resnet';
export type DemoDataId = 'mnist' | 'mnist-noisy' | 'fashion-mnist';

export interface DemoInfo {
  name: DemoName;
  task: TaskKind;
  dataId: DemoDataId;
  title: string;
  description: string;
}

export const DEMOS: readonly DemoInfo[] = [
  {
    name: 'mnist-cnn',
    task: 'classification',
    dataId: 'mnist',
    title: 'MNIST CNN',
    description:
      'Plain Conv-BN-ReLU stacks with max pooling and a Flatten→Dense head; digit classification.',
  },
  {
    name: 'mnist-resnet',
    task: 'classification',
    dataId: 'mnist',
    title: 'MNIST ResNet',
    description:
      'Two residual blocks joined by Add: the identity shortcut couples the stem with the first block, the 1×1 stride-2 projection shortcut couples the second block with its own branch.',
  },
  {
    name: 'mnist-denoiser',
    task: 'image-to-image',
    dataId: 'mnist-noisy',
    title: 'MNIST denoiser',
    description:
      'Convolutional encoder–decoder (Conv2DTranspose upsampling, sigmoid output) trained with MSE on noisy digits.',
  },
  {
    name: 'fashion-cnn',
    task: 'classification',
    dataId: 'fashion-mnist',
    title: 'Fashion-MNIST CNN',
    description:
      'The MNIST CNN’s shape trained on ten clothing classes: harder data, so pruning criteria and sparsities separate.',
  },
  {
    name: 'fashion-resnet',
    task: 'classification',
    dataId: 'fashion-mnist',
    title: 'Fashion-MNIST ResNet',
    description:
      'The MNIST ResNet’s shape (two residual blocks joined by Add) trained on clothing: coupled channel groups on harder data.',
  },
];

export function findDemo(name: string): DemoInfo | undefined {
  return DEMOS.find((d) => d.name === name);
}
