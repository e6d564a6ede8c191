import { memo } from 'react';
import { TextField } from './TextField';

interface SweepControlsProps {
  countsText: string;
  countsProblem: string | null;
  /** What the worker counts mean, when they are good: "8 worker counts × 3 repeats + 1 warm-up = 25 runs". */
  plan: string | null;
  repeatsText: string;
  repeatsProblem: string | null;
  running: boolean;
  canSweep: boolean;
  onCountsChange: (text: string) => void;
  onRepeatsChange: (text: string) => void;
  onSweep: () => void;
}

/** The "Worker counts" and "Repeats" fields and the "Run sweep" button. */
export const SweepControls = memo(function SweepControls(props: SweepControlsProps) {
  const { countsText, countsProblem, plan, repeatsText, repeatsProblem, running, canSweep } = props;
  return (
    <div className="sweep-controls">
      <TextField
        id="worker-counts"
        label="Worker counts"
        value={countsText}
        problem={countsProblem}
        describedBy="worker-counts-help"
        disabled={running}
        onChange={props.onCountsChange}
      />
      <TextField
        id="repeats"
        label="Repeats"
        className="repeats-field"
        type="number"
        inputMode="numeric"
        min={1}
        max={20}
        step={1}
        value={repeatsText}
        problem={repeatsProblem}
        describedBy="worker-counts-help"
        disabled={running}
        onChange={props.onRepeatsChange}
      />
      <button type="button" className="primary" disabled={running || !canSweep} onClick={props.onSweep}>
        Run sweep
      </button>
      <p id="worker-counts-help" className={countsProblem ?? repeatsProblem ? 'field-error' : 'field-help'} aria-live="polite">
        {countsProblem ?? repeatsProblem ?? plan ?? ''}
      </p>
    </div>
  );
});
