import { fromBinary } from '@bufbuild/protobuf';
import {
  ModelProtoSchema,
  TensorProto_DataType,
  type AttributeProto,
  type ModelProto,
  type NodeProto,
  type TensorProto,
} from 'onnx-buf';
import { LabError } from '../../errors';

/**
 * Reading an `.onnx` file: the protobuf (onnx-buf carries the current onnx.proto), its
 * tensors as plain numbers, and node attributes. Every way the bytes can be wrong ends in
 * one LabError that names the file.
 */
export const MIN_OPSET = 13;
export const MAX_OPSET = 21;

/** A constant (initializer or Constant node) as float values plus its ONNX dims. */
export interface ConstTensor {
  dims: number[];
  values: Float32Array;
}

export function decodeOnnxModel(bytes: Uint8Array, fileName: string): ModelProto {
  let model: ModelProto;
  try {
    model = fromBinary(ModelProtoSchema, bytes);
  } catch {
    throw corrupt(fileName);
  }
  if (!model.graph || model.graph.node.length === 0) throw corrupt(fileName);
  const opset = defaultOpset(model);
  if (opset === undefined || opset < MIN_OPSET || opset > MAX_OPSET)
    throw new LabError(
      'UNSUPPORTED',
      `"${fileName}" uses ONNX opset ${opset ?? 'none'}; the lab reads opsets ${MIN_OPSET} to ${MAX_OPSET}.`,
    );
  return model;
}

function corrupt(fileName: string): LabError {
  return new LabError(
    'INVALID_MODEL',
    `"${fileName}" is not a readable ONNX model: the protobuf is truncated or corrupt.`,
  );
}

function defaultOpset(model: ModelProto): number | undefined {
  const entry = model.opsetImport.find((o) => o.domain === '' || o.domain === 'ai.onnx');
  return entry ? Number(entry.version) : undefined;
}

/** Float32 values of a FLOAT, DOUBLE, INT32 or INT64 tensor (raw or typed fields). */
export function constFromTensor(t: TensorProto, fileName: string): ConstTensor {
  const dims = t.dims.map(Number);
  const count = dims.reduce((a, b) => a * b, 1);
  if (t.dataLocation === 1)
    throw new LabError(
      'UNSUPPORTED',
      `"${fileName}": tensor "${t.name}" is stored in an external file; save the model with its weights inside the .onnx.`,
    );
  const values = readValues(t, count);
  if (!values || values.length !== count)
    throw new LabError(
      'INVALID_MODEL',
      `"${fileName}": tensor "${t.name}" holds ${values?.length ?? 0} values of type ${t.dataType}, expected ${count} numbers.`,
    );
  return { dims, values };
}

function readValues(t: TensorProto, count: number): Float32Array | undefined {
  const raw = t.rawData;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const fromRaw = (bytesPer: number, get: (offset: number) => number): Float32Array => {
    const out = new Float32Array(Math.floor(raw.byteLength / bytesPer));
    for (let i = 0; i < out.length; i++) out[i] = get(i * bytesPer);
    return out;
  };
  const hasRaw = raw.byteLength > 0 || count === 0;
  switch (t.dataType) {
    case TensorProto_DataType.FLOAT:
      return hasRaw ? fromRaw(4, (o) => view.getFloat32(o, true)) : Float32Array.from(t.floatData);
    case TensorProto_DataType.DOUBLE:
      return hasRaw ? fromRaw(8, (o) => view.getFloat64(o, true)) : Float32Array.from(t.doubleData);
    case TensorProto_DataType.INT32:
      return hasRaw ? fromRaw(4, (o) => view.getInt32(o, true)) : Float32Array.from(t.int32Data);
    case TensorProto_DataType.INT64:
      return hasRaw
        ? fromRaw(8, (o) => Number(view.getBigInt64(o, true)))
        : Float32Array.from(t.int64Data, Number);
    default:
      return undefined;
  }
}

function attr(node: NodeProto, name: string): AttributeProto | undefined {
  return node.attribute.find((a) => a.name === name);
}

export function attrInt(node: NodeProto, name: string, fallback: number): number {
  const a = attr(node, name);
  return a ? Number(a.i) : fallback;
}

export function attrFloat(node: NodeProto, name: string, fallback: number): number {
  const a = attr(node, name);
  return a ? a.f : fallback;
}

export function attrInts(node: NodeProto, name: string): number[] | undefined {
  const a = attr(node, name);
  return a ? a.ints.map(Number) : undefined;
}

export function attrString(node: NodeProto, name: string, fallback: string): string {
  const a = attr(node, name);
  return a ? new TextDecoder().decode(a.s) : fallback;
}

export function attrTensor(node: NodeProto, name: string): TensorProto | undefined {
  return attr(node, name)?.t;
}
