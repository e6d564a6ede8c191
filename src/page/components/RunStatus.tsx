import { useEffect, useRef, useSyncExternalStore } from 'react';
import { announce, quietAnnouncer, runStateText, sweepProgressText, type Announcer } from '../../lab/texts/announce';
import { coreTurns } from '../../lab/measurement/coreShare';
import { coreTurnsSentence } from '../../lab/texts/lesson';
import type { ActiveRun, Lanes, StoppedSweep, SweepProgress, Timeline as TimelineData } from '../../lab/runState';
import type { RunRecord } from '../../lab/types';
import { shownRun } from '../../lab/liveRun';
import type { LiveRunSource } from '../run/liveRun';
import { Timeline } from './Timeline';
import { WorkerLanes } from './WorkerLanes';

interface RunStatusProps {
  active: ActiveRun | null;
  lanes: Lanes | null;
  sweep: SweepProgress | null;
  runs: readonly RunRecord[];
  /** The latest sweep, when a Stop ended it before its last run: the line says so. */
  stoppedSweep: StoppedSweep | null;
  /** The latest run's timeline, drawn under the progress bars. */
  timeline?: TimelineData | null;
  /** The cores the browser reports (null when none): more counting workers than these take turns. */
  reportedCores?: number | null;
  /** One worker's speed as the page opened (ns per count), null if not measured: the shares of a core are measured against it when no run of one worker is. */
  calibratedNsPerCount?: number | null;
  /** The live view of the run going (useLab's `live`): its progress and timeline are fresher than `lanes` and `timeline`, which get them as it ends. */
  live?: LiveRunSource | null;
  /** "Quiet run": while a run or a sweep goes, no progress bars and no timeline (nor redraws for them); they come back as it ends. */
  quiet?: boolean;
}

const noSubscription = () => () => undefined;
const noView = () => null;

/**
 * The "Run" region: the sweep's progress, a line on the run in progress or the
 * latest one, and the workers' progress bars. Those change many times a sweep,
 * so they are statuses a screen reader can read but that do not speak
 * (aria-live="off"); one polite live region, kept on the page from the start so
 * that screen readers follow it, says what `announce` decides. A failed run is
 * an alert. The latest run's timeline comes under the bars.
 */
export function RunStatus({ active, lanes, sweep, runs, stoppedSweep, timeline = null, reportedCores = null, calibratedNsPerCount = null, live = null, quiet = false }: RunStatusProps) {
  const line = runStateText({ active, lanes, sweep, runs, stoppedSweep });
  const hushed = quiet && (active !== null || sweep !== null);
  // Only this region is redrawn as a run's progress comes: the live view, of the run the page's state shows (none in a quiet run).
  const liveSource = hushed ? null : live;
  const liveView = useSyncExternalStore(liveSource?.subscribe ?? noSubscription, liveSource?.view ?? noView);
  const { lanes: shownLanes, fill, timeline: shownTimeline, lanesRun } = shownRun(liveView, { active, lanes, timeline, runs });
  const turns = coreTurns({ lanes: shownLanes, timeline: shownTimeline, run: lanesRun, runs, reportedCores, calibratedNsPerCount });
  const liveRef = useRef<HTMLParagraphElement>(null);
  const announcer = useRef<Announcer>(quietAnnouncer);

  useEffect(() => {
    const next = announce(announcer.current, { active, lanes, sweep, runs, stoppedSweep }, performance.now());
    announcer.current = next;
    // Written here rather than rendered: what is said depends on when, which a render must not read.
    if (liveRef.current && liveRef.current.textContent !== next.text) liveRef.current.textContent = next.text;
  }, [active, lanes, sweep, runs, stoppedSweep]);

  return (
    <section className="now" aria-label="Run">
      <p ref={liveRef} className="visually-hidden" aria-live="polite" aria-atomic="true" />
      {sweep && (
        <p className="sweep-state" role="status" aria-live="off" aria-label="Sweep progress">
          {sweepProgressText(sweep)}
        </p>
      )}
      <p className={`run-state${line.failed ? ' failed' : ''}`} role={line.failed ? 'alert' : 'status'} aria-live={line.failed ? undefined : 'off'}>
        {line.text}
      </p>
      {hushed && <p className="hint quiet-run-note">Quiet run: the progress bars, the timeline and the frame meter come back when it ends.</p>}
      {shownLanes && !hushed && <WorkerLanes lanes={shownLanes} fill={fill} coreShares={turns?.shares} subscribeFill={fill && liveSource ? liveSource.subscribeFill : null} />}
      {shownTimeline && !hushed && (
        <Timeline
          timeline={shownTimeline}
          coreTurns={turns && coreTurnsSentence({ ...turns, ...(turns.speed ? { speedFromRun: turns.speed.runId } : {}) })}
        />
      )}
    </section>
  );
}
