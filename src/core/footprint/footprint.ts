/**
 * Memory footprint per single input, the paper's figure of merit (method.md §7).
 *
 * Weight bits: every quantized kernel parameter (quant-plan.ts: conv, depthwise, separable,
 * transpose and dense kernels) × weightBits, every other parameter (biases, BatchNormalization's
 * four vectors) × 32. Per-channel scales are not parameters and are not counted (as in the paper);
 * the packed export's file size includes them.
 * Activation bits: Σ over the channel graph's measurement points (each unit's measurement layer:
 * the tensors the lab quantizes) of output elements × activationBits. The network input is not
 * counted (it is not quantized). The model output is counted exactly when it is a measurement
 * point, i.e. when the last layer is a unit (a Dense/conv head, its activation included);
 * pooling, flatten, depthwise and Add outputs are not measurement points and are not counted.
 * bits = 32 means float (no quantization).
 */
import { LabError } from '../errors';
import { buildChannelGraph } from '../graph/channel-graph';
import { inferShapes } from '../graph/shape-inference';
import type { ChannelGraph } from '../graph/types';
import type { ModelSpec } from '../model/spec';
import { FLOAT_BITS, quantTargets } from '../quant/quant-plan';

export interface FootprintBits {
  weightBits: number;
  activationBits: number;
}

export interface LayerFootprint {
  name: string;
  className: string;
  params: number;
  quantizedParams: number;
  floatParams: number;
  /** quantizedParams × weightBits + floatParams × 32. */
  weightBits: number;
  /** Output elements per input when the layer is a measurement point, else 0. */
  activationElements: number;
  /** activationElements × activationBits. */
  activationBits: number;
}

export interface FootprintTotals {
  params: number;
  weightBits: number;
  activationBits: number;
  footprintBits: number;
}

export interface Footprint {
  layers: LayerFootprint[];
  totals: FootprintTotals;
}

function quantizedWeightNames(spec: ModelSpec, weightBits: number): Set<string> {
  const config = { weightBits, activationBits: FLOAT_BITS, perChannel: true, pow2: false };
  return new Set(quantTargets(spec, config).map((t) => t.weightName));
}

function outputElements(shapes: Map<string, number[] | null>, layerName: string): number {
  const shape = shapes.get(layerName);
  if (!shape) {
    throw new LabError(
      'UNSUPPORTED',
      `The output shape of layer "${layerName}" cannot be inferred, so its activations cannot be counted.`,
    );
  }
  return shape.reduce((a, b) => a * b, 1);
}

export function computeFootprint(
  spec: ModelSpec,
  bits: FootprintBits,
  opts: { channelGraph?: ChannelGraph } = {},
): Footprint {
  const quantized = quantizedWeightNames(spec, bits.weightBits);
  const graph = opts.channelGraph ?? buildChannelGraph(spec);
  const measured = new Set(graph.units.map((u) => u.measurementLayer));
  const shapes = measured.size > 0 ? inferShapes(spec) : new Map<string, number[] | null>();
  const layers = spec.layers.map((layer): LayerFootprint => {
    let quantizedParams = 0;
    let floatParams = 0;
    for (const name of layer.weights) {
      const count = spec.weights[name]?.data.length ?? 0;
      if (quantized.has(name)) quantizedParams += count;
      else floatParams += count;
    }
    const activationElements = measured.has(layer.name) ? outputElements(shapes, layer.name) : 0;
    return {
      name: layer.name,
      className: layer.className,
      params: quantizedParams + floatParams,
      quantizedParams,
      floatParams,
      weightBits: quantizedParams * bits.weightBits + floatParams * FLOAT_BITS,
      activationElements,
      activationBits: activationElements * bits.activationBits,
    };
  });
  return { layers, totals: sumTotals(layers) };
}

function sumTotals(layers: LayerFootprint[]): FootprintTotals {
  const totals = { params: 0, weightBits: 0, activationBits: 0, footprintBits: 0 };
  for (const l of layers) {
    totals.params += l.params;
    totals.weightBits += l.weightBits;
    totals.activationBits += l.activationBits;
  }
  totals.footprintBits = totals.weightBits + totals.activationBits;
  return totals;
}

/** The paper's performance density: metric per footprint bit (e.g. accuracy / bits). */
export function performanceDensity(metric: number, footprintBits: number): number {
  if (!(footprintBits > 0)) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `Performance density needs a positive footprint; got ${footprintBits} bits.`,
    );
  }
  return metric / footprintBits;
}
