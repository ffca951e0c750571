import { sizeLabel, vsInputPhrase } from '../../protocol/page-core';
import type { DownloadChoice } from '../../protocol/messages';

/**
 * After the run: which format the download is in, against the user's file, and the warning
 * when the stock format is not smaller (said before the run too: RunSizeEstimate).
 */
export function DownloadFormatNote({ choice }: { choice: DownloadChoice }) {
  const bytes = choice.format === 'packed' ? choice.packedBytes : choice.stockBytes;
  return (
    <div data-testid="download-format" data-format={choice.format} data-file-bytes={bytes}>
      <p className="muted">
        Download: {choice.format} format, {sizeLabel(bytes)}
        {choice.inputBytes !== null && `, ${vsInputPhrase(bytes, choice.inputBytes)}`}
        {choice.format === 'packed'
          ? ' — chosen as the smaller file; it needs the lab to load (Verify download uses it).'
          : '.'}
      </p>
      {choice.warning && (
        <p role="status" className="banner banner-warn" data-testid="download-warning">
          {choice.warning}
        </p>
      )}
    </div>
  );
}
