import { describeRun, doingInWords, workersInWords } from './describe';
import { lanesInWords } from './lesson';
import { predictionAnswer } from '../settings/prediction';
import type { LanePhase, StoppedSweep, SweepProgress } from '../runState';
import type { ExecutionModel, RunRecord, TaskKind } from '../types';

/** What the "Run" region shows and says, from the lab's state. */
export interface RunView {
  active: { id: number; workers: number; model: ExecutionModel; task: TaskKind } | null;
  /** The progress bars: the run in progress, or as the last run left them. */
  lanes: { runId: number; phase: LanePhase } | null;
  sweep: SweepProgress | null;
  /** The latest sweep, when a Stop ended it before its last run. */
  stoppedSweep: StoppedSweep | null;
  runs: readonly RunRecord[];
}

/** A screen reader hears at most one note on a sweep's progress this often (ms): a 9-run sweep took 7 s and made 37 before. */
export const SWEEP_NEWS_MS = 10_000;

export const READY = 'Ready. Pick a number of workers and press Run, or run a sweep.';

/** Beside Run in the page's first moments, while the runs kept in this browser are read back (a run started then would be numbered before them). */
export const RUN_WAITS_FOR_KEPT_RUNS = 'Run waits a moment while the results kept in this browser are read back.';

/** "Sweep: run 3 of 7", shown for every run of a sweep. */
export function sweepProgressText(sweep: SweepProgress): string {
  const where = `${String(sweep.step)} of ${String(sweep.steps)}`;
  return sweep.warmUp ? `Sweep: warm-up run ${where} (not kept)` : `Sweep: run ${where}`;
}

/** "Sweep stopped after 5 of 9 runs." (in the pause after a run) or "Sweep stopped during run 6 of 9.", counted as the sweep's progress counts. */
export function sweepStoppedText(stopped: StoppedSweep): string {
  const where = `${String(stopped.step)} of ${String(stopped.steps)}`;
  return stopped.stop === 'after-run' ? `Sweep stopped after ${where} runs.` : `Sweep stopped during run ${where}.`;
}

/** A run's sentence, and when the class predicted its time, how the prediction went. */
export function runSentence(run: RunRecord, runs: readonly RunRecord[]): string {
  const sentence = describeRun(run, runs);
  const answer = run.status === 'done' && run.predictionMs !== null && run.wallMs !== null ? predictionAnswer(run.predictionMs, run.wallMs) : null;
  return answer === null ? sentence : `${sentence} ${answer}`;
}

/**
 * The line under the controls. A sweep's warm-up run is not recorded, so once
 * it ends the latest record is older than the bars on screen: saying that
 * record again would repeat a stale sentence, so the line says the warm-up ended.
 * A sweep that a Stop ended early says so first.
 */
export function runStateText(view: RunView): { text: string; failed: boolean } {
  const { active, lanes, runs } = view;
  if (active) {
    const who = lanesInWords(active.model, active.workers);
    const doing = doingInWords(active.task);
    return { text: lanes?.phase === 'starting' ? `Starting ${who}…` : `${doing[0].toUpperCase()}${doing.slice(1)} with ${who}…`, failed: false };
  }
  const stopped = view.stoppedSweep ? `${sweepStoppedText(view.stoppedSweep)} ` : '';
  const latest = runs.at(-1);
  if (lanes && lanes.phase === 'done' && lanes.runId !== latest?.id) {
    return { text: `${stopped}The warm-up run is done; it is not kept.`, failed: false };
  }
  if (!latest) return { text: stopped === '' ? READY : stopped.trim(), failed: false };
  return { text: `${stopped}${runSentence(latest, runs)}`, failed: latest.status === 'failed' };
}

/** What the announcer remembers between two looks at the lab. */
export interface Announcer {
  /** What the live region holds: a screen reader says it when it changes. */
  text: string;
  /** The run in progress at the last look. */
  activeId: number | null;
  /** The latest recorded run at the last look. */
  latestId: number | null;
  sweep: { id: number; startMs: number; newsMs: number; step: number } | null;
}

export const quietAnnouncer: Announcer = { text: '', activeId: null, latestId: null, sweep: null };

/** A sweep's length, spoken: "6.3 s", "75 s". */
const seconds = (ms: number) => `${ms < 60_000 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000))} s`;

function sweepEnded(runs: readonly RunRecord[], sweepId: number, elapsedMs: number, stopped: StoppedSweep | null): string {
  const kept = runs.filter((run) => run.sweepId === sweepId);
  const last = kept.at(-1);
  const count = `${String(kept.length)} ${kept.length === 1 ? 'run' : 'runs'}`;
  if (last?.status === 'stopped') return `Sweep stopped: ${count} kept, the last one stopped.`;
  // Stopped in the pause between two runs: every run kept went well, and the sweep did not finish.
  if (stopped?.id === sweepId) return `${sweepStoppedText(stopped).slice(0, -1)}: ${String(kept.length)} kept.`;
  if (last?.status === 'failed') return `Sweep ended: a run failed. ${count} kept.`;
  const workers = kept.map((run) => run.workers);
  const span = kept.length === 0 ? '' : `, ${String(Math.min(...workers))} to ${workersInWords(Math.max(...workers))}`;
  return `Sweep finished: ${count} in ${seconds(elapsedMs)}${span}. The summary, the charts and the tables are updated.`;
}

/**
 * The next state of the page's one polite live region. It speaks rarely: a
 * single run when it starts and when it ends; a sweep when it starts, at most
 * once every SWEEP_NEWS_MS while it goes (when a new run starts), and once when
 * it ends, with what it kept. A failed run is not repeated here: the page shows
 * it as an alert. `nowMs` is any monotonic clock.
 */
export function announce(previous: Announcer, view: RunView, nowMs: number): Announcer {
  const { active, sweep, runs } = view;
  const latest = runs.at(-1);
  const next: Announcer = { ...previous, activeId: active?.id ?? null, latestId: latest?.id ?? null };

  if (sweep && previous.sweep?.id !== sweep.id) {
    return {
      ...next,
      sweep: { id: sweep.id, startMs: nowMs, newsMs: nowMs, step: sweep.step },
      text: `Sweep started: ${String(sweep.steps)} runs, the first a warm-up that is not kept.`,
    };
  }
  if (sweep && previous.sweep) {
    const due = sweep.step !== previous.sweep.step && nowMs - previous.sweep.newsMs >= SWEEP_NEWS_MS;
    if (!due) return { ...next, sweep: { ...previous.sweep, step: sweep.step } };
    return { ...next, sweep: { ...previous.sweep, newsMs: nowMs, step: sweep.step }, text: `${sweepProgressText(sweep)}.` };
  }
  if (previous.sweep) {
    return { ...next, sweep: null, text: sweepEnded(runs, previous.sweep.id, nowMs - previous.sweep.startMs, view.stoppedSweep) };
  }
  if (active && active.id !== previous.activeId) {
    return { ...next, text: `Run started: ${doingInWords(active.task)} with ${lanesInWords(active.model, active.workers)}.` };
  }
  if (latest && latest.id !== previous.latestId && latest.status !== 'failed') {
    return { ...next, text: runSentence(latest, runs) };
  }
  return next;
}
