/**
 * The worker's engine session with the small CNN (8×8×1 → 4 classes) and quadrant data loaded,
 * as the worker tests need it; `clearSession` empties it again.
 */
import type { ModelSpec } from '../../src/core/model/spec';
import { session } from '../../src/worker/engine-session';
import { summarizeModel } from '../../src/worker/model-summary';
import { quadrantSource, smallCnnSpec } from '../pipeline/pipeline-test-models';

export async function loadTinySession(trainCount: number, testCount: number): Promise<ModelSpec> {
  const spec = await smallCnnSpec();
  session.model = { spec, summary: summarizeModel(spec, 'test') };
  session.data = { id: 'mnist', source: quadrantSource(trainCount, testCount) };
  return spec;
}

export function clearSession(): void {
  session.model = null;
  session.data = null;
  session.compressed = null;
  session.runs.clear();
}
