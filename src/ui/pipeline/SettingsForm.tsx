import { LAB_SETTING_ROWS } from '../../protocol/settings';
import { useLabStore } from '../../store/store';
import type { PipelineSettings } from '../../protocol/engine-types';
import { PresetButtons } from './PresetButtons';
import { SettingField } from './SettingField';

type LabKey = Exclude<keyof PipelineSettings, 'overrides'>;

/** The methods whose importance is an activation measure (the importance field applies). */
const ACTIVATION_METHODS: readonly string[] = ['layerwise', 'oneshot'];

/** Every lab setting, one generic field per row of the settings schema, in its order. */
export function SettingsForm({ disabled }: { disabled: boolean }) {
  const s = useLabStore((st) => st.settings);
  const set = useLabStore((st) => st.setSetting);
  const usesActivations = ACTIVATION_METHODS.includes(s.method);
  return (
    <fieldset className="settings" disabled={disabled}>
      <legend>Settings</legend>
      <div className="field-wide">
        <PresetButtons disabled={disabled} />
      </div>
      {LAB_SETTING_ROWS.map((row) => {
        const key = row.key as LabKey;
        return (
          <SettingField
            key={key}
            settingKey={key}
            spec={row}
            value={s[key]}
            disabled={key === 'importance' && !usesActivations}
            onChange={(v) => set(key, v as never)}
          />
        );
      })}
    </fieldset>
  );
}
