/**
 * The importance criteria the lab offers, as plain data (no tfjs): the CLI's --importance choices,
 * the lab's option list and bench:quality's row names are read from here. Each entry's
 * implementation is one file in this folder, listed once more in registry.ts (the page must not
 * load tfjs, so the texts live here and the tensor code there; registry.ts's type makes a missing
 * implementation a compile error).
 */
export interface CriterionInfo {
  /** Stable id: CLI flag value, URL value, bench row suffix. */
  id: string;
  /** Short name for option lists. */
  label: string;
  /** One sentence: what is measured and how it accumulates. */
  description: string;
  /** Which tensor it reads. */
  measures: 'activation' | 'activation-gradient' | 'weights' | 'none';
  /** True when it needs training batches (statistics steps); false for data-free criteria. */
  needsData: boolean;
}

const CATALOG = [
  {
    id: 'l1',
    label: 'activation L1 (the paper)',
    description:
      'Mean |a| per channel of the unit’s activation, over batch and positions, averaged over the statistics steps.',
    measures: 'activation',
    needsData: true,
  },
  {
    id: 'l0',
    label: 'activation L0 (1 − APoZ)',
    description:
      'Fraction of non-zero activations per channel (ReLU outputs only; elsewhere |a|), averaged over the statistics steps.',
    measures: 'activation',
    needsData: true,
  },
  {
    id: 'taylor',
    label: 'first-order Taylor (a·∂L/∂a)',
    description:
      'Mean |a · ∂L/∂a| per channel at the same activation, from each training step’s backward pass, averaged over the statistics steps.',
    measures: 'activation-gradient',
    needsData: true,
  },
  {
    id: 'weight-l1',
    label: 'weight L1',
    description:
      'Mean |W| of the producing kernel’s output channel, read from the current weights.',
    measures: 'weights',
    needsData: false,
  },
  {
    id: 'random',
    label: 'random',
    description: 'A seeded random score per channel, fixed for the run (a control).',
    measures: 'none',
    needsData: false,
  },
] as const satisfies readonly CriterionInfo[];

export type CriterionId = (typeof CATALOG)[number]['id'];

/** A catalog entry, its id typed. */
export type Criterion = CriterionInfo & { readonly id: CriterionId };

/** Every criterion's id, label and description, in the order option lists show them. */
export function importanceCriteria(): readonly Criterion[] {
  return CATALOG;
}

export function isCriterionId(id: string): id is CriterionId {
  return CATALOG.some((c) => c.id === id);
}

/** The ids joined for a message: "l1, l0, taylor, weight-l1 or random". */
export function criterionChoices(filter: (c: CriterionInfo) => boolean = () => true): string {
  const ids = CATALOG.filter(filter).map((c) => c.id);
  return ids.length < 2 ? ids.join('') : `${ids.slice(0, -1).join(', ')} or ${ids[ids.length - 1]}`;
}

export function criterionInfo(id: CriterionId): Criterion {
  return CATALOG.find((c) => c.id === id)!;
}
