import { memo, useLayoutEffect, useRef, type ReactNode } from 'react';

interface RunButtonsProps {
  running: boolean;
  canRun: boolean;
  onStop: () => void;
  /** Why Run waits or refuses (Python still loading, a model Python does not offer); null when nothing holds it. */
  waitReason?: string | null;
  /** Shown under the buttons: "Quiet run", and what Run waits for (the "Loading Python" bar). */
  children?: ReactNode;
}

/** Focus that a disabled control dropped: on nothing, on the page, or still on the disabled control. */
const focusDropped = (element: Element | null) => element === null || element === document.body || element.matches(':disabled');

/**
 * "Run" (or R) submits the settings form; "Stop" (or Escape, anywhere on the
 * page: src/page/hooks/useShortcuts.ts) ends the run or sweep in progress. A
 * control that disables itself as a run starts or ends would drop keyboard
 * focus on the page's body: it goes to Stop when a run starts, and back to
 * Run when it ends.
 */
export const RunButtons = memo(function RunButtons({ running, canRun, onStop, waitReason = null, children }: RunButtonsProps) {
  const runRef = useRef<HTMLButtonElement>(null);
  const stopRef = useRef<HTMLButtonElement>(null);
  const wasRunning = useRef(running);

  useLayoutEffect(() => {
    if (wasRunning.current === running) return;
    wasRunning.current = running;
    const target = running ? stopRef.current : runRef.current;
    if (target && !target.disabled && focusDropped(document.activeElement)) target.focus();
  }, [running]);

  return (
    <div className="run-buttons">
      <button
        ref={runRef}
        type="submit"
        className="primary"
        disabled={running || !canRun}
        aria-keyshortcuts="R"
        {...(waitReason === null ? {} : { 'aria-describedby': 'run-wait-reason' })}
      >
        Run
      </button>
      <button ref={stopRef} type="button" disabled={!running} onClick={onStop} aria-keyshortcuts="Escape">
        Stop
      </button>
      {waitReason !== null && (
        <p id="run-wait-reason" className="hint run-wait-reason">
          {waitReason}
        </p>
      )}
      {children}
    </div>
  );
});
