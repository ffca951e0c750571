import type { LayerSpec, ModelSpec } from '../model/spec';
import { activationName, configNumber } from '../model/layer-config';
import { isChannelMixingActivation } from '../layers/activation-kinds';
import { layerDescriptor } from '../layers/registry';
import type { ChannelRole } from '../layers/types';
import { concatAxis } from '../layers/shapes';
import { inferShapes } from './shape-inference';
import { UnionFind } from './union-find';

/**
 * Where every channel of every layer output comes from. Entry i of a tensor's origins names the
 * unit (index into `units`, −1 for channels no unit produced, e.g. the model input) and that unit's
 * output channel. Origins run along the tensor's last axis; after a Flatten that axis has H·W·C
 * entries and entry p·C + c comes from channel c. `null` = unknown (downstream of an unsupported layer).
 */
export interface ChannelOrigins {
  unit: Int32Array;
  channel: Int32Array;
}

export interface UnitDraft {
  producer: string;
  producerClass: string;
  followers: string[];
  channels: number;
}

export interface ChannelFlow {
  units: UnitDraft[];
  origins: Map<string, ChannelOrigins | null>;
  /** Why a unit cannot be pruned (a predicate: 'reaches the model output "x".'). */
  blocked: Map<number, string>;
  /** Units joined by Add layers. */
  coupling: UnionFind;
  /** Layer name → the unit whose chain it belongs to (producer or follower). */
  chainOf: Map<string, number>;
}

function rawOrigins(length: number): ChannelOrigins {
  return {
    unit: new Int32Array(length).fill(-1),
    channel: Int32Array.from({ length }, (_, i) => i),
  };
}

function unitOrigins(unit: number, length: number): ChannelOrigins {
  return {
    unit: new Int32Array(length).fill(unit),
    channel: Int32Array.from({ length }, (_, i) => i),
  };
}

function consumersOf(spec: ModelSpec): Map<string, string[]> {
  const consumers = new Map<string, string[]>(spec.layers.map((l) => [l.name, []]));
  for (const layer of spec.layers)
    for (const src of layer.inbound) consumers.get(src)?.push(layer.name);
  return consumers;
}

function roleOf(layer: LayerSpec): ChannelRole | undefined {
  return layerDescriptor(layer.className)?.role?.(layer);
}

class FlowBuilder {
  readonly flow: ChannelFlow = {
    units: [],
    origins: new Map(),
    blocked: new Map(),
    coupling: new UnionFind(),
    chainOf: new Map(),
  };
  private readonly byName: Map<string, LayerSpec>;
  private readonly consumers: Map<string, string[]>;
  private readonly shapes: Map<string, number[] | null>;

  constructor(private readonly spec: ModelSpec) {
    this.byName = new Map(spec.layers.map((l) => [l.name, l]));
    this.consumers = consumersOf(spec);
    this.shapes = inferShapes(spec);
  }

  run(): ChannelFlow {
    for (const layer of this.spec.layers) this.flow.origins.set(layer.name, this.visit(layer));
    for (const name of this.spec.outputLayers) {
      // The output's width is part of the task: this reason outranks any found earlier.
      this.block(this.flow.origins.get(name) ?? null, `reaches the model output "${name}".`, true);
    }
    return this.flow;
  }

  private block(origins: ChannelOrigins | null, reason: string, override = false): void {
    if (!origins) return;
    for (const u of new Set(origins.unit)) {
      if (u >= 0 && (override || !this.flow.blocked.has(u))) this.flow.blocked.set(u, reason);
    }
  }

  private visit(layer: LayerSpec): ChannelOrigins | null {
    const shape = this.shapes.get(layer.name) ?? null;
    const inputs = layer.inbound.map((n) => this.flow.origins.get(n) ?? null);
    const role = roleOf(layer);
    if (!role) {
      for (const o of inputs)
        this.block(
          o,
          `reaches layer "${layer.name}" (class ${layer.className}), which the lab cannot restructure.`,
        );
      return null;
    }
    if (role === 'producer') return this.startUnit(layer, shape);
    if (role === 'input') return shape ? rawOrigins(shape[shape.length - 1]) : null;
    if (!shape) return null;
    switch (role) {
      case 'follower':
        return inputs[0];
      case 'passthrough':
        return expand(inputs[0], layerDescriptor(layer.className)?.multiplier?.(layer) ?? 1);
      case 'flatten':
        return inputs[0] ? tile(inputs[0], shape[0] / inputs[0].unit.length) : null;
      case 'add':
        return this.visitAdd(layer, inputs);
      case 'concat':
        return this.visitConcat(layer, inputs, shape);
      default:
        for (const o of inputs)
          this.block(
            o,
            `reaches layer "${layer.name}" (${layer.className}), which mixes channels.`,
          );
        return rawOrigins(shape[shape.length - 1]);
    }
  }

  private startUnit(layer: LayerSpec, shape: number[] | null): ChannelOrigins | null {
    const index = this.flow.units.length;
    // Behind an unsupported layer the shape is unknown, but the config still names the width.
    const channels = shape
      ? shape[shape.length - 1]
      : configNumber(layer, 'filters', 0) || configNumber(layer, 'units', 0);
    const unit: UnitDraft = {
      producer: layer.name,
      producerClass: layer.className,
      followers: [],
      channels,
    };
    this.flow.units.push(unit);
    this.flow.chainOf.set(layer.name, index);
    let current = layer.name;
    for (;;) {
      const next = this.consumers.get(current) ?? [];
      const candidate = next.length === 1 ? this.byName.get(next[0]) : undefined;
      if (!candidate || roleOf(candidate) !== 'follower') break;
      unit.followers.push(candidate.name);
      this.flow.chainOf.set(candidate.name, index);
      current = candidate.name;
    }
    if (!channels) {
      this.flow.blocked.set(index, 'has an output width the lab cannot infer.');
      return null;
    }
    if (isChannelMixingActivation(activationName(layer))) {
      this.flow.blocked.set(index, 'applies softmax across its channels.');
    }
    return unitOrigins(index, channels);
  }

  private visitAdd(layer: LayerSpec, inputs: (ChannelOrigins | null)[]): ChannelOrigins | null {
    const identities = inputs.map(unitIdentity);
    if (identities.every((u) => u !== undefined)) {
      for (const u of identities.slice(1))
        this.flow.coupling.union(identities[0] as number, u as number);
      return inputs[0];
    }
    const reason = `meets channels it cannot be aligned with in Add layer "${layer.name}".`;
    for (const o of inputs) this.block(o, reason);
    return inputs.every((o) => o !== null)
      ? rawOrigins((inputs[0] as ChannelOrigins).unit.length)
      : null;
  }

  private visitConcat(
    layer: LayerSpec,
    inputs: (ChannelOrigins | null)[],
    shape: number[],
  ): ChannelOrigins | null {
    const channelAxis = shape.length - 1;
    const alongChannels = concatAxis(layer, shape.length) === channelAxis;
    if (!alongChannels || inputs.some((o) => o === null)) {
      for (const o of inputs)
        this.block(o, `is concatenated along a non-channel axis in layer "${layer.name}".`);
      return inputs.some((o) => o === null) ? null : rawOrigins(shape[channelAxis]);
    }
    return concatOrigins(inputs as ChannelOrigins[]);
  }
}

/** The unit whose channels 0…C−1 this tensor carries in order, or undefined. */
function unitIdentity(origins: ChannelOrigins | null): number | undefined {
  if (!origins || origins.unit.length === 0) return undefined;
  const u = origins.unit[0];
  if (u < 0) return undefined;
  for (let i = 0; i < origins.unit.length; i++) {
    if (origins.unit[i] !== u || origins.channel[i] !== i) return undefined;
  }
  return u;
}

function expand(origins: ChannelOrigins | null, multiplier: number): ChannelOrigins | null {
  if (!origins || multiplier === 1) return origins;
  const n = origins.unit.length * multiplier;
  const out: ChannelOrigins = { unit: new Int32Array(n), channel: new Int32Array(n) };
  for (let i = 0; i < n; i++) {
    out.unit[i] = origins.unit[Math.floor(i / multiplier)];
    out.channel[i] = origins.channel[Math.floor(i / multiplier)];
  }
  return out;
}

/** Flatten: entry p·C + c comes from channel c. */
function tile(origins: ChannelOrigins, positions: number): ChannelOrigins {
  const c = origins.unit.length;
  const out: ChannelOrigins = {
    unit: new Int32Array(c * positions),
    channel: new Int32Array(c * positions),
  };
  for (let p = 0; p < positions; p++) {
    out.unit.set(origins.unit, p * c);
    out.channel.set(origins.channel, p * c);
  }
  return out;
}

function concatOrigins(inputs: ChannelOrigins[]): ChannelOrigins {
  const n = inputs.reduce((sum, o) => sum + o.unit.length, 0);
  const out: ChannelOrigins = { unit: new Int32Array(n), channel: new Int32Array(n) };
  let offset = 0;
  for (const o of inputs) {
    out.unit.set(o.unit, offset);
    out.channel.set(o.channel, offset);
    offset += o.unit.length;
  }
  return out;
}

/** Traces every channel of `spec` (pure; tolerates unsupported layers). */
export function traceChannels(spec: ModelSpec): ChannelFlow {
  return new FlowBuilder(spec).run();
}
