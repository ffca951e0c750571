import { useId } from 'react';
import { BIT_WIDTHS, METHODS, bitLabel } from '../../store/pipeline-settings';
import { useLabStore } from '../../store/store';
import type { BitWidth } from '../../protocol/engine-types';
import { NumberField } from './NumberField';
import { PresetButtons } from './PresetButtons';
import { SETTING_TEXTS as T, stepsLabel, type SettingText } from './setting-texts';

function BitsSelect({
  text,
  value,
  testId,
  onChange,
}: {
  text: SettingText;
  value: BitWidth;
  testId: string;
  onChange: (b: BitWidth) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{text.label}</label>
      <select
        id={id}
        value={value}
        data-testid={testId}
        aria-describedby={`${id}-help`}
        onChange={(e) => onChange(Number(e.currentTarget.value) as BitWidth)}
      >
        {BIT_WIDTHS.map((b) => (
          <option key={b} value={b}>
            {bitLabel(b)}
          </option>
        ))}
      </select>
      <p className="help" id={`${id}-help`}>
        {text.help}
      </p>
    </div>
  );
}

function Help({ id, text }: { id: string; text: SettingText }) {
  return (
    <p className="help" id={`${id}-help`}>
      {text.help}
    </p>
  );
}

export function SettingsForm({ disabled }: { disabled: boolean }) {
  const s = useLabStore((st) => st.settings);
  const set = useLabStore((st) => st.setSetting);
  const ids = { method: useId(), importance: useId(), sparsity: useId() };
  const usesActivations = s.method === 'layerwise' || s.method === 'oneshot';
  return (
    <fieldset className="settings" disabled={disabled}>
      <legend>Settings</legend>
      <div className="field-wide">
        <PresetButtons disabled={disabled} />
      </div>
      <div className="field">
        <label htmlFor={ids.method}>{T.method.label}</label>
        <select
          id={ids.method}
          aria-describedby={`${ids.method}-help`}
          value={s.method}
          data-testid="setting-method"
          onChange={(e) => set('method', e.currentTarget.value as typeof s.method)}
        >
          {METHODS.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
        <Help id={ids.method} text={T.method} />
      </div>
      <div className="field">
        <label htmlFor={ids.importance}>{T.importance.label}</label>
        <select
          id={ids.importance}
          aria-describedby={`${ids.importance}-help`}
          value={s.importance}
          disabled={!usesActivations}
          onChange={(e) => set('importance', e.currentTarget.value as 'l1' | 'l0')}
        >
          <option value="l1">activation L1 (the paper)</option>
          <option value="l0">activation L0 (1 − APoZ)</option>
        </select>
        <Help id={ids.importance} text={T.importance} />
      </div>
      <div className="field field-wide">
        <label htmlFor={ids.sparsity}>
          {T.sparsity.label}:{' '}
          <output data-testid="sparsity-value">{Math.round(s.sparsity * 100)}%</output>
          <span className="symbol"> ({T.sparsity.symbol})</span>
        </label>
        <input
          id={ids.sparsity}
          type="range"
          min={0}
          max={0.95}
          step={0.05}
          value={s.sparsity}
          data-testid="setting-sparsity"
          aria-describedby={`${ids.sparsity}-help`}
          onChange={(e) => set('sparsity', e.currentTarget.valueAsNumber)}
        />
        <Help id={ids.sparsity} text={T.sparsity} />
      </div>
      <NumberField
        label={stepsLabel(T.statsSteps.label, s.statsSteps)}
        symbol={T.statsSteps.symbol}
        help={T.statsSteps.help}
        value={s.statsSteps}
        min={1}
        testId="setting-stats"
        onChange={(v) => set('statsSteps', Math.round(v))}
      />
      <NumberField
        label={stepsLabel(T.refreshSteps.label, s.refreshSteps)}
        symbol={T.refreshSteps.symbol}
        help={T.refreshSteps.help}
        value={s.refreshSteps}
        min={1}
        testId="setting-refresh"
        onChange={(v) => set('refreshSteps', Math.round(v))}
      />
      <NumberField
        label={stepsLabel(T.finetuneSteps.label, s.finetuneSteps)}
        help={T.finetuneSteps.help}
        value={s.finetuneSteps}
        min={0}
        testId="setting-finetune"
        onChange={(v) => set('finetuneSteps', Math.round(v))}
      />
      <NumberField
        label={T.learningRate.label}
        symbol={T.learningRate.symbol}
        help={T.learningRate.help}
        value={s.learningRate}
        min={1e-6}
        max={10}
        step={0.001}
        onChange={(v) => set('learningRate', v)}
      />
      <NumberField
        label={T.batchSize.label}
        symbol={T.batchSize.symbol}
        help={T.batchSize.help}
        value={s.batchSize}
        min={1}
        max={1024}
        testId="setting-batch"
        onChange={(v) => set('batchSize', Math.round(v))}
      />
      <BitsSelect
        text={T.wbits}
        value={s.wbits}
        testId="setting-wbits"
        onChange={(b) => set('wbits', b)}
      />
      <BitsSelect
        text={T.abits}
        value={s.abits}
        testId="setting-abits"
        onChange={(b) => set('abits', b)}
      />
      <NumberField
        label={stepsLabel(T.qatSteps.label, s.qatSteps)}
        symbol={T.qatSteps.symbol}
        help={T.qatSteps.help}
        value={s.qatSteps}
        min={0}
        testId="setting-qat"
        onChange={(v) => set('qatSteps', Math.round(v))}
      />
      <NumberField
        label={T.seed.label}
        help={T.seed.help}
        value={s.seed}
        min={0}
        onChange={(v) => set('seed', Math.round(v))}
      />
      <NumberField
        label={T.evalLimit.label}
        help={T.evalLimit.help}
        value={s.evalLimit}
        min={0}
        testId="setting-eval"
        onChange={(v) => set('evalLimit', Math.round(v))}
      />
    </fieldset>
  );
}
