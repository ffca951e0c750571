/** The first-visit tour: five short cards, each with a row of channel marks drawn in the state colours. */
export type MarkState = 'kept' | 'measuring' | 'pruned' | 'frozen' | 'quantized';

export interface TourStep {
  title: string;
  text: string;
  /** Rows of channel marks that illustrate the card (one row per layer). */
  rows: { label: string; marks: MarkState[] }[];
}

const k = 'kept' as const;
const p = 'pruned' as const;
const m = 'measuring' as const;
const q = 'quantized' as const;

export const TOUR_STEPS: readonly TourStep[] = [
  {
    title: 'What is a channel?',
    text: 'A layer of a convolutional network is a stack of channels. Each channel is one small feature detector (an edge, a curve, a stroke); each square below is one channel.',
    rows: [{ label: 'layer 1', marks: [k, k, k, k, k, k, k, k] }],
  },
  {
    title: 'What does pruning remove?',
    text: 'Pruning deletes whole channels that contribute least, with their weights. The network becomes smaller and faster; a short re-training lets the rest make up for them.',
    rows: [{ label: 'layer 1', marks: [k, p, k, k, p, k, p, p] }],
  },
  {
    title: 'Why does the order of layers matter?',
    text: 'Once layer 1 has lost channels, layer 2 sees different inputs, so its own ranking changes. The lab measures layer 2 only after layer 1 is pruned: one layer at a time, front to back.',
    rows: [
      { label: 'layer 1', marks: [k, p, k, k, p, k, p, p] },
      { label: 'layer 2', marks: [m, m, m, m, m, m, m, m] },
    ],
  },
  {
    title: 'What does quantization do?',
    text: 'Every remaining weight is stored with fewer bits: 8 instead of 32 makes the file four times smaller. A few training steps with rounded numbers keep the accuracy.',
    rows: [{ label: '8-bit', marks: [q, q, q, q] }],
  },
  {
    title: 'How to read the plot',
    text: 'Each dot is one run: up means more accurate, left means smaller. The dense model is the reference; a good run sits up and to the left of the others, on the dashed line.',
    rows: [],
  },
];

export const TOUR_STORAGE_KEY = 'pruning-lab.tour-done';

/** The tour opens by itself only on a first visit, and never for automated browsers unless asked. */
export function shouldOpenTour(
  storage: Pick<Storage, 'getItem'> | null,
  search: string,
  automated: boolean,
): boolean {
  const params = new URLSearchParams(search);
  if (params.get('tour') === '1') return true;
  if (params.get('tour') === '0' || automated) return false;
  return storage?.getItem(TOUR_STORAGE_KEY) !== '1';
}
