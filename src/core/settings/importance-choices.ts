import { importanceCriteria, type CriterionId } from '../prune/criteria/catalog';

/**
 * The importance criteria a user may pick, with their plain names: the importance plug-in
 * registry's tfjs-free catalog (src/core/prune/criteria/catalog.ts), the one place they are listed.
 */
export const IMPORTANCE_CHOICES: readonly { value: CriterionId; label: string }[] =
  importanceCriteria().map((c) => ({ value: c.id, label: c.label }));

export type ImportanceChoice = CriterionId;
