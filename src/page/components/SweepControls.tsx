import { memo } from 'react';

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
      <div className="field">
        <label htmlFor="worker-counts">Worker counts</label>
        <input
          id="worker-counts"
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={countsText}
          disabled={running}
          aria-invalid={countsProblem !== null}
          aria-describedby="worker-counts-help"
          onChange={(event) => props.onCountsChange(event.currentTarget.value)}
        />
      </div>
      <div className="field repeats-field">
        <label htmlFor="repeats">Repeats</label>
        <input
          id="repeats"
          type="number"
          inputMode="numeric"
          min={1}
          max={20}
          step={1}
          value={repeatsText}
          disabled={running}
          aria-invalid={repeatsProblem !== null}
          aria-describedby="worker-counts-help"
          onChange={(event) => props.onRepeatsChange(event.currentTarget.value)}
        />
      </div>
      <button type="button" className="primary" disabled={running || !canSweep} onClick={props.onSweep}>
        Run sweep
      </button>
      <p id="worker-counts-help" className={countsProblem ?? repeatsProblem ? 'field-error' : 'field-help'} aria-live="polite">
        {countsProblem ?? repeatsProblem ?? plan ?? ''}
      </p>
    </div>
  );
});
