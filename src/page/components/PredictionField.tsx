import { memo } from 'react';

interface PredictionFieldProps {
  text: string;
  /** One sentence saying what is wrong with the text, or null. */
  problem: string | null;
  disabled: boolean;
  onChange: (text: string) => void;
}

/** "Prediction (ms)": the class commits to a guess before it measures. Optional. */
export const PredictionField = memo(function PredictionField({ text, problem, disabled, onChange }: PredictionFieldProps) {
  return (
    <div className="field prediction-field">
      <label htmlFor="prediction">Prediction (ms)</label>
      <input
        id="prediction"
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        placeholder="optional"
        value={text}
        disabled={disabled}
        aria-invalid={problem !== null}
        aria-describedby="prediction-help"
        onChange={(event) => {
          onChange(event.currentTarget.value);
        }}
      />
      <p id="prediction-help" className={problem ? 'field-error' : 'field-help'} aria-live="polite">
        {problem ?? 'How long will it take? One time for this run, or one per worker count for a sweep: 1: 3000, 2: 1600, 4: 900.'}
      </p>
    </div>
  );
});
