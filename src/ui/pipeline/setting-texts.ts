/**
 * What each pipeline setting is called on the page: a plain label, one sentence of help and the
 * paper's symbol (shown second, for readers who know the method).
 */
export interface SettingText {
  label: string;
  help: string;
  symbol?: string;
}

export const SETTING_TEXTS = {
  method: {
    label: 'How to choose channels',
    help: 'Layerwise measures and prunes one layer at a time (the paper); the others are baselines.',
  },
  importance: {
    label: 'What makes a channel important',
    help: 'How strongly it fires on average (L1), how often it fires at all (L0), or how much the loss would change without it (Taylor).',
  },
  sparsity: {
    label: 'Channels to remove',
    help: 'The share of channels taken out of every layer that can be pruned.',
    symbol: 's',
  },
  statsSteps: {
    label: 'Measure each layer for',
    help: 'Training steps spent watching one layer before its channels are ranked.',
    symbol: 'I',
  },
  refreshSteps: {
    label: 'Re-rank channels every',
    help: 'While measuring, which channels are switched off is updated this often.',
    symbol: 'r',
  },
  finetuneSteps: {
    label: 'Re-train after pruning for',
    help: 'Lets the remaining channels make up for the removed ones.',
  },
  learningRate: {
    label: 'Training step size',
    help: 'Too large forgets what the network knew; too small learns nothing.',
    symbol: 'learning rate',
  },
  batchSize: {
    label: 'Images per training step',
    help: 'More images per step: steadier, but each step takes longer.',
    symbol: 'batch',
  },
  wbits: {
    label: 'Bits per weight',
    help: '32 keeps full precision; 8 stores the weights four times smaller.',
  },
  abits: {
    label: 'Bits per activation',
    help: 'The numbers one layer passes to the next.',
  },
  qatSteps: {
    label: 'Train with rounded numbers for',
    help: '0 rounds once with no training.',
    symbol: 'QAT',
  },
  seed: {
    label: 'Random seed',
    help: 'The same seed gives the same run.',
  },
  evalLimit: {
    label: 'Test images to score',
    help: '0 scores every test image (slower, more exact).',
  },
} satisfies Record<string, SettingText>;

/** "Measure each layer for 10 steps": the count read as part of the sentence. */
export function stepsLabel(label: string, steps: number): string {
  return `${label} ${steps} step${steps === 1 ? '' : 's'}`;
}
