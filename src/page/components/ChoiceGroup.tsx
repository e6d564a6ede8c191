import { memo } from 'react';

interface ChoiceGroupProps<T extends string> {
  legend: string;
  name: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: string }>;
  disabled: boolean;
  onChange: (value: T) => void;
}

/** A labelled group of radio buttons: one choice of a few, by keyboard (arrows) or pointer. */
function ChoiceGroupOf<T extends string>({ legend, name, value, options, disabled, onChange }: ChoiceGroupProps<T>) {
  return (
    <fieldset className="choice" disabled={disabled}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value}>
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={option.value === value}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

/** Memoized: the page redraws during a run, and a choice group only changes with its props. */
export const ChoiceGroup = memo(ChoiceGroupOf) as typeof ChoiceGroupOf;
