/** Plain-data shapes of the page's data-free, weight-only quantization (tfjs-free). */
import type { DownloadFormat } from '../core/report/download';
import type { FileBytes } from './engine-types';

export interface WeightQuantParams {
  /** 2–8 bits per weight (per-channel codes), or float16 storage. */
  weights: number | 'float16';
  /** 'smaller': stock when it is smaller than the input, else packed. */
  format: 'smaller' | 'stock' | 'packed';
}

export interface WeightQuantOutcome {
  weights: number | 'float16';
  format: DownloadFormat;
  /** True when the format was picked as the smaller file. */
  chosen: boolean;
  /** The written model files (report files excluded). */
  fileBytes: number;
  gzipBytes: number;
  input: { fileBytes: number; gzipBytes: number; storedDtype: string } | null;
  /** Input bytes ÷ file bytes (above 1: smaller than the input); null without input. */
  ratioVsInput: number | null;
  /** "2.00× smaller than your 225.9 kB" or "larger than your input: … vs your …". */
  verdict: string;
  /** The float32 copy of the weights (params × 4): the secondary comparison. */
  float32Bytes: number;
  /** Set when the stock format is not smaller than the input. */
  warning: string | null;
  notes: string[];
  files: FileBytes[];
  zip: FileBytes;
}
