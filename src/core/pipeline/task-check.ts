import { LabError } from '../errors';
import type { DataSource } from '../data/source';
import { inferShapes } from '../graph/shape-inference';
import type { ModelSpec } from '../model/spec';

/**
 * A classifier must end in one output per class of its data. Checked before a run allocates
 * anything: otherwise the loss fails deep inside TensorFlow.js ("Operands could not be
 * broadcast…") after the run has built its tensors.
 */
export function checkClassesMatch(spec: ModelSpec, source: DataSource): void {
  if (source.task !== 'classification' || source.numClasses === undefined) return;
  const shape = inferShapes(spec).get(spec.outputLayers[0]);
  const outputs = shape?.[shape.length - 1];
  if (outputs === undefined || outputs === source.numClasses) return;
  throw new LabError(
    'INVALID_DATA',
    `Model "${spec.name}" ends in ${outputs} outputs but the data has ${source.numClasses} classes; choose data with ${outputs} classes or a model with ${source.numClasses} outputs.`,
  );
}
