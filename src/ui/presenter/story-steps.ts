/**
 * Presenter mode's story: five steps a speaker walks through with → / space (← goes back).
 * Each step names the panels it shows; the page hides the rest so a step fits one projector screen.
 */
export type StoryStepId = 'dense' | 'measure' | 'prune' | 'quantize' | 'compare';

export interface StoryStep {
  id: StoryStepId;
  /** One word for the step button. */
  short: string;
  title: string;
  /** One or two sentences a student reads while the speaker talks. */
  caption: string;
}

export const STORY_STEPS: readonly StoryStep[] = [
  {
    id: 'dense',
    short: 'Dense',
    title: 'The dense model',
    caption:
      'A trained network. Each layer has channels: small feature detectors. Every channel costs memory and time.',
  },
  {
    id: 'measure',
    short: 'Measure',
    title: 'Measure',
    caption:
      'The lab trains for a few steps and watches how strongly each channel of one layer fires. Quiet channels matter least.',
  },
  {
    id: 'prune',
    short: 'Prune',
    title: 'Prune, layer by layer',
    caption:
      'The quietest channels are removed, then the next layer is measured. Later layers are judged after the earlier ones have shrunk.',
  },
  {
    id: 'quantize',
    short: 'Quantize',
    title: 'Quantize',
    caption:
      "The weights and activations that remain are stored with 8 bits instead of 32: a quarter of the memory for almost the same answers. Watch each layer's bits badge change.",
  },
  {
    id: 'compare',
    short: 'Compare',
    title: 'Compare on the plot',
    caption:
      'Up is more accurate, left is smaller. A good result sits up and to the left of the dense model.',
  },
];

/** The next step index for a key, or null when the key is not a story key. Clamped to the story. */
export function storyStepAfterKey(index: number, key: string): number | null {
  const last = STORY_STEPS.length - 1;
  if (key === 'ArrowRight' || key === ' ' || key === 'PageDown') return Math.min(last, index + 1);
  if (key === 'ArrowLeft' || key === 'PageUp') return Math.max(0, index - 1);
  if (key === 'Home') return 0;
  if (key === 'End') return last;
  return null;
}
