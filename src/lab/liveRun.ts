import { initialLabState, labReducer, type LabAction, type LabState, type Lanes, type Timeline } from './runState';

/** What the live parts of the page (the progress bars and the timeline) draw of the latest run. */
export interface LiveView {
  /** The lanes as the bars' words and ARIA values tell them: their progress changes with the timeline's redraws, not at every report. */
  lanes: Lanes | null;
  /** What each worker had counted at the latest report: the bars' fill, redrawn at every report. */
  fill: readonly number[] | null;
  timeline: Timeline | null;
}

/**
 * The lab as every action left it, and what its live parts draw. While a run goes, its
 * progress and timeline reach only this state: the page's own state (which the whole page
 * redraws for) gets them once, as the run ends.
 */
export interface LiveRunState {
  lab: LabState;
  view: LiveView;
}

const viewOf = (lab: LabState): LiveView => ({ lanes: lab.lanes, fill: lab.lanes?.progress ?? null, timeline: lab.timeline });

/** The view after a progress report: the new fill, and the new words too if a lane the words show at 0 has begun. */
function progressedView(view: LiveView, lanes: Lanes | null): LiveView {
  const fill = lanes?.progress ?? null;
  const begun = fill !== null && view.lanes !== null && view.lanes.runId === lanes?.runId && fill.some((counted, lane) => counted > 0 && view.lanes?.progress[lane] === 0);
  return begun ? { ...view, lanes, fill } : { ...view, fill };
}

export const initialLiveRun: LiveRunState = { lab: initialLabState, view: viewOf(initialLabState) };

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
export function liveRunStep(state: LiveRunState, action: LabAction): { state: LiveRunState; page: LabAction[] } {
  const lab = labReducer(state.lab, action);
  const going = state.lab.active;
  if (action.type === 'progressed' || action.type === 'timeline') {
    if (lab === state.lab) return { state, page: [] };
    // A report moves the fill only, and the words of a bar that still says 0 (at most once a lane, so
    // that a bar says at once that it has begun); the rest of the words follow at the timeline's redraws.
    const view = action.type === 'progressed' ? progressedView(state.view, lab.lanes) : viewOf(lab);
    return { state: { lab, view }, page: [] };
  }
  const page: LabAction[] = [];
  if (endsRun(action) && going?.id === action.runId) {
    const { lanes, timeline } = state.lab;
    if (lanes?.runId === going.id) page.push({ type: 'progressed', runId: going.id, progress: lanes.progress });
    if (timeline?.runId === going.id) page.push({ type: 'timeline', runId: going.id, events: timeline.events, nowMs: timeline.nowMs });
  }
  page.push(action);
  return { state: lab === state.lab ? state : { lab, view: viewOf(lab) }, page };
}
