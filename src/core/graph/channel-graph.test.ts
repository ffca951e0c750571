import type * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { LabError } from '../errors';
import type { ModelSpec } from '../model/spec';
import { specFromLayersModel } from '../model/tf-bridge';
import { buildChannelGraph } from './channel-graph';
import {
  concatFixture,
  residualFixture,
  sequentialCnnFixture,
} from '../../../test-support/graph/fixture-models';
import { preflight, validateSupported } from './supported-layers';
import { supportedClassNames } from '../layers/registry';

async function specOf(model: tf.LayersModel): Promise<ModelSpec> {
  const spec = await specFromLayersModel(model);
  model.dispose();
  return spec;
}

function withLayer(
  spec: ModelSpec,
  name: string,
  patch: Partial<ModelSpec['layers'][number]>,
): ModelSpec {
  return { ...spec, layers: spec.layers.map((l) => (l.name === name ? { ...l, ...patch } : l)) };
}

describe('buildChannelGraph', () => {
  it('couples identity and projection shortcuts through Add, in topological order', async () => {
    const graph = buildChannelGraph(await specOf(residualFixture()));
    expect(graph.groups.map((g) => [g.id, g.units, g.channels, g.prunable])).toEqual([
      ['stem', ['stem', 'a2'], 4, true],
      ['a1', ['a1'], 4, true],
      ['b1', ['b1'], 6, true],
      ['b2', ['b2', 'proj'], 6, true],
      ['head', ['head'], 3, false],
    ]);
    expect(graph.groups[4].reason).toBe('Unit "head" reaches the model output "head".');
    const stem = graph.units.find((u) => u.id === 'stem')!;
    expect(stem).toEqual({
      id: 'stem',
      producer: 'stem',
      producerClass: 'Conv2D',
      followers: ['stem_bn', 'stem_relu'],
      measurementLayer: 'stem_relu',
      channels: 4,
      groupId: 'stem',
    });
    expect(graph.units.find((u) => u.id === 'a2')!.measurementLayer).toBe('a2_bn');
  });

  it('keeps each Concatenate operand its own group', async () => {
    const graph = buildChannelGraph(await specOf(concatFixture()));
    expect(graph.groups.map((g) => [g.id, g.units, g.channels, g.prunable])).toEqual([
      ['c1', ['c1'], 3, true],
      ['c2', ['c2'], 5, true],
      ['c3', ['c3'], 4, true],
      ['out', ['out'], 2, false],
    ]);
  });

  it('gives the output reason precedence over softmax and treats Dense → Dense as units', async () => {
    const graph = buildChannelGraph(await specOf(sequentialCnnFixture()));
    expect(graph.units.map((u) => `${u.id}:${u.channels}`)).toEqual([
      'conv1:8',
      'conv2:16',
      'dense1:10',
      'dense2:4',
    ]);
    expect(graph.groups[3].reason).toBe('Unit "dense2" reaches the model output "dense2".');
  });

  it('marks units feeding an unsupported layer unprunable without throwing', async () => {
    const spec = withLayer(await specOf(concatFixture()), 'c3', { className: 'MyCustomLayer' });
    const graph = buildChannelGraph(spec);
    const reasons = Object.fromEntries(graph.groups.map((g) => [g.id, g.reason ?? null]));
    expect(reasons).toEqual({
      c1: 'Unit "c1" reaches layer "c3" (class MyCustomLayer), which the lab cannot restructure.',
      c2: 'Unit "c2" reaches layer "c3" (class MyCustomLayer), which the lab cannot restructure.',
      out: 'Unit "out" reaches the model output "out".',
    });
  });
});

describe('validateSupported / preflight', () => {
  it('refuses an unsupported class with the exact message and lists it in preflight', async () => {
    const spec = withLayer(await specOf(concatFixture()), 'c3', { className: 'MyCustomLayer' });
    const message =
      'Layer "c3" has class "MyCustomLayer", which the lab cannot restructure. Supported classes: ' +
      'InputLayer, Conv2D, Conv2DTranspose, SeparableConv2D, Dense, DepthwiseConv2D, BatchNormalization, ' +
      'Activation, ReLU, LeakyReLU, Dropout, Softmax, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, ' +
      'GlobalMaxPooling2D, ZeroPadding2D, UpSampling2D, Flatten, Reshape, Add, Concatenate, PReLU, ' +
      'SpatialDropout2D, Cropping2D.';
    expect(() => validateSupported(spec)).toThrow(new LabError('UNSUPPORTED_LAYER', message));
    expect(supportedClassNames().length).toBe(25);
    const rows = preflight(spec);
    expect(rows.length).toBe(9);
    expect(rows.filter((r) => !r.restructurable)).toEqual([
      { name: 'c3', className: 'MyCustomLayer', restructurable: false, reason: message },
    ]);
  });

  it('refuses an unknown activation and channels_first', async () => {
    const spec = await specOf(concatFixture());
    const c1 = spec.layers.find((l) => l.name === 'c1')!;
    const badAct = withLayer(spec, 'c1', { config: { ...c1.config, activation: 'swishy' } });
    expect(() => validateSupported(badAct)).toThrow(
      'Layer "c1" uses activation "swishy", which TensorFlow.js 4.22 does not know. Known activations: linear, relu, relu6, elu, selu, sigmoid, hard_sigmoid, hardSigmoid, tanh, softmax, softplus, softsign, swish, mish, gelu, gelu_new.',
    );
    const first = withLayer(spec, 'c1', {
      config: { ...c1.config, data_format: 'channels_first' },
    });
    expect(() => validateSupported(first)).toThrow(
      'Layer "c1" uses data_format "channels_first"; the lab supports channels_last only.',
    );
    expect(() => validateSupported(spec)).not.toThrow();
  });
});
