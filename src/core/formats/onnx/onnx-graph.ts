import type { NodeProto } from 'onnx-buf';
import { LabError } from '../../errors';
import type { LayerSpec, WeightTensor } from '../../model/spec';
import type { ConstTensor } from './onnx-proto';
import { KERAS_CLASS } from '../../layers/registry';

/**
 * The state of one ONNX → Keras translation: layers made so far, their weights, and what each
 * ONNX value name stands for. An activation keeps its ONNX shape (channels first, no batch)
 * beside the Keras rank it has, so a later Flatten or Dense knows how rows are ordered.
 */
export interface ActValue {
  kind: 'act';
  layer: string;
  /** ONNX shape without the batch dimension, e.g. [C, H, W] or [F]. */
  onnxShape: number[];
  /** Rank of the Keras tensor without batch (3 for [H, W, C], 1 for [F]). */
  kerasRank: number;
  /** Set on a rank-1 value made by flattening [C, H, W]: Dense rows must be permuted. */
  flattenedFrom?: number[];
}

export interface ConstValue {
  kind: 'const';
  tensor: ConstTensor;
}

export type OnnxValue = ActValue | ConstValue;

export class OnnxGraphBuilder {
  readonly layers: LayerSpec[] = [];
  readonly weights: Record<string, WeightTensor> = Object.create(null) as Record<
    string,
    WeightTensor
  >;
  private readonly values = new Map<string, OnnxValue>();
  private readonly usedNames = new Set<string>();

  constructor(
    readonly fileName: string,
    /** How many nodes read each value (graph outputs count as readers). */
    readonly readers: Map<string, number>,
  ) {}

  where(node: NodeProto, index: number): string {
    return `"${this.fileName}": node ${index} (${node.opType})`;
  }

  set(name: string, value: OnnxValue): void {
    this.values.set(name, value);
  }

  get(name: string): OnnxValue | undefined {
    return this.values.get(name);
  }

  value(node: NodeProto, index: number, slot: number): OnnxValue {
    const name = node.input[slot] ?? '';
    const v = name === '' ? undefined : this.values.get(name);
    if (!v)
      throw new LabError(
        'INVALID_MODEL',
        `${this.where(node, index)} reads "${name}", which no earlier node or initializer makes.`,
      );
    return v;
  }

  optionalConst(node: NodeProto, index: number, slot: number): ConstTensor | undefined {
    if ((node.input[slot] ?? '') === '') return undefined;
    return this.constant(node, index, slot);
  }

  constant(node: NodeProto, index: number, slot: number): ConstTensor {
    const v = this.value(node, index, slot);
    if (v.kind !== 'const')
      throw new LabError(
        'UNSUPPORTED',
        `${this.where(node, index)} takes input ${slot} ("${node.input[slot]}") from the graph; the lab needs it to be a constant (an initializer).`,
      );
    return v.tensor;
  }

  activation(node: NodeProto, index: number, slot: number, kerasRank?: number): ActValue {
    const v = this.value(node, index, slot);
    if (v.kind !== 'act')
      throw new LabError(
        'UNSUPPORTED',
        `${this.where(node, index)} takes a constant as input ${slot}; the lab needs a computed tensor there.`,
      );
    if (kerasRank !== undefined && v.kerasRank !== kerasRank)
      throw new LabError(
        'UNSUPPORTED',
        `${this.where(node, index)} gets a tensor of shape [${v.onnxShape.join(', ')}] (without batch); it needs rank ${kerasRank + 1} with the batch.`,
      );
    return v;
  }

  /** Adds a layer named after the node; weights are given by their Keras short names. */
  addLayer(
    node: NodeProto,
    index: number,
    className: string,
    config: Record<string, unknown>,
    inbound: string[],
    weights: [string, WeightTensor][] = [],
  ): string {
    const name = this.uniqueName(node.name || `${node.opType}_${index}`);
    for (const [short, tensor] of weights) this.weights[`${name}/${short}`] = tensor;
    this.layers.push({
      name,
      className,
      config: { name, trainable: true, ...config },
      inbound,
      weights: weights.map(([short]) => `${name}/${short}`),
    });
    return name;
  }

  /** Adds an InputLayer for a graph input of the given Keras shape (no batch). */
  addInput(onnxName: string, kerasShape: number[]): string {
    const name = this.uniqueName(onnxName);
    this.layers.push({
      name,
      className: KERAS_CLASS.InputLayer,
      config: { name, batch_input_shape: [null, ...kerasShape], dtype: 'float32', sparse: false },
      inbound: [],
      weights: [],
    });
    return name;
  }

  private uniqueName(raw: string): string {
    const base = raw.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'layer';
    let name = /^[A-Za-z]/.test(base) ? base : `l_${base}`;
    for (let k = 2; this.usedNames.has(name); k++) name = `${base}_${k}`;
    this.usedNames.add(name);
    return name;
  }
}

/**
 * One handler per ONNX op type: reads the node's inputs from the builder, adds the Keras
 * layer(s) that compute the same thing channels-last, and records the node's output value.
 */
export type OpHandler = (b: OnnxGraphBuilder, node: NodeProto, index: number) => void;
