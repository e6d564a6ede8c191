import { memo } from 'react';
import { coresCount } from '../../lab/texts/summaryReasons';

interface WorkerSliderProps {
  value: number;
  max: number;
  cores: number;
  disabled: boolean;
  onChange: (workers: number) => void;
  /** A sentence beside the slider on what limits it (the cap of Python workers); null for none. */
  note?: string | null;
}

/** The "Workers" slider: a native range, so mouse, touch and the arrow, Page, Home and End keys all work. */
export const WorkerSlider = memo(function WorkerSlider({ value, max, cores, disabled, onChange, note = null }: WorkerSliderProps) {
  const corePosition = `${String(((cores - 1) / Math.max(1, max - 1)) * 100)}%`;
  return (
    <div className="field workers-field">
      <label htmlFor="workers">Workers</label>
      <div className="slider-row">
        <div className="slider-track">
          <input
            id="workers"
            type="range"
            min={1}
            max={max}
            step={1}
            value={value}
            disabled={disabled}
            aria-valuetext={value === 1 ? '1 worker' : `${String(value)} workers`}
            {...(note === null ? {} : { 'aria-describedby': 'workers-note' })}
            onChange={(event) => onChange(Number(event.currentTarget.value))}
          />
          <span className="core-tick" style={{ left: corePosition }} aria-hidden="true">
            {coresCount(cores)}
          </span>
        </div>
        <output htmlFor="workers" className="big-number" aria-hidden="true">
          {value}
        </output>
      </div>
      {note !== null && (
        <p id="workers-note" className="hint workers-note">
          {note}
        </p>
      )}
    </div>
  );
});
