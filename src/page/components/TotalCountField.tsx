import { memo } from 'react';
import { countInWords, countMeaning } from '../../lab/measurement/count';
import { LESSON_TOTAL } from '../../lab/texts/pythonTime';
import type { Scaling } from '../../lab/types';
import { TextField } from './TextField';

interface TotalCountFieldProps {
  text: string;
  /** One sentence saying why the text cannot run, or null when it can. */
  problem: string | null;
  /** The count the text means, when it is good. */
  value: number | null;
  workers: number;
  /** Whether the count is split over the workers ('strong') or given to each ('weak'). */
  scaling: Scaling;
  /** The estimate from the calibration: "≈ 3 s on 1 worker here"; null before it. */
  estimate: string | null;
  /** True while the page measures this device's speed. */
  measuring: boolean;
  presets: readonly number[];
  disabled: boolean;
  onChange: (text: string) => void;
}

/** The "Total count" field, its presets and what the count means in words. */
export const TotalCountField = memo(function TotalCountField(props: TotalCountFieldProps) {
  const { text, problem, value, workers, scaling, estimate, measuring, presets, disabled, onChange } = props;
  const meaning = value === null ? '' : countMeaning(value, workers, scaling);
  return (
    <TextField
      id="total-count"
      label="Total count"
      className="count-field"
      inputMode="numeric"
      value={text}
      problem={problem}
      help={`${meaning} ${measuring ? 'Measuring this device’s speed…' : (estimate ?? '')}`.trim()}
      disabled={disabled}
      onChange={onChange}
    >
      <div className="presets" role="group" aria-label="Presets">
        {presets.map((preset) => (
          <button key={preset} type="button" className="quiet" disabled={disabled} onClick={() => onChange(String(preset))}>
            {countInWords(preset)}
            {preset === LESSON_TOTAL ? ' (the lesson)' : ''}
          </button>
        ))}
      </div>
    </TextField>
  );
});
