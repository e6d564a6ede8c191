import { initialLiveRun, liveRunStep, type LiveView } from '../../lab/liveRun';
import type { LabAction } from '../../lab/runState';
import type { RedrawGrid } from '../../lab/redrawGrid';

/** The live view of the latest run, kept outside the page's state: only what draws it (the bars, the timeline) is redrawn when it changes. */
export interface LiveRunSource {
  view: () => LiveView;
  /** Calls `onChange` whenever the view changes; returns the unsubscribe. */
  subscribe: (onChange: () => void) => () => void;
}

/**
 * Stands in front of the page's `dispatch` (src/lab/liveRun.ts decides): a run's progress and
 * timeline reach the live view while it goes, and the page's state as it ends. What a report or
 * the timeline's growth changes is shown at the next tick of `grid` (with the frame meter's step,
 * in one frame); a run's start and end and a lane's first report, at once.
 */
export function liveRunStore(dispatch: (action: LabAction) => void, grid: RedrawGrid): LiveRunSource & { dispatch: (action: LabAction) => void } {
  let state = initialLiveRun;
  let waiting = false;
  const listeners = new Set<() => void>();
  let leaveGrid: (() => void) | null = null;
  const tell = () => {
    waiting = false;
    for (const listener of [...listeners]) listener();
  };
  return {
    view: () => state.view,
    subscribe: (onChange) => {
      listeners.add(onChange);
      leaveGrid ??= grid.subscribe(() => {
        if (waiting) tell();
      });
      return () => {
        listeners.delete(onChange);
        if (listeners.size === 0 && leaveGrid) {
          leaveGrid();
          leaveGrid = null;
        }
      };
    },
    dispatch: (action) => {
      const step = liveRunStep(state, action);
      const changed = step.state.view !== state.view;
      state = step.state;
      for (const pageAction of step.page) dispatch(pageAction);
      if (step.drawNow) tell();
      else if (changed) waiting = true;
    },
  };
}
