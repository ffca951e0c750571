import { create, toBinary } from '@bufbuild/protobuf';
import {
  AttributeProto_AttributeType as AttrType,
  AttributeProtoSchema,
  GraphProtoSchema,
  ModelProtoSchema,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
  TensorProto_DataType as DataType,
  TensorProtoSchema,
  TensorShapeProto_DimensionSchema,
  TensorShapeProtoSchema,
  TypeProto_TensorSchema,
  TypeProtoSchema,
  ValueInfoProtoSchema,
  type AttributeProto,
  type NodeProto,
  type TensorProto,
  type ValueInfoProto,
} from 'onnx-buf';

/** Builds an ONNX graph node by node and serialises it (opset 17, IR version 8). */
export const EXPORT_OPSET = 17;
const IR_VERSION = 8n;

export const intAttr = (name: string, v: number): AttributeProto =>
  create(AttributeProtoSchema, { name, type: AttrType.INT, i: BigInt(v) });
export const intsAttr = (name: string, v: number[]): AttributeProto =>
  create(AttributeProtoSchema, { name, type: AttrType.INTS, ints: v.map((x) => BigInt(x)) });
export const floatAttr = (name: string, v: number): AttributeProto =>
  create(AttributeProtoSchema, { name, type: AttrType.FLOAT, f: v });
export const stringAttr = (name: string, v: string): AttributeProto =>
  create(AttributeProtoSchema, { name, type: AttrType.STRING, s: new TextEncoder().encode(v) });

function tensorProto(
  name: string,
  dims: number[],
  dataType: DataType,
  raw: Uint8Array,
): TensorProto {
  return create(TensorProtoSchema, {
    name,
    dims: dims.map((d) => BigInt(d)),
    dataType,
    rawData: raw as Uint8Array<ArrayBuffer>,
  });
}

function valueInfo(name: string, dims: (number | string)[]): ValueInfoProto {
  const dim = dims.map((d) =>
    create(TensorShapeProto_DimensionSchema, {
      value:
        typeof d === 'string'
          ? { case: 'dimParam', value: d }
          : { case: 'dimValue', value: BigInt(d) },
    }),
  );
  const tensorType = create(TypeProto_TensorSchema, {
    elemType: DataType.FLOAT,
    shape: create(TensorShapeProtoSchema, { dim }),
  });
  return create(ValueInfoProtoSchema, {
    name,
    type: create(TypeProtoSchema, { value: { case: 'tensorType', value: tensorType } }),
  });
}

export class OnnxWriter {
  private readonly nodes: NodeProto[] = [];
  private readonly inits: TensorProto[] = [];
  private readonly inputs: ValueInfoProto[] = [];
  private readonly outputs: ValueInfoProto[] = [];

  node(opType: string, inputs: string[], output: string, attrs: AttributeProto[] = []): string {
    this.nodes.push(
      create(NodeProtoSchema, {
        opType,
        name: output,
        input: inputs,
        output: [output],
        attribute: attrs,
      }),
    );
    return output;
  }

  floats(name: string, dims: number[], data: Float32Array): string {
    const raw = new Uint8Array(data.length * 4);
    const view = new DataView(raw.buffer);
    data.forEach((v, i) => view.setFloat32(i * 4, v, true));
    this.inits.push(tensorProto(name, dims, DataType.FLOAT, raw));
    return name;
  }

  int8s(name: string, dims: number[], codes: ArrayLike<number>): string {
    this.inits.push(tensorProto(name, dims, DataType.INT8, Uint8Array.from(Int8Array.from(codes))));
    return name;
  }

  uint8s(name: string, dims: number[], values: ArrayLike<number>): string {
    this.inits.push(tensorProto(name, dims, DataType.UINT8, Uint8Array.from(values)));
    return name;
  }

  int64s(name: string, dims: number[], values: number[]): string {
    const raw = new Uint8Array(values.length * 8);
    const view = new DataView(raw.buffer);
    values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
    this.inits.push(tensorProto(name, dims, DataType.INT64, raw));
    return name;
  }

  input(name: string, dims: (number | string)[]): void {
    this.inputs.push(valueInfo(name, dims));
  }

  output(name: string, dims: (number | string)[]): void {
    this.outputs.push(valueInfo(name, dims));
  }

  serialize(graphName: string, opset: number = EXPORT_OPSET): Uint8Array {
    const graph = create(GraphProtoSchema, {
      name: graphName,
      node: this.nodes,
      initializer: this.inits,
      input: this.inputs,
      output: this.outputs,
    });
    const model = create(ModelProtoSchema, {
      irVersion: IR_VERSION,
      producerName: 'pruning-lab',
      opsetImport: [create(OperatorSetIdProtoSchema, { domain: '', version: BigInt(opset) })],
      graph,
    });
    return toBinary(ModelProtoSchema, model);
  }
}
