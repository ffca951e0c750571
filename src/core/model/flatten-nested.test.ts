import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildChannelGraph } from '../graph/channel-graph';
import { maskPoints } from '../graph/channel-masks';
import { planFromScores } from '../graph/pruning-plan';
import { exportStock } from '../export/export-stock';
import { groupWeightL1Scores } from '../prune/criteria/weight-l1';
import { loadStockModel } from '../report/stock-model';
import { applyPruningPlan } from '../surgery/apply-plan';
import { maskedForward } from '../surgery/masked-forward';
import { parseModelFiles } from './load-files';
import { encodeJson } from './model-json';
import { countParams, getLayer, type ModelSpec } from './spec';
import {
  TEACHABLE_INPUT_SHAPE,
  teachableMachineFiles,
  teachableMachineModel,
} from './teachable-fixture';
import { buildLayersModel } from './tf-bridge';

/** max |a − b| / max |a|. */
function relativeGap(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(
    () => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] / tf.max(tf.abs(a)).dataSync()[0],
  );
}

function predict(model: tf.LayersModel, x: tf.Tensor): tf.Tensor {
  return model.predict(x) as tf.Tensor;
}

function rewriteJson(
  files: Record<string, Uint8Array>,
  edit: (json: Record<string, unknown>) => void,
): Record<string, Uint8Array> {
  const json = JSON.parse(new TextDecoder().decode(files['model.json']));
  edit(json);
  return { ...files, 'model.json': encodeJson(json) };
}

async function loadTeachable(): Promise<{ original: tf.LayersModel; spec: ModelSpec }> {
  const original = teachableMachineModel();
  return { original, spec: parseModelFiles(await teachableMachineFiles(original)) };
}

describe('nested models (Teachable Machine image export shape)', () => {
  it('flattens the nesting, keeps every weight and records each layer’s path', async () => {
    const { original, spec } = await loadTeachable();
    // Counted after the tfjs original is built: disposing a nested tfjs model leaves 4 of its
    // variables behind (tfjs' own behaviour), which is not what this test is about.
    const before = tf.memory().numTensors;
    expect(spec.name).toBe('sequential_4');
    expect(spec.layers.length).toBe(19);
    expect(spec.inputLayers).toEqual(['input_1']);
    expect(spec.outputLayers).toEqual(['dense_Dense2']);
    expect(spec.meta.nesting!['block_1_depthwise']).toEqual(['sequential_1', 'model1']);
    expect(spec.meta.nesting!['dense_Dense1']).toEqual(['sequential_3']);
    expect(getLayer(spec, 'dense_Dense1').inbound).toEqual([
      'global_average_pooling2d_GlobalAveragePooling2D1',
    ]);
    expect(getLayer(spec, 'block_1_add').inbound).toEqual(['Conv1_relu', 'block_1_project_bn']);
    expect(countParams(spec)).toBe(original.countParams());
    const flat = await buildLayersModel(spec);
    const x = tf.randomNormal([4, ...TEACHABLE_INPUT_SHAPE], 0, 1, 'float32', 3);
    const [a, b] = [predict(original, x), predict(flat, x)];
    expect(relativeGap(a, b)).toBeLessThan(1e-5);
    tf.dispose([x, a, b]);
    flat.dispose();
    expect(tf.memory().numTensors).toBe(before);
    original.dispose();
  });

  it('prunes 50 % across the nested boundary: output equals the masked original; stock tfjs loads the export', async () => {
    const { original, spec } = await loadTeachable();
    // Counted after the tfjs original is built: disposing a nested tfjs model leaves 4 of its
    // variables behind (tfjs' own behaviour), which is not what this test is about.
    const before = tf.memory().numTensors;
    const flat = await buildLayersModel(spec);
    const graph = buildChannelGraph(spec);
    const sparsity: Record<string, number> = {};
    for (const g of graph.groups) if (g.prunable) sparsity[g.id] = 0.5;
    expect(Object.keys(sparsity).length).toBeGreaterThanOrEqual(4);
    const plan = planFromScores(graph, groupWeightL1Scores(spec, graph), sparsity);
    const pruned = applyPruningPlan(spec, graph, plan);
    // The head's first Dense lost the rows of the pruned extractor channels and half its units.
    expect(pruned.weights['dense_Dense1/kernel'].shape).toEqual([6, 5]);
    expect(countParams(pruned)).toBeLessThan(countParams(spec) * 0.6);
    const prunedModel = await buildLayersModel(pruned);
    const stock = await loadStockModel(
      exportStock(pruned, { weightBits: 32, activationBits: 32, perChannel: true, pow2: false })
        .files,
    );
    const x = tf.randomNormal([4, ...TEACHABLE_INPUT_SHAPE], 0, 1, 'float32', 5);
    const masked = maskedForward(flat, spec, maskPoints(spec, graph, plan), x);
    const [dense, actual, fromStock] = [
      predict(original, x),
      predict(prunedModel, x),
      predict(stock, x),
    ];
    expect(relativeGap(masked, actual)).toBeLessThanOrEqual(1e-4);
    expect(relativeGap(actual, fromStock)).toBeLessThanOrEqual(1e-5);
    // The check has teeth: pruning did change the output.
    expect(relativeGap(dense, actual)).toBeGreaterThan(1e-3);
    tf.dispose([x, masked, dense, actual, fromStock]);
    for (const m of [flat, prunedModel, stock]) m.dispose();
    expect(tf.memory().numTensors).toBe(before);
    original.dispose();
  });

  it('maps Keras-qualified weight names (model path prefixes) onto the flat layers', async () => {
    const original = teachableMachineModel();
    const files = await teachableMachineFiles(original);
    original.dispose();
    const qualified = rewriteJson(files, (json) => {
      const weights = (json.weightsManifest as Array<{ weights: Array<{ name: string }> }>)[0]
        .weights;
      for (const w of weights) {
        if (w.name.startsWith('block_1')) w.name = `sequential_1/model1/${w.name}`;
        else if (w.name.startsWith('dense_Dense1')) w.name = `sequential_4/sequential_3/${w.name}`;
        else if (w.name.startsWith('Conv1/')) w.name = `model1/${w.name}`;
      }
    });
    const plain = parseModelFiles(files);
    const spec = parseModelFiles(qualified);
    expect(Object.keys(spec.weights).sort()).toEqual(Object.keys(plain.weights).sort());
    expect(spec.weights['block_1_depthwise/depthwise_kernel'].data).toEqual(
      plain.weights['block_1_depthwise/depthwise_kernel'].data,
    );
    expect(spec.meta.notes).toBeUndefined();
  });
});
