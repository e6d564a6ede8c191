import { initialLabState, reduceRunFields, type ActiveRun, type LabAction, type Lanes, type RunFields, type Timeline } from './runState';
import type { RunRecord } from './types';

/** What the live parts of the page (the progress bars and the timeline) draw of the latest run. */
export interface LiveView {
  /** The lanes as the bars' words and ARIA values tell them: their progress changes with the timeline's redraws, not at every report. */
  lanes: Lanes | null;
  /** What each worker had counted at the latest report: the bars' fill, redrawn at every report. */
  fill: readonly number[] | null;
  timeline: Timeline | null;
}

/**
 * The latest run as every action left it, and what its live parts draw. While a run goes, its
 * progress and timeline reach only this state: the page's own state (which the whole page
 * redraws for) gets them once, as the run ends.
 */
export interface LiveRunState {
  /** Of the lab's state, what the live parts need: the run going, and the latest run's lanes and timeline as every action left them (`reduceRunFields`). */
  run: RunFields;
  view: LiveView;
}

const viewOf = (run: RunFields): LiveView => ({ lanes: run.lanes, fill: run.lanes?.progress ?? null, timeline: run.timeline });

/** Whether a report shows a lane begun that the words still show at 0. */
function laneBegun(view: LiveView, lanes: Lanes | null): boolean {
  const fill = lanes?.progress ?? null;
  return fill !== null && view.lanes !== null && view.lanes.runId === lanes?.runId && fill.some((counted, lane) => counted > 0 && view.lanes?.progress[lane] === 0);
}

/**
 * Whether `after` differs from `before` by the bars' fill alone: the page then moves the fill
 * without redrawing the Run region (each redraw of it took about 0.3% of a core from the workers
 * on a 2-core VM, however little changed); its words and the timeline wait for their own change.
 */
export function onlyFillMoved(before: LiveView, after: LiveView): boolean {
  return after !== before && after.fill !== before.fill && after.lanes === before.lanes && after.timeline === before.timeline;
}

/** How far a bar is filled (0 to 1): the lanes' progress, or the latest report (`fill`) when it is further; a lane with nothing to count is full. */
export function barFilled(share: number, counted: number, fill: number | undefined): number {
  return share > 0 ? Math.max(counted, fill ?? 0) / share : 1;
}

/** What the Run region draws of the latest run. */
export interface ShownRun {
  lanes: Lanes | null;
  /** The bars' fill at the latest report: only with the live view's lanes (the page's own lanes carry their progress). */
  fill: readonly number[] | null;
  timeline: Timeline | null;
  /** The run the lanes are of: the one going, or its record once kept; null for a warm-up, which is not kept, and without lanes. */
  lanesRun: ActiveRun | RunRecord | null;
}

/**
 * The Run region's choice between the live view (fresher while a run goes) and the page's own
 * lanes and timeline (which get the live ones as the run ends): the live parts only where they are
 * of the run the page's state shows, so that a view left from an earlier run never shows.
 */
export function shownRun(live: LiveView | null, { active, lanes, timeline, runs }: { active: ActiveRun | null; lanes: Lanes | null; timeline: Timeline | null; runs: readonly RunRecord[] }): ShownRun {
  const liveLanes = live?.lanes && live.lanes.runId === lanes?.runId ? live.lanes : null;
  const liveTimeline = live?.timeline && live.timeline.runId === timeline?.runId ? live.timeline : null;
  const lanesRun = lanes && (active?.id === lanes.runId ? active : (runs.find((run) => run.id === lanes.runId) ?? null));
  return { lanes: liveLanes ?? lanes, fill: liveLanes ? (live?.fill ?? null) : null, timeline: liveTimeline ?? timeline, lanesRun };
}

/** One step of the live state: the new state, the actions the page's own state takes, and whether the view must be drawn at once. */
export interface LiveRunStep {
  state: LiveRunState;
  page: LabAction[];
  /**
   * True when the view changed and must be drawn at once: a run started or ended, or a lane
   * began (a bar says at once that it has begun). A report's fill and the timeline's growth wait
   * for the page's next live redraw, with the frame meter's (src/page/hooks/liveRedraws.ts).
   */
  drawNow: boolean;
}

export const initialLiveRun: LiveRunState = { run: { active: null, lanes: null, timeline: null }, view: viewOf(initialLabState) };

/** The actions that end a run. */
const endsRun = (action: LabAction): action is Extract<LabAction, { type: 'finished' | 'stopped' | 'failed' }> =>
  action.type === 'finished' || action.type === 'stopped' || action.type === 'failed';

/**
 * Takes one of the lab's actions: the new live state, and the actions the page's own state
 * takes for it. A progress report or a timeline batch of the run going goes to the live view
 * only (every redraw of the whole page took about 1% of a core from the workers on a 2-core
 * VM); as the run ends, the page's state first gets what it missed: the latest progress and
 * every event of the run's timeline. Everything else goes to both, unchanged.
 */
export function liveRunStep(state: LiveRunState, action: LabAction): LiveRunStep {
  const { run } = reduceRunFields(state.run, action);
  const going = state.run.active;
  if (action.type === 'progressed' || action.type === 'timeline') {
    if (run === state.run) return { state, page: [], drawNow: false };
    // A report moves the fill only, and the words of a bar that still says 0 (at most once a lane, so
    // that a bar says at once that it has begun); the rest of the words follow at the timeline's redraws.
    const begun = action.type === 'progressed' && laneBegun(state.view, run.lanes);
    const fill = run.lanes?.progress ?? null;
    const view = action.type === 'timeline' ? viewOf(run) : begun ? { ...state.view, lanes: run.lanes, fill } : { ...state.view, fill };
    return { state: { run, view }, page: [], drawNow: begun };
  }
  const page: LabAction[] = [];
  if (endsRun(action) && going?.id === action.runId) {
    const { lanes, timeline } = state.run;
    if (lanes?.runId === going.id) page.push({ type: 'progressed', runId: going.id, progress: lanes.progress });
    if (timeline?.runId === going.id) page.push({ type: 'timeline', runId: going.id, events: timeline.events, nowMs: timeline.nowMs });
  }
  page.push(action);
  return run === state.run ? { state, page, drawNow: false } : { state: { run, view: viewOf(run) }, page, drawNow: true };
}
