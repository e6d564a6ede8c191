import { memo } from 'react';
import { TextField } from './TextField';

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
    <TextField
      id="prediction"
      label="Prediction (ms)"
      className="prediction-field"
      inputMode="decimal"
      placeholder="optional"
      value={text}
      problem={problem}
      help="How long will it take? One time for this run, or one per worker count for a sweep: 1: 3000, 2: 1600, 4: 900."
      disabled={disabled}
      onChange={onChange}
    />
  );
});
