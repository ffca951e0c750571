import { describe, expect, it } from 'vitest';
import { LabError } from '../errors';
import {
  filesOf,
  tinyFiles,
  tinyFunctionalJson,
  tinyKeras20Json,
  tinyWeightBytes,
} from '../../../test-support/model/fixture-models';
import { parseModelFiles } from './load-files';
import type { JsonRecord } from './model-json';

/**
 * One row per way a file set can be wrong, with the exact message the user sees
 * (in the spirit of netron's test/models.json). Every message is pinned here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixtures poke into arbitrary JSON
type Json = any;

function tiny(edit: (json: Json) => void): Record<string, Uint8Array> {
  const json = tinyFunctionalJson();
  edit(json);
  return filesOf(json, { 'group1-shard1of1.bin': tinyWeightBytes() });
}

function keras20(edit: (json: Json) => void): Record<string, Uint8Array> {
  const json = tinyKeras20Json();
  edit(json);
  return filesOf(json, { 'group1-shard1of1': tinyWeightBytes() });
}

const layersOf = (json: Json): Json[] => json.modelTopology.config.layers;
const text = (s: string) => new TextEncoder().encode(s);

function deeplyNested(depth: number): Uint8Array {
  return text(`{"modelTopology":${'['.repeat(depth)}${']'.repeat(depth)}}`);
}

const rows: Array<{
  name: string;
  files: () => Record<string, Uint8Array>;
  code: string;
  message: string;
}> = [
  {
    name: 'no files',
    files: () => ({}),
    code: 'MISSING_TOPOLOGY',
    message: 'No files were given; a TensorFlow.js model needs its model.json.',
  },
  {
    name: 'not JSON',
    files: () => ({ 'model.json': text('{"modelTopology": ') }),
    code: 'NOT_JSON',
    message: 'File "model.json" is not valid JSON; a TensorFlow.js model needs its model.json.',
  },
  {
    name: 'not UTF-8',
    files: () => ({ 'model.json': new Uint8Array([0xff, 0xfe, 0x00]) }),
    code: 'NOT_JSON',
    message: 'File "model.json" is not valid JSON; a TensorFlow.js model needs its model.json.',
  },
  {
    name: 'a lone binary file',
    files: () => ({ 'group1-shard1of1': tinyWeightBytes() }),
    code: 'NOT_JSON',
    message:
      'File "group1-shard1of1" is not valid JSON; a TensorFlow.js model needs its model.json.',
  },
  {
    name: 'shards without JSON',
    files: () => ({ a: new Uint8Array(4), 'b.bin': new Uint8Array(4) }),
    code: 'MISSING_TOPOLOGY',
    message:
      'None of the given files ("a", "b.bin") is a .json file; a TensorFlow.js model needs its model.json.',
  },
  {
    name: 'graph model',
    files: () =>
      filesOf({ format: 'graph-model', modelTopology: { node: [] }, weightsManifest: [] }, {}),
    code: 'GRAPH_MODEL',
    message:
      '"model.json" is a TensorFlow.js graph model (a converted SavedModel or frozen graph): its weights can be re-quantized one by one, but it cannot be pruned or restructured. Convert the Keras model with --output_format=tfjs_layers_model to prune it.',
  },
  {
    name: 'graph model without format',
    files: () => filesOf({ modelTopology: { node: [], versions: {} } }, {}),
    code: 'GRAPH_MODEL',
    message:
      '"model.json" is a TensorFlow.js graph model (a converted SavedModel or frozen graph): its weights can be re-quantized one by one, but it cannot be pruned or restructured. Convert the Keras model with --output_format=tfjs_layers_model to prune it.',
  },
  {
    name: 'JSON but no model',
    files: () => filesOf({ hello: 1 }, {}, 'config.json'),
    code: 'MISSING_TOPOLOGY',
    message: 'File "config.json" has no modelTopology; it is not a TensorFlow.js layers model.',
  },
  {
    name: 'JSON that is a number',
    files: () => filesOf([1] as unknown as JsonRecord, {}),
    code: 'MISSING_TOPOLOGY',
    message:
      'File "model.json" holds JSON but no modelTopology; it is not a TensorFlow.js model.json.',
  },
  {
    name: 'topology not an object',
    files: () => tiny((j) => (j.modelTopology = 'Sequential')),
    code: 'MISSING_TOPOLOGY',
    message: 'The modelTopology in "model.json" is not a JSON object.',
  },
  {
    name: 'manifest only',
    files: () => tiny((j) => delete j.modelTopology),
    code: 'MANIFEST_ONLY',
    message:
      'File "model.json" lists weights (a weightsManifest) but has no modelTopology, so the layers are unknown; provide the model.json that holds both.',
  },
  {
    name: 'bare manifest list',
    files: () =>
      filesOf(tinyFunctionalJson().weightsManifest as unknown[], {}, 'weights_manifest.json'),
    code: 'MANIFEST_ONLY',
    message:
      'File "weights_manifest.json" lists weights (a weightsManifest) but has no modelTopology, so the layers are unknown; provide the model.json that holds both.',
  },
  {
    name: 'missing shard',
    files: () => filesOf(tinyFunctionalJson(), {}),
    code: 'SHARD_MISSING',
    message:
      'Weight file "group1-shard1of1.bin" listed in "model.json" was not provided; add it next to the JSON.',
  },
  {
    name: 'missing second shard',
    files: () => filesOf(tinyFunctionalJson(['g1-a', 'g1-b']), { 'g1-a': tinyWeightBytes() }),
    code: 'SHARD_MISSING',
    message: 'Weight file "g1-b" listed in "model.json" was not provided; add it next to the JSON.',
  },
  {
    name: 'short shard',
    files: () =>
      filesOf(tinyFunctionalJson(), { 'group1-shard1of1.bin': tinyWeightBytes().slice(4) }),
    code: 'BYTE_LENGTH_MISMATCH',
    message:
      'Weight group 1 in "model.json" needs 44 bytes for its weights, but its file "group1-shard1of1.bin" holds 40 bytes.',
  },
  {
    name: 'long shards',
    files: () =>
      filesOf(tinyFunctionalJson(['a', 'b']), { a: tinyWeightBytes(), b: new Uint8Array(2) }),
    code: 'BYTE_LENGTH_MISMATCH',
    message:
      'Weight group 1 in "model.json" needs 44 bytes for its weights, but its files "a", "b" hold 46 bytes.',
  },
  {
    name: 'weight missing from manifest',
    files: () => tiny((j) => j.weightsManifest[0].weights.pop()),
    code: 'WEIGHTS_MISSING',
    message:
      'Layer "d2" (Dense) needs weight "d2/bias", but the weightsManifest of "model.json" does not list it.',
  },
  {
    name: 'shared layer',
    files: () => tiny((j) => layersOf(j)[2].inbound_nodes.push([['d1', 0, 0, {}]])),
    code: 'UNSUPPORTED',
    message:
      'Layer "d2" in "model.json" is called 2 times (a shared layer); the lab needs every layer to be called exactly once.',
  },
  {
    name: 'second call of a layer',
    files: () => tiny((j) => (layersOf(j)[2].inbound_nodes = [[['d1', 1, 0, {}]]])),
    code: 'UNSUPPORTED',
    message:
      'Layer "d2" in "model.json" reads call #1 of layer "d1", which makes "d1" a shared layer; the lab needs every layer to be called exactly once.',
  },
  {
    name: 'multi-output layer',
    files: () => tiny((j) => (layersOf(j)[2].inbound_nodes = [[['d1', 0, 1, {}]]])),
    code: 'UNSUPPORTED',
    message:
      'Layer "d2" in "model.json" reads output #1 of layer "d1"; layers with several outputs are not supported.',
  },
  {
    name: 'nested model without layers',
    files: () => tiny((j) => (layersOf(j)[1].class_name = 'Functional')),
    code: 'INVALID_MODEL',
    message: 'The nested model "d1" in "model.json" has no layers.',
  },
  {
    name: 'unknown inbound layer',
    files: () => tiny((j) => (layersOf(j)[2].inbound_nodes = [[['ghost', 0, 0, {}]]])),
    code: 'INVALID_MODEL',
    message:
      'Layer "d2" in "model.json" takes input from "ghost", which is not a layer of the model.',
  },
  {
    name: 'cycle',
    files: () => tiny((j) => (layersOf(j)[1].inbound_nodes = [[['d2', 0, 0, {}]]])),
    code: 'INVALID_MODEL',
    message: 'Layer "d1" in "model.json" is part of a cycle.',
  },
  {
    name: 'duplicate layer names',
    files: () => tiny((j) => (layersOf(j)[2].name = layersOf(j)[2].config.name = 'd1')),
    code: 'INVALID_MODEL',
    message: 'Two layers in "model.json" are named "d1"; layer names must be unique.',
  },
  {
    name: 'layer without class',
    files: () => tiny((j) => delete layersOf(j)[1].class_name),
    code: 'INVALID_MODEL',
    message: 'Layer #1 in "model.json" lacks a class_name, a config or a name.',
  },
  {
    name: 'garbled inbound_nodes',
    files: () => tiny((j) => (layersOf(j)[1].inbound_nodes = [['in']])),
    code: 'INVALID_MODEL',
    message: 'Layer "d1" in "model.json" has inbound_nodes in a form the lab cannot read.',
  },
  {
    name: 'unknown model class',
    files: () => tiny((j) => (j.modelTopology.class_name = 'Bidirectional')),
    code: 'INVALID_MODEL',
    message:
      'The modelTopology in "model.json" has class_name "Bidirectional"; expected "Sequential", "Model" or "Functional".',
  },
  {
    name: 'no output_layers',
    files: () => tiny((j) => delete j.modelTopology.config.output_layers),
    code: 'INVALID_MODEL',
    message: 'The functional model in "model.json" has no output_layers.',
  },
  {
    name: 'output names no layer',
    files: () => tiny((j) => (j.modelTopology.config.output_layers = [['d9', 0, 0]])),
    code: 'INVALID_MODEL',
    message: 'The model in "model.json" names "d9" as an input or output, but has no such layer.',
  },
  {
    name: 'non-input layer without inbound',
    files: () => tiny((j) => (layersOf(j)[2].inbound_nodes = [])),
    code: 'INVALID_MODEL',
    message: 'Layer "d2" (Dense) in "model.json" has no inbound layer.',
  },
  {
    name: 'free input dimension',
    files: () => tiny((j) => (layersOf(j)[0].config.batch_input_shape = [null, null])),
    code: 'UNSUPPORTED',
    message:
      'Input layer "in" in "model.json" has input shape [null]; the lab needs every dimension but the batch fixed (positive integers).',
  },
  {
    name: 'Sequential without input shape',
    files: () =>
      keras20((j) => delete j.modelTopology.model_config.config[0].config.batch_input_shape),
    code: 'INVALID_MODEL',
    message:
      'The Sequential model in "model.json" does not give its input shape (no batch_input_shape on its first layer "d1").',
  },
  {
    name: 'Sequential without layers',
    files: () => keras20((j) => (j.modelTopology.model_config.config = [])),
    code: 'INVALID_MODEL',
    message: 'The Sequential model in "model.json" has no layers.',
  },
  {
    name: 'manifest not a list',
    files: () => tiny((j) => (j.weightsManifest = { paths: [] })),
    code: 'INVALID_MODEL',
    message: 'The weightsManifest in "model.json" is malformed: weightsManifest is not a list.',
  },
  {
    name: 'group without paths',
    files: () => tiny((j) => (j.weightsManifest[0].paths = [])),
    code: 'INVALID_MODEL',
    message:
      'The weightsManifest in "model.json" is malformed: weight group 1 has no list of shard paths.',
  },
  {
    name: 'negative dimension',
    files: () => tiny((j) => (j.weightsManifest[0].weights[1].shape = [-2])),
    code: 'INVALID_MODEL',
    message:
      'The weightsManifest in "model.json" is malformed: weight "d1/bias" has shape [-2], not a list of non-negative integers.',
  },
  {
    name: 'weight listed twice',
    files: () => tiny((j) => j.weightsManifest[0].weights.push(j.weightsManifest[0].weights[0])),
    code: 'INVALID_MODEL',
    message:
      'The weightsManifest in "model.json" is malformed: weight "d1/kernel" is listed twice.',
  },
  {
    name: 'absurd claimed size',
    files: () => tiny((j) => (j.weightsManifest[0].weights[0].shape = [1e6, 1e6])),
    code: 'FILE_TOO_LARGE',
    message:
      'Weight "d1/kernel" in "model.json" claims shape [1000000,1000000], more than 268435456 values; the lab refuses weights that large.',
  },
  {
    name: 'absurd group size',
    files: () =>
      tiny(
        (j) =>
          (j.weightsManifest[0].weights = Array.from({ length: 9 }, (_, i) => ({
            name: `w${i}`,
            shape: [2 ** 28],
            dtype: 'float32',
          }))),
      ),
    code: 'FILE_TOO_LARGE',
    message:
      'Weight group 1 in "model.json" claims more than 536870912 bytes; the lab refuses models that large.',
  },
  {
    name: 'weight groups over 512 MiB together',
    files: () =>
      tiny((j) => {
        const group = (n: number) => ({
          paths: [`g${n}.bin`],
          weights: [{ name: `w${n}`, shape: [2 ** 25 + 2 ** 24], dtype: 'float32' }],
        });
        j.weightsManifest = [group(1), group(2), group(3)];
      }),
    code: 'FILE_TOO_LARGE',
    message:
      'The 3 weight groups in "model.json" claim 603979776 bytes together, more than 536870912; the lab refuses models that large.',
  },
  {
    name: 'string weight',
    files: () => tiny((j) => (j.weightsManifest[0].weights[1].dtype = 'string')),
    code: 'UNSUPPORTED',
    message:
      'Weight "d1/bias" in "model.json" has dtype "string"; the lab reads float32 weights (and converts int32 ones).',
  },
  {
    name: 'uint8 without scale',
    files: () =>
      tiny((j) => (j.weightsManifest[0].weights[1].quantization = { dtype: 'uint8', min: 0 })),
    code: 'INVALID_MODEL',
    message:
      'The weightsManifest in "model.json" is malformed: weight "d1/bias" is quantized to uint8 without finite scale and min.',
  },
  {
    name: 'int4 quantization',
    files: () => tiny((j) => (j.weightsManifest[0].weights[1].quantization = { dtype: 'int4' })),
    code: 'UNSUPPORTED',
    message:
      'Weight "d1/bias" in "model.json" has quantization {"dtype":"int4"}; the lab reads uint8, uint16 (with scale and min) and float16.',
  },
  {
    name: 'deep nesting',
    files: () => ({ 'model.json': deeplyNested(100_000) }),
    code: 'INVALID_MODEL',
    message: 'File "model.json" nests JSON deeper than 64 levels; no model.json does.',
  },
  {
    name: 'named JSON not given',
    files: () => tinyFiles(),
    code: 'MISSING_TOPOLOGY',
    message: 'The model file "other.json" was not provided.',
  },
];

describe('parseModelFiles refusals', () => {
  it.each(rows)('$name → $code', ({ name, files, code, message }) => {
    const opts = name === 'named JSON not given' ? { jsonPath: 'other.json' } : {};
    let caught: unknown;
    try {
      parseModelFiles(files(), opts);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(LabError);
    expect({ code: (caught as LabError).code, message: (caught as LabError).message }).toEqual({
      code,
      message,
    });
  });

  it('covers every refusal code the loader raises, each message ending with a period', () => {
    expect([...new Set(rows.map((r) => r.code))].sort()).toEqual([
      'BYTE_LENGTH_MISMATCH',
      'FILE_TOO_LARGE',
      'GRAPH_MODEL',
      'INVALID_MODEL',
      'MANIFEST_ONLY',
      'MISSING_TOPOLOGY',
      'NOT_JSON',
      'SHARD_MISSING',
      'UNSUPPORTED',
      'WEIGHTS_MISSING',
    ]);
    expect(rows.filter((r) => !r.message.endsWith('.')).map((r) => r.name)).toEqual([]);
  });
});
