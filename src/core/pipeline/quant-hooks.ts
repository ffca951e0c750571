/**
 * Forward hooks that fake-quantize a ModelExecutor's weights and activations (method.md §5).
 *
 * Activation points: every unit's measurement layer (conv → [BN] → act, the tensor the
 * footprint counts) and, as in the reference, every layer whose output feeds a quantized
 * kernel layer (e.g. the pooling or Flatten before a Dense). The network input is never
 * quantized: the InputLayer is not a point and the executor never transforms it.
 *
 * The hooks CHAIN with the caller's hooks: an existing transformOutput (e.g. deferred masks)
 * runs first and the quantizer sees its result; masks and observers pass through unchanged.
 */
import * as tf from '@tensorflow/tfjs';
import type { ForwardOptions } from '../exec/executor';
import { mapWeightRoles } from '../exec/weight-roles';
import { buildChannelGraph } from '../graph/channel-graph';
import type { LayerSpec, ModelSpec } from '../model/spec';
import { ActivationQuantizer } from '../quant/activation-quantizer';
import {
  fakeQuantTarget,
  FLOAT_BITS,
  quantTargets,
  type QuantConfig,
  type QuantTarget,
} from '../quant/quant-plan';
import type { ActivationRange } from '../quant/quantize-math';

export type Hooks = Omit<ForwardOptions, 'training'>;
type TransformOutput = NonNullable<ForwardOptions['transformOutput']>;

/** `base` first, then `next`; either may be absent. */
export function chainTransformOutput(
  base: TransformOutput | undefined,
  next: TransformOutput | undefined,
): TransformOutput | undefined {
  if (!base) return next;
  if (!next) return base;
  return (layer, x) => next(layer, base(layer, x));
}

/** Layer names whose outputs are activation-quantized, in layer order. */
export function activationQuantPoints(spec: ModelSpec): string[] {
  const points = new Set(buildChannelGraph(spec).units.map((u) => u.measurementLayer));
  const kernelLayers = new Set(
    quantTargets(spec, {
      weightBits: 8,
      activationBits: FLOAT_BITS,
      perChannel: true,
      pow2: false,
    }).map((t) => t.layerName),
  );
  const inputs = new Set(spec.inputLayers);
  for (const layer of spec.layers) {
    if (!kernelLayers.has(layer.name)) continue;
    for (const from of layer.inbound) if (!inputs.has(from)) points.add(from);
  }
  return spec.layers.map((l) => l.name).filter((name) => points.has(name));
}

export interface QuantDelays {
  /** Weights are fake-quantized from this step on. */
  weightDelaySteps: number;
  /** Activations are fake-quantized from this step on. */
  activationDelaySteps: number;
}

export class QuantHooks {
  readonly points: string[];
  private readonly quantizers = new Map<string, ActivationQuantizer>();
  /** layer name → role → target. */
  private readonly targets = new Map<string, Map<string, QuantTarget>>();

  constructor(
    spec: ModelSpec,
    private readonly config: QuantConfig,
    private readonly delays: QuantDelays = { weightDelaySteps: 0, activationDelaySteps: 0 },
  ) {
    this.points = config.activationBits === FLOAT_BITS ? [] : activationQuantPoints(spec);
    for (const name of this.points) {
      const q = new ActivationQuantizer({
        bits: config.activationBits,
        delaySteps: delays.activationDelaySteps,
      });
      this.quantizers.set(name, q);
    }
    const byName = new Map(quantTargets(spec, config).map((t) => [t.weightName, t]));
    for (const layer of spec.layers) {
      for (const [role, weightName] of mapWeightRoles(spec, layer)) {
        const target = byName.get(weightName);
        if (!target) continue;
        if (!this.targets.has(layer.name)) this.targets.set(layer.name, new Map());
        this.targets.get(layer.name)!.set(role, target);
      }
    }
  }

  /** QAT step `step`: observe every point, quantize what the delays have switched on. */
  training(step: number, base: Hooks = {}): Hooks {
    return this.compose(base, step, {
      observe: true,
      weights: step >= this.delays.weightDelaySteps,
    });
  }

  /** PTQ calibration: weights quantized, activations observed but left float. */
  calibration(base: Hooks = {}): Hooks {
    return this.compose(base, -1, { observe: true, weights: true });
  }

  /** Evaluation of the quantized model: weights always; activations when `activations`. */
  evaluation(base: Hooks = {}, activations = true): Hooks {
    return this.compose(base, activations ? Number.POSITIVE_INFINITY : -1, {
      observe: false,
      weights: true,
    });
  }

  /**
   * Folds every quantizer's pending observations into its range with ONE awaited read (webgpu
   * in a worker cannot read synchronously; observers run inside the forward pass).
   */
  async flush(): Promise<void> {
    const parts = [...this.quantizers.values()].map((q) => q.takePending());
    const all = parts.flat();
    if (!all.length) return;
    const joined = tf.concat(all);
    tf.dispose(all);
    let pairs: Float32Array;
    try {
      pairs = (await joined.data()) as Float32Array;
    } finally {
      joined.dispose();
    }
    let offset = 0;
    [...this.quantizers.values()].forEach((q, i) => {
      const length = parts[i].length * 2;
      q.foldObserved(pairs.subarray(offset, offset + length));
      offset += length;
    });
  }

  /** Frees observations never flushed (an aborted run). */
  dispose(): void {
    for (const q of this.quantizers.values()) q.dispose();
  }

  /** Per-point ranges; flush() first. */
  get ranges(): Record<string, ActivationRange> {
    return Object.fromEntries([...this.quantizers].map(([name, q]) => [name, q.range]));
  }

  private compose(base: Hooks, step: number, mode: { observe: boolean; weights: boolean }): Hooks {
    const hooks: Hooks = { ...base };
    if (mode.weights && this.targets.size) {
      const baseWeight = base.transformWeight;
      hooks.transformWeight = (layer, role, w) => {
        const x = baseWeight ? baseWeight(layer, role, w) : w;
        return this.quantizeWeight(layer, role, x);
      };
    }
    if (this.quantizers.size) {
      const quantizeOutput: TransformOutput = (layer, x) => {
        const q = this.quantizers.get(layer);
        if (!q) return x;
        if (mode.observe) q.observe(x);
        return q.apply(x, step);
      };
      hooks.transformOutput = chainTransformOutput(base.transformOutput, quantizeOutput);
    }
    return hooks;
  }

  private quantizeWeight(layer: LayerSpec, role: string, w: tf.Tensor): tf.Tensor {
    const target = this.targets.get(layer.name)?.get(role);
    return target ? fakeQuantTarget(w, target, this.config) : w;
  }
}
