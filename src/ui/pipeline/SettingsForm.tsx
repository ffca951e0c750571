import { useId } from 'react';
import { BIT_WIDTHS, METHODS, bitLabel } from '../../store/pipeline-settings';
import { useLabStore } from '../../store/store';
import type { BitWidth } from '../../worker/engine-types';
import { NumberField } from './NumberField';

function BitsSelect({
  label,
  value,
  testId,
  onChange,
}: {
  label: string;
  value: BitWidth;
  testId: string;
  onChange: (b: BitWidth) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        data-testid={testId}
        onChange={(e) => onChange(Number(e.currentTarget.value) as BitWidth)}
      >
        {BIT_WIDTHS.map((b) => (
          <option key={b} value={b}>
            {bitLabel(b)}
          </option>
        ))}
      </select>
    </div>
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
      <div className="field">
        <label htmlFor={ids.method}>Method</label>
        <select
          id={ids.method}
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
      </div>
      <div className="field">
        <label htmlFor={ids.importance}>Importance</label>
        <select
          id={ids.importance}
          value={s.importance}
          disabled={!usesActivations}
          onChange={(e) => set('importance', e.currentTarget.value as 'l1' | 'l0')}
        >
          <option value="l1">activation L1 (the paper)</option>
          <option value="l0">activation L0 (1 − APoZ)</option>
        </select>
      </div>
      <div className="field field-wide">
        <label htmlFor={ids.sparsity}>
          Channel sparsity:{' '}
          <output data-testid="sparsity-value">{Math.round(s.sparsity * 100)}%</output>
        </label>
        <input
          id={ids.sparsity}
          type="range"
          min={0}
          max={0.95}
          step={0.05}
          value={s.sparsity}
          data-testid="setting-sparsity"
          onChange={(e) => set('sparsity', e.currentTarget.valueAsNumber)}
        />
      </div>
      <NumberField
        label="Stats steps (I)"
        value={s.statsSteps}
        min={1}
        testId="setting-stats"
        onChange={(v) => set('statsSteps', Math.round(v))}
      />
      <NumberField
        label="Refresh every (r)"
        value={s.refreshSteps}
        min={1}
        testId="setting-refresh"
        onChange={(v) => set('refreshSteps', Math.round(v))}
      />
      <NumberField
        label="Fine-tune steps"
        value={s.finetuneSteps}
        min={0}
        testId="setting-finetune"
        onChange={(v) => set('finetuneSteps', Math.round(v))}
      />
      <NumberField
        label="Learning rate"
        value={s.learningRate}
        min={1e-6}
        max={10}
        step={0.001}
        onChange={(v) => set('learningRate', v)}
      />
      <NumberField
        label="Batch"
        value={s.batchSize}
        min={1}
        max={1024}
        testId="setting-batch"
        onChange={(v) => set('batchSize', Math.round(v))}
      />
      <BitsSelect
        label="Weights"
        value={s.wbits}
        testId="setting-wbits"
        onChange={(b) => set('wbits', b)}
      />
      <BitsSelect
        label="Activations"
        value={s.abits}
        testId="setting-abits"
        onChange={(b) => set('abits', b)}
      />
      <NumberField
        label="QAT steps"
        value={s.qatSteps}
        min={0}
        testId="setting-qat"
        onChange={(v) => set('qatSteps', Math.round(v))}
      />
      <NumberField
        label="Seed"
        value={s.seed}
        min={0}
        onChange={(v) => set('seed', Math.round(v))}
      />
      <NumberField
        label="Test examples (0 = all)"
        value={s.evalLimit}
        min={0}
        testId="setting-eval"
        onChange={(v) => set('evalLimit', Math.round(v))}
      />
    </fieldset>
  );
}
