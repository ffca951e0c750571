import { useId } from 'react';

interface Props {
  label: string;
  /** The paper's symbol, shown after the plain label: "(I)". */
  symbol?: string;
  /** One plain sentence under the field. */
  help?: string;
  value: number;
  min: number;
  max?: number;
  step?: number;
  testId?: string;
  onChange: (value: number) => void;
}

/** A labelled number input that only reports finite values within [min, max]. */
export function NumberField({
  label,
  symbol,
  help,
  value,
  min,
  max,
  step = 1,
  testId,
  onChange,
}: Props) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {symbol && <span className="symbol"> ({symbol})</span>}
      </label>
      <input
        id={id}
        type="number"
        value={value}
        min={min}
        max={max}
        step={step}
        data-testid={testId}
        aria-describedby={help ? `${id}-help` : undefined}
        onChange={(e) => {
          const n = e.currentTarget.valueAsNumber;
          if (Number.isFinite(n) && n >= min && (max === undefined || n <= max)) onChange(n);
        }}
      />
      {help && (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      )}
    </div>
  );
}
