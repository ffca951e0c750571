import { applyPreset, matchingPreset, PRESETS } from '../../store/pipeline-presets';
import { useLabStore } from '../../store/store';

/** Three schedules a student can pick without reading the fields below. */
export function PresetButtons({ disabled }: { disabled: boolean }) {
  const settings = useLabStore((s) => s.settings);
  const replace = useLabStore((s) => s.replaceSettings);
  const current = matchingPreset(settings);
  const active = PRESETS.find((p) => p.id === current);
  return (
    <>
      <div className="presets" role="group" aria-label="Presets">
        <span>Presets:</span>
        {PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            disabled={disabled}
            aria-pressed={current === p.id}
            data-testid={`preset-${p.id}`}
            title={p.help}
            onClick={() => replace(applyPreset(settings, p.id))}
          >
            {p.label}
          </button>
        ))}
      </div>
      <p className="preset-help muted">
        {active
          ? active.help
          : "The lab's default: about a minute, and the demo keeps its accuracy."}
      </p>
    </>
  );
}
