import * as tf from '@tensorflow/tfjs';
import { LabError } from '../errors';
import { parseModelJson } from './load-files';
import { DEFAULT_WEIGHTS_PATH, specToArtifacts } from './write-artifacts';
import type { ModelSpec } from './spec';

/**
 * ModelSpec ↔ tf.LayersModel, through the same files a user would download: the spec is
 * written with specToArtifacts and loaded by the stock tfjs loader (so what runs in the lab
 * is exactly what the export gives), and a LayersModel is saved in memory and read back
 * with the lab's own parser.
 */
export async function buildLayersModel(spec: ModelSpec): Promise<tf.LayersModel> {
  const { modelJson, weightData } = specToArtifacts(spec);
  const weightSpecs = modelJson.weightsManifest.flatMap(
    (g) => g.weights,
  ) as tf.io.WeightsManifestEntry[];
  // The topology goes through the stock loader; the weights are decoded by the stock decoder and
  // loaded here, because tf.loadLayersModel leaks the decoded tensors (and the model) when
  // loadWeights throws on a topology that disagrees with them.
  const handler = tf.io.fromMemory({
    modelTopology: modelJson.modelTopology,
    format: modelJson.format,
    generatedBy: modelJson.generatedBy,
    convertedBy: modelJson.convertedBy,
  });
  const variablesBefore = new Set(Object.keys(tf.engine().registeredVariables));
  let model: tf.LayersModel | undefined;
  try {
    model = await tf.loadLayersModel(handler);
    const decoded = tf.io.decodeWeights(weightData, weightSpecs);
    try {
      model.loadWeights(decoded);
    } finally {
      tf.dispose(Object.values(decoded));
    }
    return model;
  } catch (e) {
    model?.dispose();
    // A build that fails after creating some layers' weights would leak them: no model owns them.
    for (const [name, variable] of Object.entries(tf.engine().registeredVariables)) {
      if (!variablesBefore.has(name)) variable.dispose();
    }
    // tfjs' own errors (bad initializer names, missing config keys) must reach the user as a LabError.
    const reason = (e instanceof Error ? e.message : String(e)).trim().replace(/[.\s]+$/, '');
    throw new LabError(
      'INVALID_MODEL',
      `TensorFlow.js could not build model "${spec.name}": ${reason}.`,
    );
  }
}

export async function specFromLayersModel(
  model: tf.LayersModel,
  name?: string,
): Promise<ModelSpec> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const artifacts = saved!;
  const modelJson = {
    format: 'layers-model',
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [DEFAULT_WEIGHTS_PATH], weights: artifacts.weightSpecs ?? [] }],
  };
  const files = { [DEFAULT_WEIGHTS_PATH]: new Uint8Array(joinWeightData(artifacts.weightData)) };
  const spec = parseModelJson(modelJson, `${model.name}.json`, files);
  return name === undefined ? spec : { ...spec, name };
}

/** tfjs 4.x may hand weight data over as several buffers. */
function joinWeightData(data: tf.io.WeightData | undefined): ArrayBuffer {
  if (data === undefined) return new ArrayBuffer(0);
  if (!Array.isArray(data)) return data;
  return tf.io.concatenateArrayBuffers(data);
}
