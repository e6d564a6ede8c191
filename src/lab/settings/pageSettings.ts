import { EXECUTION_MODELS, isOneOf, KERNEL_LANGUAGES, TASK_KINDS } from '../models/catalog';
import { readLink, writeLink, type LinkContext, type Remembered } from './link';
import { defaultWorkerCounts, DEFAULT_REPEATS } from './sweep';
import type { ExecutionModel, KernelKind, KernelLanguage, Scaling, TaskKind } from '../types';

/** Fresh workers for every run, or a pool started once. */
export type WorkerReuse = 'fresh' | 'pool';

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
  workerReuse: WorkerReuse;
  /** "Execution model": workers in parallel, workers sharing one lock, or the page's own thread. */
  model: ExecutionModel;
  /** "Task": counting (CPU-bound) or waiting (I/O-bound). */
  task: TaskKind;
  /** "Freeze the page": the main-thread model runs its slices back to back, without yielding. Not in links. */
  freeze: boolean;
  /**
   * "Quiet run": while a run or a sweep goes, the progress bars, the timeline and the frame meter are not drawn
   * (the status line still says what the run does), so the page's thread takes as little as it can from the
   * workers. Remembered across reloads; not in links.
   */
  quiet: boolean;
  /** "Prediction (ms)", as typed: one time, or one per worker count ("1: 3000, 2: 1600"). Not in links. */
  predictionText: string;
  /** "Presentation mode": the controls, the lanes and the chart fill the screen, large. In links as `present=1`; remembered across reloads. */
  present: boolean;
  /** The link's `kernel=js` or `kernel=wasm`, which every run counts with; null lets the engine choose. Read once: no control changes it. */
  kernel: KernelKind | null;
  /** "Kernel language": JavaScript (the app's own loop) or Python (the lesson's function in an interpreter per worker). In links as `language=python`. */
  language: KernelLanguage;
}


export type SettingsAction =
  | { type: 'workers'; workers: number }
  | { type: 'count'; text: string }
  | { type: 'worker-counts'; text: string }
  | { type: 'repeats'; text: string }
  | { type: 'scaling'; scaling: Scaling }
  | { type: 'worker-reuse'; workerReuse: WorkerReuse }
  | { type: 'model'; model: ExecutionModel }
  | { type: 'task'; task: TaskKind }
  | { type: 'freeze'; freeze: boolean }
  | { type: 'quiet'; quiet: boolean }
  | { type: 'present'; present: boolean }
  | { type: 'prediction'; text: string }
  | { type: 'language'; language: KernelLanguage };

/** The settings a link asks for, checked (src/lab/settings/link.ts), and one sentence for each value it changed. */
export function settingsFromLink(search: string, context: LinkContext, remembered: Remembered = {}): { settings: PageSettings; notices: string[] } {
  const { link, notices } = readLink(search, context, remembered);
  return {
    settings: {
      workers: link.workers,
      // A count the link could not read is ignored, as its notice says: the calibration stays in charge.
      chosenCount: link.count === null ? null : String(link.count),
      workerCountsText: defaultWorkerCounts(context.cores, context.workerLimit),
      repeatsText: String(DEFAULT_REPEATS),
      scaling: 'strong',
      workerReuse: 'fresh',
      model: link.model,
      task: link.task,
      freeze: false,
      quiet: remembered.quiet === true,
      predictionText: '',
      present: link.present,
      kernel: link.kernel,
      language: link.language,
    },
    notices,
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
      case 'worker-reuse':
        return { ...state, workerReuse: action.workerReuse };
      case 'model':
        return isOneOf(EXECUTION_MODELS, action.model) ? { ...state, model: action.model } : state;
      case 'task':
        return isOneOf(TASK_KINDS, action.task) ? { ...state, task: action.task } : state;
      case 'freeze':
        return { ...state, freeze: action.freeze };
      case 'quiet':
        return state.quiet === action.quiet ? state : { ...state, quiet: action.quiet };
      case 'prediction':
        return { ...state, predictionText: action.text };
      case 'present':
        return state.present === action.present ? state : { ...state, present: action.present };
      case 'language':
        return isOneOf(KERNEL_LANGUAGES, action.language) && action.language !== state.language ? { ...state, language: action.language } : state;
    }
  };
}

/** The link that brings these settings back (src/lab/settings/link.ts), or null while the count cannot run. */
export function settingsLink(settings: PageSettings, count: number | null): string | null {
  if (count === null) return null;
  const { workers, model, task, present, kernel, language } = settings;
  return writeLink({ workers, count, model, task, present, kernel, language });
}
