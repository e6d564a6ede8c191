import { memo } from 'react';

interface RunButtonsProps {
  running: boolean;
  canRun: boolean;
  onStop: () => void;
}

/** "Run" submits the settings form; "Stop" ends the run in progress. */
export const RunButtons = memo(function RunButtons({ running, canRun, onStop }: RunButtonsProps) {
  return (
    <div className="run-buttons">
      <button type="submit" className="primary" disabled={running || !canRun}>
        Run
      </button>
      <button type="button" disabled={!running} onClick={onStop}>
        Stop
      </button>
    </div>
  );
});
