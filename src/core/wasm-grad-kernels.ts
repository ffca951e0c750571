import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilterWasm, conv2dBackpropInputWasm } from './wasm-kernels/conv2d-backprop';
import {
  depthwiseBackpropFilterWasm,
  depthwiseBackpropInputWasm,
} from './wasm-kernels/depthwise-backprop';
import { maxPoolGradWasm } from './wasm-kernels/max-pool-grad';
import { tileWasm } from './wasm-kernels/tile';

/**
 * tfjs-backend-wasm 4.22 cannot train convolutions: it lacks the filter gradients and the
 * depthwise input gradient. These kernels fill the gap from kernels wasm has (XNNPACK
 * convolutions, transposes), called directly rather than through tf ops so nothing is
 * taped or tracked. Two kernels wasm has are replaced: Conv2DBackpropInput (a scalar loop
 * ≈ 8× slower than the convolution-based one here), MaxPoolGrad (it misroutes the gradient
 * of all-negative windows) and Tile (block copies instead of a per-element loop).
 */
type LabKernelFunc = (args: never) => tf.TensorInfo;

interface LabKernel {
  kernelName: string;
  kernelFunc: LabKernelFunc;
}

/** Kernels the wasm backend does not have: registered only while absent. */
const MISSING_KERNELS: readonly LabKernel[] = [
  { kernelName: 'Conv2DBackpropFilter', kernelFunc: conv2dBackpropFilterWasm },
  { kernelName: 'DepthwiseConv2dNativeBackpropFilter', kernelFunc: depthwiseBackpropFilterWasm },
  { kernelName: 'DepthwiseConv2dNativeBackpropInput', kernelFunc: depthwiseBackpropInputWasm },
];

/** Kernels the wasm backend has, slow or wrong: replaced once its own is registered. */
const REPLACED_KERNELS: readonly LabKernel[] = [
  { kernelName: 'Conv2DBackpropInput', kernelFunc: conv2dBackpropInputWasm },
  { kernelName: 'MaxPoolGrad', kernelFunc: maxPoolGradWasm },
  // The stock Tile is a per-element loop; BatchNormalization's gradient tiles [C] vectors to
  // the full activation, which made Tile the largest kernel of a demo training step.
  { kernelName: 'Tile', kernelFunc: tileWasm },
];

/** Names of every kernel this module may register for 'wasm'. */
export const WASM_LAB_KERNEL_NAMES: readonly string[] = [
  ...MISSING_KERNELS,
  ...REPLACED_KERNELS,
].map((k) => k.kernelName);

// Marks our configs so a second call recognises them (idempotence without warnings).
const labConfigs = new WeakSet<object>();

function register(kernel: LabKernel): void {
  const config: tf.KernelConfig = {
    kernelName: kernel.kernelName,
    backendName: 'wasm',
    kernelFunc: kernel.kernelFunc as unknown as tf.KernelFunc,
  };
  labConfigs.add(config);
  tf.registerKernel(config);
}

/** True when `kernelName` for wasm is the lab's implementation. */
export function isLabWasmKernel(kernelName: string): boolean {
  const current = tf.getKernel(kernelName, 'wasm');
  return current != null && labConfigs.has(current);
}

/**
 * Registers the lab's wasm gradient kernels. Safe to call any number of times, before or
 * after the wasm backend starts. The replacements happen only once
 * tfjs-backend-wasm has been imported (it registers its kernels at import): replacing
 * earlier would make that import warn and win.
 */
export function registerWasmGradientKernels(): void {
  for (const kernel of MISSING_KERNELS) {
    if (tf.getKernel(kernel.kernelName, 'wasm') == null) register(kernel);
  }
  for (const kernel of REPLACED_KERNELS) {
    if (tf.getKernel(kernel.kernelName, 'wasm') == null || isLabWasmKernel(kernel.kernelName))
      continue;
    tf.unregisterKernel(kernel.kernelName, 'wasm');
    register(kernel);
  }
}
