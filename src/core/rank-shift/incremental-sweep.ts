import * as tf from '@tensorflow/tfjs';
import { maskPoints } from '../graph/channel-masks';
import type { ChannelGraph, PrunableUnit } from '../graph/types';
import { KERAS_CLASS, layerDescriptor } from '../layers/registry';
import { dataFormat, readNumber } from '../model/layer-config';
import type { LayerSpec, ModelSpec } from '../model/spec';
import type { ActivationImportanceKind } from '../prune/importance';
import type { RankShiftBnMode } from './bn-mode';
import { RouteRunner, type ProducerRoute } from './route-runner';
import { ancestorsOf } from './sub-network';

/**
 * The fast rank-shift sweep (issue #9). When U's output reaches L's producer only through
 * channel-wise layers, pruning U just drops input channels of L's (linear) producer:
 *   z_s = Σ_{c ∈ kept_s} conv(a_c, W_c),
 * with `a` the dense activation at the producer's input, computed once. Kept sets of growing
 * size are nested (top-k of one ranking), so the sweep adds only the newly kept channels'
 * terms to the previous z: all sparsities together cost about one dense producer pass, plus
 * bias, activation and L's followers per point. Sums run in another order than one conv, so
 * values agree with the masked forward to float rounding (≈1e-6 relative), not bit for bit.
 */
export interface IncrementalRoute extends ProducerRoute {
  /** The layer whose (dense) output feeds L's producer: its channels are U's channels. */
  producerInput: string;
}

/** Layers that map each input channel to the same output channel and nothing else (softmax mixes). */
function isChannelwise(layer: LayerSpec): boolean {
  const descriptor = layerDescriptor(layer.className);
  if (!descriptor?.channelwise || layer.inbound.length !== 1) return false;
  return descriptor.role?.(layer) !== 'mixing';
}

/** Producers whose input channels are the kernel's axis rank − 2 (Conv2D [kh, kw, in, out], Dense [in, out]). */
function isSliceableProducer(layer: LayerSpec): boolean {
  if (layer.inbound.length !== 1) return false;
  if (layer.className === KERAS_CLASS.Dense) return true;
  return (
    layer.className === KERAS_CLASS.Conv2D &&
    dataFormat(layer) === 'channels_last' &&
    readNumber(layer, 'groups', 1) === 1
  );
}

/** The layers from U's measurement layer (excluded) to `layer`'s input, or null if not a channel-wise chain. */
function channelwiseChainTo(
  byName: Map<string, LayerSpec>,
  from: string,
  producer: LayerSpec,
): string[] | null {
  const chain: string[] = [];
  let current = producer.inbound[0];
  while (current !== from) {
    const layer = byName.get(current);
    if (!layer || !isChannelwise(layer)) return null;
    chain.push(current);
    current = layer.inbound[0];
  }
  return chain;
}

function followerChain(byName: Map<string, LayerSpec>, unit: PrunableUnit): LayerSpec[] | null {
  const followers = unit.followers.map((name) => byName.get(name));
  let previous = unit.producer;
  for (const layer of followers) {
    if (!layer || layer.inbound.length !== 1 || layer.inbound[0] !== previous) return null;
    previous = layer.name;
  }
  return previous === unit.measurementLayer ? (followers as LayerSpec[]) : null;
}

/**
 * The route the fast sweep needs, or null where it does not apply (coupled groups whose other
 * members feed L, merges or reshapes between U and L, other producer kinds): the caller then
 * runs the generic masked forward.
 */
export function incrementalRoute(
  spec: ModelSpec,
  graph: ChannelGraph,
  upstream: PrunableUnit,
  unit: PrunableUnit,
): IncrementalRoute | null {
  const byName = new Map(spec.layers.map((l) => [l.name, l]));
  const producer = byName.get(unit.producer);
  if (!producer || !isSliceableProducer(producer)) return null;
  const chain = channelwiseChainTo(byName, upstream.measurementLayer, producer);
  const followers = followerChain(byName, unit);
  if (!chain || !followers) return null;
  // Every mask the generic path would apply must sit on the channel-wise route, where dropping
  // the channel is the same as zeroing it (masks anywhere else change what L sees otherwise).
  const needed = ancestorsOf(spec, unit.measurementLayer);
  const allowed = new Set([upstream.measurementLayer, ...chain]);
  const points = maskPoints(spec, graph, { [upstream.groupId]: [0] });
  if (points.some((p) => needed.has(p.layer) && !allowed.has(p.layer))) return null;
  return { producerInput: producer.inbound[0], producer, followers };
}

/** True when every element of `small` (ascending) is in `large` (ascending). */
function isSubset(small: readonly number[], large: readonly number[]): boolean {
  let j = 0;
  for (const c of small) {
    while (j < large.length && large[j] < c) j++;
    if (large[j] !== c) return false;
  }
  return true;
}

/**
 * L's importance ν for each kept set of U's channels, in the order given. `input` is the dense
 * output of route.producerInput on the calibration batch (borrowed, not disposed).
 */
export async function incrementalSweep(
  spec: ModelSpec,
  route: IncrementalRoute,
  input: tf.Tensor,
  keptSets: readonly number[][],
  measure: { kind: ActivationImportanceKind; bnMode: RankShiftBnMode },
): Promise<Float32Array[]> {
  const runner = new RouteRunner(spec, route, input, measure.bnMode);
  const order = keptSets.map((_, i) => i).sort((a, b) => keptSets[a].length - keptSets[b].length);
  const stats: tf.Tensor1D[] = new Array(keptSets.length);
  let z: tf.Tensor | null = null;
  let previous: readonly number[] = [];
  try {
    for (const i of order) {
      const kept = keptSets[i];
      const next: tf.Tensor =
        z && isSubset(previous, kept)
          ? runner.grow(z, previous, kept)
          : runner.partialSum(kept, true);
      if (next !== z) z?.dispose();
      z = next;
      stats[i] = runner.statistic(z, measure.kind);
      previous = kept;
    }
    // Async reads, all started before the first await (webgpu in a worker cannot read synchronously).
    return (await Promise.all(stats.map((t) => t.data()))) as Float32Array[];
  } finally {
    z?.dispose();
    runner.dispose();
    tf.dispose(stats.filter(Boolean));
  }
}
