import * as tf from '@tensorflow/tfjs';
import { LabError } from '../errors';
import type { LayerSpec, ModelSpec, WeightTensor } from '../model/spec';
import { readBool } from '../model/layer-config';
import type { LayerOpContext } from './layer-op-types';
import { isExecutableClass, KERAS_CLASS } from '../layers/registry';
import { layerForward } from './layer-ops';
import { STATE_ROLES, mapWeightRoles } from './weight-roles';

/**
 * Runs a ModelSpec's forward pass with tf ops, layer by layer, so that masks, observers
 * and weight/output transforms can hook into any layer (a tf.LayersModel hides them).
 *
 * Per layer output the order is: forward → mask (× 0/1 per channel) → observe →
 * transformOutput. Observers therefore see the masked float activations (what the
 * importance measures need), and activation fake quantization acts on masked values.
 */
export interface ForwardOptions {
  /** Dropout on; BN per the executor's bnMode. */
  training: boolean;
  /** 0/1 channel masks per measurement-layer name, applied to that layer's OUTPUT. */
  masks?: ReadonlyMap<string, tf.Tensor1D>;
  /** Observes (never keeps) the masked output of the named layers; called inside the forward tidy. */
  observe?: { layers: ReadonlySet<string>; fn: (layer: string, x: tf.Tensor) => void };
  /** Replaces a weight before use, e.g. fake quantization (role 'kernel' | 'bias' | 'gamma' | …). */
  transformWeight?: (layer: LayerSpec, role: string, w: tf.Tensor) => tf.Tensor;
  /** Replaces a layer's (masked) output, e.g. activation fake quantization. Not called for the
   *  InputLayer: the network input is never quantized (method §5). */
  transformOutput?: (layer: string, x: tf.Tensor) => tf.Tensor;
}

export interface ExecutorOptions {
  /** BN statistics while training: 'frozen' (default, moving stats) or 'batch'. */
  bnMode?: 'frozen' | 'batch';
  /** Seeds dropout so that the same seed repeats the same training run. Default 1. */
  seed?: number;
}

function copyWeight(w: WeightTensor): tf.Tensor {
  return tf.tensor(w.data.slice(), w.shape, 'float32');
}

export class ModelExecutor {
  readonly spec: ModelSpec;
  readonly bnMode: 'frozen' | 'batch';
  /** weight name → variable. */
  private readonly variables = new Map<string, tf.Variable>();
  /** layer name → role → weight name. */
  private readonly roles = new Map<string, Map<string, string>>();
  private seedCounter: number;
  private disposed = false;

  constructor(spec: ModelSpec, opts: ExecutorOptions = {}) {
    this.spec = spec;
    this.bnMode = opts.bnMode ?? 'frozen';
    this.seedCounter = opts.seed ?? 1;
    checkRunnable(spec);
    for (const layer of spec.layers) this.roles.set(layer.name, mapWeightRoles(spec, layer));
    for (const layer of spec.layers) this.createVariables(layer);
  }

  private createVariables(layer: LayerSpec): void {
    const layerTrainable = readBool(layer, 'trainable', true);
    for (const [role, name] of this.roles.get(layer.name)!) {
      const init = copyWeight(this.spec.weights[name]);
      this.variables.set(name, tf.variable(init, layerTrainable && !STATE_ROLES.has(role)));
      init.dispose();
    }
  }

  /** The model output (caller disposes). */
  forward(x: tf.Tensor, options: ForwardOptions): tf.Tensor {
    return tf.tidy(() => this.run(x, options, []).output);
  }

  /** The model output plus the (masked, transformed) outputs of the named layers; caller disposes all. */
  forwardWithOutputs(
    x: tf.Tensor,
    options: ForwardOptions,
    layers: string[],
  ): { output: tf.Tensor; outputs: Record<string, tf.Tensor> } {
    return tf.tidy(() => this.run(x, options, layers));
  }

  /** Trainable variables in layer order (BN moving statistics and frozen layers excluded). */
  trainableVariables(): tf.Variable[] {
    return [...this.variables.values()].filter((v) => v.trainable);
  }

  /** Trainable variables with their weight names (keys of `spec.weights`). */
  namedTrainableVariables(): [string, tf.Variable][] {
    return [...this.variables].filter(([, v]) => v.trainable);
  }

  /** The live variable of a layer's weight role (do not dispose), or undefined. */
  variableFor(layerName: string, role: string): tf.Variable | undefined {
    const name = this.roles.get(layerName)?.get(role);
    return name === undefined ? undefined : this.variables.get(name);
  }

  /** A new ModelSpec (same topology) with the current variable values. */
  async toSpec(): Promise<ModelSpec> {
    this.assertAlive();
    const entries = [...this.variables];
    // Async reads (webgpu cannot read synchronously), all started before the first await.
    const values = await Promise.all(entries.map(([, v]) => v.data()));
    const weights: Record<string, WeightTensor> = {};
    entries.forEach(([name, v], i) => {
      weights[name] = { shape: [...v.shape], data: Float32Array.from(values[i] as Float32Array) };
    });
    return { ...structuredClone({ ...this.spec, weights: {} }), weights };
  }

  dispose(): void {
    if (this.disposed) return;
    for (const v of this.variables.values()) v.dispose();
    this.variables.clear();
    this.disposed = true;
  }

  private assertAlive(): void {
    if (this.disposed)
      throw new LabError(
        'INVALID_ARGUMENT',
        `The executor of model "${this.spec.name}" was already disposed.`,
      );
  }

  private run(
    x: tf.Tensor,
    options: ForwardOptions,
    keep: string[],
  ): { output: tf.Tensor; outputs: Record<string, tf.Tensor> } {
    this.assertAlive();
    this.checkInput(x);
    checkHookNames(this.spec, options, keep);
    const values = new Map<string, tf.Tensor>();
    for (const layer of this.spec.layers) {
      const raw =
        layer.className === KERAS_CLASS.InputLayer
          ? tf.cast(x, 'float32')
          : layerForward(layer)(
              this.context(
                layer,
                layer.inbound.map((n) => values.get(n)!),
                options,
              ),
            );
      values.set(
        layer.name,
        applyHooks(layer.name, raw, options, layer.className === KERAS_CLASS.InputLayer),
      );
    }
    const outputs: Record<string, tf.Tensor> = {};
    for (const name of keep) outputs[name] = values.get(name)!;
    return { output: values.get(this.spec.outputLayers[0])!, outputs };
  }

  private context(layer: LayerSpec, inputs: tf.Tensor[], options: ForwardOptions): LayerOpContext {
    const roles = this.roles.get(layer.name)!;
    const read = (role: string): tf.Tensor | undefined => {
      const name = roles.get(role);
      if (name === undefined) return undefined;
      const v = this.variables.get(name)!;
      return options.transformWeight && !STATE_ROLES.has(role)
        ? options.transformWeight(layer, role, v)
        : v;
    };
    return {
      layer,
      inputs,
      training: options.training,
      bnMode: this.bnMode,
      optionalWeight: read,
      weight: (role) => {
        const w = read(role);
        if (!w)
          throw new LabError(
            'WEIGHTS_MISSING',
            `Layer "${layer.name}" (${layer.className}) has no "${role}" weight.`,
          );
        return w;
      },
      // The variable keeps the value; the tidy may dispose the tensor that carried it.
      assignState: (role, value) => this.variables.get(roles.get(role)!)!.assign(value),
      nextSeed: () => this.seedCounter++,
    };
  }

  private checkInput(x: tf.Tensor): void {
    const expected = this.spec.inputShapes[0];
    const got = x.shape.slice(1);
    const ok =
      got.length === expected.length &&
      expected.every((d, i) => d === null || d < 0 || d === got[i]);
    if (!ok) {
      throw new LabError(
        'INVALID_ARGUMENT',
        `Model "${this.spec.name}" expects inputs of shape [batch, ${expected.join(', ')}] but got [${x.shape.join(', ')}].`,
      );
    }
  }
}

function applyHooks(
  name: string,
  raw: tf.Tensor,
  options: ForwardOptions,
  isInput: boolean,
): tf.Tensor {
  let y = raw;
  const mask = options.masks?.get(name);
  if (mask) {
    const channels = y.shape[y.rank - 1];
    if (mask.shape[0] !== channels) {
      throw new LabError(
        'INVALID_ARGUMENT',
        `The mask for layer "${name}" has ${mask.shape[0]} entries but the layer has ${channels} channels.`,
      );
    }
    y = tf.mul(y, mask);
  }
  if (options.observe?.layers.has(name)) options.observe.fn(name, y);
  if (options.transformOutput && !isInput) y = options.transformOutput(name, y);
  return y;
}

function checkRunnable(spec: ModelSpec): void {
  if (spec.inputLayers.length !== 1 || spec.outputLayers.length !== 1) {
    throw new LabError(
      'UNSUPPORTED',
      `Model "${spec.name}" has ${spec.inputLayers.length} inputs and ${spec.outputLayers.length} outputs; the lab runs models with one input and one output.`,
    );
  }
  for (const layer of spec.layers) {
    if (!isExecutableClass(layer.className)) {
      throw new LabError(
        'UNSUPPORTED_LAYER',
        `Layer "${layer.name}" has class ${layer.className}, which the lab cannot run.`,
      );
    }
  }
}

function checkHookNames(spec: ModelSpec, options: ForwardOptions, keep: string[]): void {
  const names = [...(options.masks?.keys() ?? []), ...keep];
  for (const name of names) {
    if (!spec.layers.some((l) => l.name === name)) {
      throw new LabError('INVALID_ARGUMENT', `Layer "${name}" is not in model "${spec.name}".`);
    }
  }
}
