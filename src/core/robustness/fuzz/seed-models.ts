import type * as tf from '@tensorflow/tfjs';
import {
  residualFixture,
  sequentialCnnFixture,
} from '../../../../test-support/graph/fixture-models';
import {
  filesOf,
  tinyFiles,
  tinyKeras20Json,
  tinyWeightBytes,
} from '../../../../test-support/model/fixture-models';
import { encodeJson } from '../../model/model-json';
import { specFromLayersModel } from '../../model/tf-bridge';
import { modelFilesFromArtifacts, specToArtifacts } from '../../model/write-artifacts';

/**
 * Valid model file sets the fuzzer starts from: each form a real tfjs model arrives in
 * (functional, Keras 2.0 bare list without `format`, a tf.layers Sequential CNN, a residual
 * functional net, weights split over two extension-less shards, uint8/float16-quantized weights).
 * Every set loads cleanly before mutation; the fuzz test asserts that.
 */
export interface SeedModel {
  name: string;
  files: Record<string, Uint8Array>;
}

/** Splits a single-shard file set's weights into two shards at the middle byte. */
function splitIntoTwoShards(files: Record<string, Uint8Array>): Record<string, Uint8Array> {
  const json = JSON.parse(new TextDecoder().decode(files['model.json'])) as {
    weightsManifest: Array<{ paths: string[] }>;
  };
  const group = json.weightsManifest[0];
  const bytes = files[group.paths[0]];
  const half = Math.floor(bytes.byteLength / 2);
  group.paths = ['group1-shard1of2', 'group1-shard2of2'];
  return {
    'model.json': encodeJson(json),
    'group1-shard1of2': bytes.slice(0, half),
    'group1-shard2of2': bytes.slice(half),
  };
}

async function filesFromModel(
  model: tf.LayersModel,
  quantized = false,
): Promise<Record<string, Uint8Array>> {
  const spec = await specFromLayersModel(model);
  model.dispose();
  const names = spec.layers.flatMap((l) => l.weights);
  // Alternate uint8 and float16 so one seed exercises both dequantization paths.
  const encodings = quantized
    ? Object.fromEntries(
        names.map((n, i) => [
          n,
          i % 2 === 0
            ? { dtype: 'uint8' as const, scale: 0.01, min: -1 }
            : { dtype: 'float16' as const },
        ]),
      )
    : {};
  return modelFilesFromArtifacts(specToArtifacts(spec, { encodings }));
}

export async function buildSeedModels(): Promise<SeedModel[]> {
  const cnn = await filesFromModel(sequentialCnnFixture());
  const residual = await filesFromModel(residualFixture());
  return [
    { name: 'tiny-functional', files: tinyFiles() },
    {
      name: 'keras20-bare-list',
      files: filesOf(tinyKeras20Json(), { 'group1-shard1of1': tinyWeightBytes() }),
    },
    { name: 'sequential-cnn', files: cnn },
    { name: 'residual-functional', files: residual },
    { name: 'two-shards', files: splitIntoTwoShards(residual) },
    { name: 'quantized-cnn', files: await filesFromModel(sequentialCnnFixture(), true) },
  ];
}
