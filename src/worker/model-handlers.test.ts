import { describe, expect, it } from 'vitest';
import { modelFilesFromArtifacts, specToArtifacts } from '../core/model/write-artifacts';
import { smallCnnSpec } from '../../test-support/pipeline/pipeline-test-models';
import { loadModelFiles } from './model-handlers';

describe('loadModelFiles', () => {
  it('treats a dropped file named "__proto__" as data', async () => {
    const files = modelFilesFromArtifacts(specToArtifacts(await smallCnnSpec()));
    const json = JSON.parse(new TextDecoder().decode(files['model.json']));
    json.weightsManifest[0].paths = ['__proto__'];
    const summary = loadModelFiles([
      { name: 'model.json', bytes: new TextEncoder().encode(JSON.stringify(json)).buffer },
      { name: '__proto__', bytes: files['weights.bin'].slice().buffer },
    ]);
    expect([summary.params, summary.layers]).toEqual([1180, 6]);
  });
});
