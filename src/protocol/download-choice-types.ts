/** Plain-data shapes of a run's download format choice and its size estimate (tfjs-free). */
import type { ExportFormat } from '../core/report/size-vs-input';

export interface DownloadChoice {
  /** The format the run's download is written in. */
  format: ExportFormat;
  stockBytes: number;
  packedBytes: number;
  /** The user's model files; null when the model came from memory (a demo). */
  inputBytes: number | null;
  /** Set when the stock export is not smaller than the input. */
  warning: string | null;
}

/** Before Run: the export's expected bytes per format against the input's. */
export interface ExportEstimateInfo {
  stockBytes: number;
  packedBytes: number;
  inputBytes: number;
  storedDtype: string;
  /** The format the run will download (the smaller file). */
  format: ExportFormat;
  warning: string | null;
}
