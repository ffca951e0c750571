import { useId } from 'react';
import { inRange, labChoices } from '../../protocol/settings';
import type { ChoiceSetting, NumberSetting, SettingSpec } from '../../protocol/settings';

/**
 * One settings-form field drawn from its schema row (src/core/settings/schema.ts): a select for
 * a choice, a slider or a number box for a number, always with the plain label, the paper's
 * symbol second and one sentence of help. Numbers outside the row's range never reach the store.
 */

interface Props {
  /** The schema key (also names the slider's value readout: `<key>-value`). */
  settingKey: string;
  spec: SettingSpec;
  value: string | number;
  disabled?: boolean;
  onChange: (value: string | number) => void;
}

/** "Measure each layer for 10 steps": the count read as part of the sentence. */
export function stepsLabel(label: string, steps: number): string {
  return `${label} ${steps} step${steps === 1 ? '' : 's'}`;
}

function SymbolNote({ spec }: { spec: SettingSpec }) {
  return spec.symbol ? <span className="symbol"> ({spec.symbol})</span> : null;
}

function ChoiceInput(props: Props & { spec: ChoiceSetting; id: string }) {
  const { spec, id, value, disabled, onChange } = props;
  const numeric = typeof spec.default === 'number';
  return (
    <select
      id={id}
      value={value}
      disabled={disabled}
      data-testid={spec.testId}
      aria-describedby={`${id}-help`}
      onChange={(e) => {
        const raw = e.currentTarget.value;
        onChange(numeric ? Number(raw) : raw);
      }}
    >
      {labChoices(spec).map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

function NumberInput(props: Props & { spec: NumberSetting; id: string }) {
  const { spec, id, value, disabled, onChange } = props;
  const { range } = spec;
  return (
    <input
      id={id}
      type={spec.slider ? 'range' : 'number'}
      value={value}
      min={range.minOpen ? undefined : range.min}
      max={range.maxOpen ? range.max - spec.step : range.max}
      step={spec.step}
      disabled={disabled}
      data-testid={spec.testId}
      aria-describedby={`${id}-help`}
      onChange={(e) => {
        const n = e.currentTarget.valueAsNumber;
        const v = range.integer ? Math.round(n) : n;
        if (inRange(range, v)) onChange(v);
      }}
    />
  );
}

function LabelText({ settingKey, spec, value }: Pick<Props, 'settingKey' | 'spec' | 'value'>) {
  if (spec.kind === 'number' && spec.display === 'percent')
    return (
      <>
        {spec.label}:{' '}
        <output data-testid={`${settingKey}-value`}>{Math.round(Number(value) * 100)}%</output>
      </>
    );
  return <>{spec.unit === 'steps' ? stepsLabel(spec.label, Number(value)) : spec.label}</>;
}

export function SettingField(props: Props) {
  const id = useId();
  const { spec } = props;
  const wide = spec.kind === 'number' && spec.slider;
  return (
    <div className={wide ? 'field field-wide' : 'field'}>
      <label htmlFor={id}>
        <LabelText settingKey={props.settingKey} spec={spec} value={props.value} />
        <SymbolNote spec={spec} />
      </label>
      {spec.kind === 'choice' ? (
        <ChoiceInput {...props} spec={spec} id={id} />
      ) : (
        <NumberInput {...props} spec={spec} id={id} />
      )}
      <p className="help" id={`${id}-help`}>
        {spec.help}
      </p>
    </div>
  );
}
