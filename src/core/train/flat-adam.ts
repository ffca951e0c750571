import * as tf from '@tensorflow/tfjs';

/**
 * Adam (Kingma & Ba; tfjs' defaults β₁ 0.9, β₂ 0.999, ε 1e-7) over all variables at once: the
 * gradients are concatenated into one vector, the moment updates run on that vector, and the
 * step is split back per variable. Same arithmetic as tf.train.adam, which runs ~13 small ops
 * per variable: on wasm each op costs ~0.06 ms of dispatch besides its work, and a residual
 * demo net has 20 variables, so the per-variable form spent ~15 ms a step on dispatch.
 */
export class FlatAdam {
  private moments: { m: tf.Variable; v: tf.Variable; key: string } | null = null;
  private steps = 0;

  constructor(
    public learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-7,
  ) {}

  /** One update of `variables` by `grads` (same order and shapes). */
  apply(variables: readonly tf.Variable[], grads: readonly tf.Tensor[]): void {
    const sizes = variables.map((v) => v.size);
    const key = variables.map((v) => `${v.name}:${v.size}`).join('|');
    if (this.moments?.key !== key) this.reset(key, sizes);
    const { m, v } = this.moments!;
    this.steps++;
    const { beta1: b1, beta2: b2 } = this;
    const correction1 = 1 / (1 - b1 ** this.steps);
    const correction2 = 1 / (1 - b2 ** this.steps);
    const step = tf.tidy(() => {
      const g = tf.concat(grads.map((t) => tf.reshape(t, [-1])));
      const m1 = tf.add(tf.mul(m, b1), tf.mul(g, 1 - b1));
      const v1 = tf.add(tf.mul(v, b2), tf.mul(tf.square(g), 1 - b2));
      m.assign(m1);
      v.assign(v1);
      const denominator = tf.add(tf.sqrt(tf.mul(v1, correction2)), this.epsilon);
      return tf.div(tf.mul(m1, this.learningRate * correction1), denominator);
    });
    tf.tidy(() => {
      const pieces = splitStep(step, variables);
      variables.forEach((variable, i) => variable.assign(tf.sub(variable, pieces[i])));
    });
    step.dispose();
  }

  dispose(): void {
    if (this.moments) tf.dispose([this.moments.m, this.moments.v]);
    this.moments = null;
  }

  /** Fresh zero moments (first step, or the variable set changed). */
  private reset(key: string, sizes: number[]): void {
    this.dispose();
    const total = sizes.reduce((a, b) => a + b, 0);
    const zeros = () => tf.tidy(() => tf.variable(tf.zeros([total]), false));
    this.moments = { m: zeros(), v: zeros(), key };
    this.steps = 0;
  }
}

/**
 * The flat step cut back into one tensor per variable. On wasm and cpu one read of the whole
 * vector and one upload per variable (≈ 0.3 ms for the demo CNN); tf.split / tf.slice of a long
 * vector cost 4–30 ms there (measured). GPU backends slice on the device: a read would stall
 * the pipeline, and WebGPU in a worker cannot read synchronously at all.
 */
export function splitStep(
  step: tf.Tensor,
  variables: readonly { size: number; shape: number[] }[],
  readBack = tf.getBackend() === 'wasm' || tf.getBackend() === 'cpu',
): tf.Tensor[] {
  let offset = 0;
  const next = (size: number) => [offset, (offset += size)] as const;
  if (readBack) {
    const values = step.dataSync() as Float32Array;
    return variables.map((v) => tf.tensor(values.subarray(...next(v.size)), v.shape));
  }
  return variables.map((v) => {
    const [begin] = next(v.size);
    return tf.reshape(tf.slice(step, begin, v.size), v.shape);
  });
}
