import type { GraphProto, ModelProto } from 'onnx-buf';
import { LabError } from '../../errors';
import { parseModelFiles } from '../../model/load-files';
import type { ModelSpec } from '../../model/spec';
import { modelFilesFromArtifacts, specToArtifacts } from '../../model/write-artifacts';
import { OnnxGraphBuilder } from './onnx-graph';
import { OP_HANDLERS } from './onnx-ops';
import { constFromTensor, decodeOnnxModel } from './onnx-proto';

/**
 * An `.onnx` file → the lab's ModelSpec: a Keras-style functional graph, channels-last, so
 * that the channel graph, surgery, quantization and export work on it unchanged. Tensors are
 * NCHW in ONNX and NHWC here; every kernel is permuted to its Keras layout (onnx-layout.ts),
 * and a Dense after a Flatten gets its rows reordered. The result is written as a tfjs layers
 * model and read back with the lab's own loader, so it passes every check a dropped
 * model.json does.
 */
export const SUPPORTED_ONNX_OPS: readonly string[] = Object.keys(OP_HANDLERS).sort();

export function importOnnx(bytes: Uint8Array, fileName: string): ModelSpec {
  const model = decodeOnnxModel(bytes, fileName);
  const graph = model.graph as GraphProto;
  checkOps(graph, fileName);
  const b = new OnnxGraphBuilder(fileName, countReaders(graph));
  for (const init of graph.initializer)
    b.set(init.name, { kind: 'const', tensor: constFromTensor(init, fileName) });
  const inputs = addInputs(b, graph);
  graph.node.forEach((node, index) => OP_HANDLERS[node.opType](b, node, index));
  const outputs = graph.output.map((o) => {
    const v = b.get(o.name);
    if (v?.kind !== 'act')
      throw new LabError(
        'INVALID_MODEL',
        `"${fileName}": graph output "${o.name}" is not computed from the input.`,
      );
    return v.layer;
  });
  const name = graph.name.replace(/[^A-Za-z0-9_]+/g, '_') || 'onnx_model';
  const draft: ModelSpec = {
    name,
    layers: b.layers,
    inputLayers: inputs.map((x) => x.layer),
    outputLayers: outputs,
    inputShapes: inputs.map((x) => x.kerasShape),
    weights: b.weights,
    meta: { sourceFormat: 'onnx', storedWeightDtypes: {} },
  };
  const files = modelFilesFromArtifacts(specToArtifacts(draft));
  const spec = parseModelFiles(files, { jsonPath: 'model.json' });
  return {
    ...spec,
    meta: {
      ...spec.meta,
      sourceFormat: 'onnx',
      notes: [...(spec.meta.notes ?? []), origin(model, fileName)],
    },
  };
}

function origin(model: ModelProto, fileName: string): string {
  const opset = model.opsetImport.find((o) => o.domain === '' || o.domain === 'ai.onnx');
  const producer = [model.producerName, model.producerVersion].filter(Boolean).join(' ');
  return `Read from ONNX "${fileName}" (opset ${opset?.version ?? '?'}${producer ? `, written by ${producer}` : ''}); NCHW converted to channels-last.`;
}

function checkOps(graph: GraphProto, fileName: string): void {
  graph.node.forEach((node, index) => {
    const known =
      (node.domain === '' || node.domain === 'ai.onnx') && Object.hasOwn(OP_HANDLERS, node.opType);
    if (!known)
      throw new LabError(
        'UNSUPPORTED',
        `"${fileName}": node ${index} (${node.opType}) is not supported; supported ops: ${SUPPORTED_ONNX_OPS.join(', ')}.`,
      );
  });
}

function countReaders(graph: GraphProto): Map<string, number> {
  const readers = new Map<string, number>();
  const read = (name: string): void => {
    readers.set(name, (readers.get(name) ?? 0) + 1);
  };
  for (const node of graph.node) node.input.forEach(read);
  for (const o of graph.output) read(o.name);
  return readers;
}

/** Graph inputs that are not initializers: [N, C, H, W] → [H, W, C]; [N, F] → [F]. */
function addInputs(
  b: OnnxGraphBuilder,
  graph: GraphProto,
): { layer: string; kerasShape: number[] }[] {
  const initNames = new Set(graph.initializer.map((t) => t.name));
  return graph.input
    .filter((input) => !initNames.has(input.name))
    .map((input) => {
      const type = input.type?.value;
      const dims = type?.case === 'tensorType' ? (type.value.shape?.dim ?? []) : [];
      const sizes = dims
        .slice(1)
        .map((d) => (d.value.case === 'dimValue' ? Number(d.value.value) : NaN));
      if (!(sizes.length === 3 || sizes.length === 1) || sizes.some((s) => !(s > 0)))
        throw new LabError(
          'UNSUPPORTED',
          `"${b.fileName}": input "${input.name}" has shape [${dims.map((d) => (d.value.case === 'dimValue' ? String(d.value.value) : '?')).join(', ')}]; the lab reads [batch, C, H, W] or [batch, features] with fixed sizes.`,
        );
      const kerasShape = sizes.length === 3 ? [sizes[1], sizes[2], sizes[0]] : sizes;
      const layer = b.addInput(input.name, kerasShape);
      b.set(input.name, { kind: 'act', layer, onnxShape: sizes, kerasRank: sizes.length });
      return { layer, kerasShape };
    });
}

/** The name of the `.onnx` file in a dropped file set, if there is one. */
export function onnxFileIn(files: Record<string, Uint8Array>): string | undefined {
  return Object.keys(files).find((name) => name.toLowerCase().endsWith('.onnx'));
}
