import { useId } from 'react';

interface Props {
  label: string;
  value: number;
  min: number;
  max?: number;
  step?: number;
  testId?: string;
  onChange: (value: number) => void;
}

/** A labelled number input that only reports finite values within [min, max]. */
export function NumberField({ label, value, min, max, step = 1, testId, onChange }: Props) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        value={value}
        min={min}
        max={max}
        step={step}
        data-testid={testId}
        onChange={(e) => {
          const n = e.currentTarget.valueAsNumber;
          if (Number.isFinite(n) && n >= min && (max === undefined || n <= max)) onChange(n);
        }}
      />
    </div>
  );
}
