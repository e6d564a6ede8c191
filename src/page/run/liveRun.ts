import { initialLiveRun, liveRunStep, onlyFillMoved, type LiveView } from '../../lab/liveRun';
import type { LabAction } from '../../lab/runState';
import type { RedrawGrid } from '../../lab/redrawGrid';

/** The live view of the latest run, kept outside the page's state: only what draws it (the bars, the timeline) is redrawn when it changes. */
export interface LiveRunSource {
  view: () => LiveView;
  /** Calls `onChange` whenever the view changes, except when only the bars' fill moved; returns the unsubscribe. */
  subscribe: (onChange: () => void) => () => void;
  /**
   * Calls `onFill` with the bars' latest fill at a tick where only it moved (the view's
   * readers are not told then): the bars move it themselves, with no redraw of the Run region.
   * Returns the unsubscribe.
   */
  subscribeFill: (onFill: (fill: readonly number[] | null) => void) => () => void;
}

/**
 * Stands in front of the page's `dispatch` (src/lab/liveRun.ts decides): a run's progress and
 * timeline reach the live view while it goes, and the page's state as it ends. What a report or
 * the timeline's growth changes is shown at the next tick of `grid` (with the frame meter's step,
 * in one frame), a report that moves only the fill through `subscribeFill`, with no redraw of the
 * view's readers; a run's start and end and a lane's first report, at once.
 */
export function liveRunStore(dispatch: (action: LabAction) => void, grid: RedrawGrid): LiveRunSource & { dispatch: (action: LabAction) => void } {
  let state = initialLiveRun;
  let waiting = false;
  let fillWaiting = false;
  const listeners = new Set<() => void>();
  const fillListeners = new Set<(fill: readonly number[] | null) => void>();
  let leaveGrid: (() => void) | null = null;
  const tell = () => {
    // The view holds the latest fill: a redraw draws it too.
    waiting = false;
    fillWaiting = false;
    for (const listener of [...listeners]) listener();
  };
  const tellFill = () => {
    fillWaiting = false;
    for (const listener of [...fillListeners]) listener(state.view.fill);
  };
  return {
    view: () => state.view,
    subscribe: (onChange) => {
      listeners.add(onChange);
      leaveGrid ??= grid.subscribe(() => {
        if (waiting) tell();
        else if (fillWaiting) tellFill();
      });
      return () => {
        listeners.delete(onChange);
        if (listeners.size === 0 && leaveGrid) {
          leaveGrid();
          leaveGrid = null;
        }
      };
    },
    subscribeFill: (onFill) => {
      fillListeners.add(onFill);
      return () => {
        fillListeners.delete(onFill);
      };
    },
    dispatch: (action) => {
      const step = liveRunStep(state, action);
      const before = state.view;
      state = step.state;
      for (const pageAction of step.page) dispatch(pageAction);
      if (step.drawNow) tell();
      else if (onlyFillMoved(before, state.view)) fillWaiting = true;
      else if (state.view !== before) waiting = true;
    },
  };
}
