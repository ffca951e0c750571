/** Placeholder until the gradient kernels land (see issue 2). */
export function registerWasmGradientKernels(): void {}
