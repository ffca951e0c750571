import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { GRAPH_WEIGHTS_PATH, requantizeGraphModel } from './requantize-graph-model';

const kernel = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * (i % 7 === 0 ? 0 : 1));
const ids = Int32Array.from([3, -5]);

/** A graph model whose one weight group spans two shards without a .bin extension. */
function graphFiles(): Record<string, Uint8Array> {
  const bytes = new Uint8Array(kernel.byteLength + ids.byteLength + 2);
  bytes.set(new Uint8Array(kernel.buffer), 0);
  bytes.set(new Uint8Array(ids.buffer), kernel.byteLength);
  bytes.set([10, 20], kernel.byteLength + ids.byteLength);
  const json = {
    format: 'graph-model',
    modelTopology: { node: [{ name: 'x', op: 'Placeholder' }] },
    signature: { inputs: {} },
    weightsManifest: [
      {
        paths: ['group1-shard1of2', 'group1-shard2of2'],
        weights: [
          { name: 'k', shape: [10, 100], dtype: 'float32' },
          { name: 'ids', shape: [2], dtype: 'int32' },
          {
            name: 'pre',
            shape: [2],
            dtype: 'float32',
            quantization: { dtype: 'uint8', scale: 0.5, min: -1 },
          },
        ],
      },
    ],
  };
  return {
    'model.json': new TextEncoder().encode(JSON.stringify(json)),
    'group1-shard1of2': bytes.slice(0, 2000),
    'group1-shard2of2': bytes.slice(2000),
  };
}

function decode(files: Record<string, Uint8Array>) {
  const json = JSON.parse(new TextDecoder().decode(files['model.json']));
  const bin = files[GRAPH_WEIGHTS_PATH];
  const map = tf.io.decodeWeights(
    bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer,
    json.weightsManifest[0].weights,
  );
  const values = Object.fromEntries(
    Object.entries(map).map(([k, t]) => [k, Array.from(t.dataSync())]),
  );
  tf.dispose(Object.values(map));
  return { json, values, bytes: bin.length };
}

describe('requantizeGraphModel', () => {
  it('stores float32 weights as uint8 that the stock decoder reads back within half a step', () => {
    const out = requantizeGraphModel(graphFiles(), { dtype: 'uint8' });
    const { json, values, bytes } = decode(out);
    expect(json.modelTopology.node[0].op).toBe('Placeholder');
    expect(json.signature).toEqual({ inputs: {} });
    expect(bytes).toBe(1000 + 8 + 2);
    const q = json.weightsManifest[0].weights[0].quantization;
    expect(q.dtype).toBe('uint8');
    const maxErr = Math.max(...values.k.map((v, i) => Math.abs(v - kernel[i])));
    expect(maxErr).toBeLessThanOrEqual(q.scale / 2 + 1e-6);
    expect(values.k[0]).toBe(0); // zero stays exactly zero
    expect(values.ids).toEqual([3, -5]);
    expect(values.pre).toEqual([4, 9]); // already quantized: kept as it was
  });

  it('stores float16 and refuses layers models and unknown dtypes', () => {
    const { values, bytes } = decode(requantizeGraphModel(graphFiles(), { dtype: 'float16' }));
    expect(bytes).toBe(2000 + 8 + 2);
    expect(Math.max(...values.k.map((v, i) => Math.abs(v - kernel[i])))).toBeLessThan(1e-3);
    const layers = {
      'model.json': new TextEncoder().encode('{"modelTopology":{"class_name":"Sequential"}}'),
    };
    expect(() => requantizeGraphModel(layers, { dtype: 'uint8' })).toThrow(
      'No graph model (format "graph-model" with a GraphDef modelTopology) among the JSON files ("model.json").',
    );
    expect(() => requantizeGraphModel(graphFiles(), { dtype: 'int4' as never })).toThrow(
      'Graph models re-quantize to uint8, uint16 or float16, not "int4".',
    );
    const missing = graphFiles();
    delete missing['group1-shard2of2'];
    expect(() => requantizeGraphModel(missing, { dtype: 'uint8' })).toThrow(
      'Weight file "group1-shard2of2" listed in "model.json" was not provided; add it next to the JSON.',
    );
  });
});
