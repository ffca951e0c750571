import { memo } from 'react';
import type { UnitMarks } from './channel-states';
import { SUMMARY_HEIGHT_PX, summaryPaths } from './summary-geometry';

/** A wide unit's channels as one ranked profile: four paths instead of hundreds of bars. */
export const ChannelSummary = memo(function ChannelSummary({
  unitId,
  marks,
  widthPx,
}: {
  unitId: string;
  marks: UnitMarks;
  widthPx: number;
}) {
  const paths = summaryPaths(marks, widthPx, SUMMARY_HEIGHT_PX);
  return (
    <svg
      className="channel-profile"
      data-testid="channel-profile"
      data-unit={unitId}
      width={widthPx}
      height={SUMMARY_HEIGHT_PX}
      role="img"
      aria-label={`${unitId}: ${marks.states.length} channels, most important first`}
    >
      {(['kept', 'measuring', 'frozen', 'pruned'] as const).map((state) =>
        paths[state] ? <path key={state} className={`mark-${state}`} d={paths[state]} /> : null,
      )}
    </svg>
  );
});
