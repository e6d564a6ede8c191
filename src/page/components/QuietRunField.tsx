import { memo } from 'react';

interface QuietRunFieldProps {
  quiet: boolean;
  onChange: (quiet: boolean) => void;
}

/**
 * "Quiet run", beside Run and Stop: while a run or a sweep goes, the page draws no progress bars,
 * timeline or frame meter, so its own thread takes as little as it can from the workers (for a
 * measured run; the status line still says what the run does, and the results are the same).
 * Remembered when changed, by the page (useRememberedSwitch). Under Stop, one line
 * high (its sentence is for screen readers; the Run region says it during the run), and not in
 * presentation mode, whose layout fits one screen.
 */
export const QuietRunField = memo(function QuietRunField({ quiet, onChange }: QuietRunFieldProps) {
  return (
    <div className="quiet-run">
      <label>
        <input
          type="checkbox"
          checked={quiet}
          aria-describedby="quiet-run-help"
          onChange={(event) => {
            onChange(event.target.checked);
          }}
        />{' '}
        Quiet run
      </label>
      <p id="quiet-run-help" className="visually-hidden">
        While it counts, no progress bars, timeline or frame meter: the page then takes less from the workers.
      </p>
    </div>
  );
});
