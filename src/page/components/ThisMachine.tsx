import { memo } from 'react';
import { coresNote, formatResolution } from '../../lab/measurement/machine';

interface ThisMachineProps {
  reportedCores: number | null;
  measuredCores: number | null;
  /** Why the runs shown do not measure the cores, or where the number comes from (Analysis.measuredCoresWords); null when they measured it. */
  measuredCoresWords?: string | null;
  crossOriginIsolated: boolean;
  sharedArrayBuffer: boolean;
  timerResolutionMs: number | null;
  browser: string;
  /** Which lock 'Workers sharing one lock' uses here, and what its hand-over cost, in words. */
  lock: string;
  /** Which loop the workers count with, and why, in words. */
  kernel: string;
}

/** The "This machine" region: what the browser reports and what the runs measured. */
export const ThisMachine = memo(function ThisMachine({
  reportedCores,
  measuredCores,
  measuredCoresWords = null,
  crossOriginIsolated,
  sharedArrayBuffer,
  timerResolutionMs,
  browser,
  lock,
  kernel,
}: ThisMachineProps) {
  const note = coresNote(reportedCores, measuredCores);
  return (
    <section className="machine" aria-labelledby="machine-title">
      <h2 id="machine-title">This machine</h2>
      <dl>
        <dt>Logical cores reported</dt>
        <dd>{reportedCores ?? 'not reported'}</dd>
        <dt>Cores the runs measured</dt>
        <dd>
          {measuredCores === null ? (measuredCoresWords ?? 'run a sweep to measure them') : measuredCores}
          {measuredCores !== null && measuredCoresWords !== null && ` (${measuredCoresWords})`}
          {note && <span className="note"> {note}</span>}
        </dd>
        <dt>Cross-origin isolated</dt>
        <dd>{crossOriginIsolated ? 'yes' : 'no (the clock is coarser, which does not matter for runs of seconds)'}</dd>
        <dt>Shared memory (SharedArrayBuffer)</dt>
        <dd>{sharedArrayBuffer ? 'available' : 'not available in this browser'}</dd>
        <dt>Lock for “Workers sharing one lock”</dt>
        <dd>{lock}</dd>
        <dt>Counting kernel</dt>
        <dd>{kernel}</dd>
        <dt>Timer resolution (measured)</dt>
        <dd>{timerResolutionMs === null ? 'unknown' : formatResolution(timerResolutionMs)}</dd>
        <dt>Browser</dt>
        <dd>{browser}</dd>
      </dl>
    </section>
  );
});
