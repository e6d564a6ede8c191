import { readCount } from './count';
import { DEFAULT_TOTAL, readLink, readQuery, writeLink } from './settings';
import { allWorkerCounts, DEFAULT_REPEATS } from './sweep';
import type { Scaling } from './types';

/** Fresh workers for every run, or a pool started once. */
export type WorkerKind = 'fresh' | 'pool';

/**
 * Every setting of the page in one place: what the controls show, what the
 * link carries, and what a run or a sweep reads. Texts stay as typed, so that
 * a field with a mistake keeps what was typed and says what is wrong.
 */
export interface PageSettings {
  /** The "Workers" slider, 1 … workerLimit. */
  workers: number;
  /** The "Total count" as somebody chose it (link, field, preset); null until then, while the calibration sizes it. */
  chosenCount: string | null;
  /** The "Worker counts" of a sweep, as typed. */
  workerCountsText: string;
  /** The "Repeats" of a sweep, as typed. */
  repeatsText: string;
  scaling: Scaling;
  workerKind: WorkerKind;
}

export type SettingsAction =
  | { type: 'workers'; workers: number }
  | { type: 'count'; text: string }
  | { type: 'worker-counts'; text: string }
  | { type: 'repeats'; text: string }
  | { type: 'scaling'; scaling: Scaling }
  | { type: 'worker-kind'; workerKind: WorkerKind };

/** What the page has to know before it reads a link. */
export interface SettingsContext {
  /** The cores to plan for (the slider starts there). */
  cores: number;
  /** The slider's top. */
  workerLimit: number;
}

/** The settings a link asks for, checked, and one sentence for each value it changed. */
export function settingsFromLink(search: string, { cores, workerLimit }: SettingsContext): { settings: PageSettings; notices: string[] } {
  const link = readLink(search, { workers: cores, total: DEFAULT_TOTAL }, workerLimit);
  // A count the link could not read is ignored, as its notice says: the calibration stays in charge.
  const linked = readQuery(search).get('count');
  const usable = linked !== undefined && !['empty', 'malformed'].includes(readCount(linked).kind);
  return {
    settings: {
      workers: link.settings.workers,
      chosenCount: usable ? String(link.settings.total) : null,
      workerCountsText: allWorkerCounts(workerLimit),
      repeatsText: String(DEFAULT_REPEATS),
      scaling: 'strong',
      workerKind: 'fresh',
    },
    notices: link.notices,
  };
}

/**
 * The settings' reducer for a page whose slider goes to `workerLimit`. A
 * worker count from anywhere is made a whole number within the slider's range.
 */
export function settingsReducer(workerLimit: number) {
  return (state: PageSettings, action: SettingsAction): PageSettings => {
    switch (action.type) {
      case 'workers': {
        const workers = Number.isFinite(action.workers) ? Math.min(workerLimit, Math.max(1, Math.round(action.workers))) : state.workers;
        return workers === state.workers ? state : { ...state, workers };
      }
      case 'count':
        return { ...state, chosenCount: action.text };
      case 'worker-counts':
        return { ...state, workerCountsText: action.text };
      case 'repeats':
        return { ...state, repeatsText: action.text };
      case 'scaling':
        return { ...state, scaling: action.scaling };
      case 'worker-kind':
        return { ...state, workerKind: action.workerKind };
    }
  };
}

/** The link that brings these settings back, or null while the count cannot run. */
export function settingsLink(settings: PageSettings, count: number | null): string | null {
  return count === null ? null : writeLink({ workers: settings.workers, total: count });
}
