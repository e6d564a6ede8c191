import { initialLiveRun, liveRunStep, type LiveView } from '../../lab/liveRun';
import type { LabAction } from '../../lab/runState';

/** The live view of the latest run, kept outside the page's state: only what draws it (the bars, the timeline) is redrawn when it changes. */
export interface LiveRunSource {
  view: () => LiveView;
  /** Calls `onChange` whenever the view changes; returns the unsubscribe. */
  subscribe: (onChange: () => void) => () => void;
}

/**
 * Stands in front of the page's `dispatch` (src/lab/liveRun.ts decides): a run's progress and
 * timeline reach the live view while it goes, and the page's state as it ends.
 */
export function liveRunStore(dispatch: (action: LabAction) => void): LiveRunSource & { dispatch: (action: LabAction) => void } {
  let state = initialLiveRun;
  const listeners = new Set<() => void>();
  return {
    view: () => state.view,
    subscribe: (onChange) => {
      listeners.add(onChange);
      return () => {
        listeners.delete(onChange);
      };
    },
    dispatch: (action) => {
      const step = liveRunStep(state, action);
      const changed = step.state.view !== state.view;
      state = step.state;
      for (const pageAction of step.page) dispatch(pageAction);
      if (changed) for (const listener of [...listeners]) listener();
    },
  };
}
