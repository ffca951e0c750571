/**
 * The activation-importance criteria a user may pick, with their plain names. This is the ONE
 * place the settings schema takes them from: when the importance plug-in registry lands
 * (src/core/prune, `importanceCriteria()`), derive this list from it and nothing else changes.
 * Kept free of tfjs so that the page may import it.
 */
export const IMPORTANCE_CHOICES = [
  { value: 'l1', label: 'activation L1 (the paper)' },
  { value: 'l0', label: 'activation L0 (1 − APoZ)' },
] as const satisfies readonly { value: string; label: string }[];

export type ImportanceChoice = (typeof IMPORTANCE_CHOICES)[number]['value'];
