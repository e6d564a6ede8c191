import { readCount } from '../measurement/count';
import { EXECUTION_MODELS, TASK_KINDS } from '../models/catalog';
import { DEFAULT_TOTAL, readLink, readQuery, writeLink } from './settings';
import { allWorkerCounts, DEFAULT_REPEATS } from './sweep';
import type { ExecutionModel, Scaling, TaskKind } from '../types';

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
  /** "Execution model": workers in parallel, workers sharing one lock, or the page's own thread. */
  model: ExecutionModel;
  /** "Task": counting (CPU-bound) or waiting (I/O-bound). */
  task: TaskKind;
  /** "Freeze the page": the main-thread model runs its slices back to back, without yielding. Not in links. */
  freeze: boolean;
  /** "Prediction (ms)", as typed: one time, or one per worker count ("1: 3000, 2: 1600"). Not in links. */
  predictionText: string;
  /** "Presentation mode": the controls, the lanes and the chart fill the screen, large. In links as `present=1`; remembered across reloads. */
  present: boolean;
}


export type SettingsAction =
  | { type: 'workers'; workers: number }
  | { type: 'count'; text: string }
  | { type: 'worker-counts'; text: string }
  | { type: 'repeats'; text: string }
  | { type: 'scaling'; scaling: Scaling }
  | { type: 'worker-kind'; workerKind: WorkerKind }
  | { type: 'model'; model: ExecutionModel }
  | { type: 'task'; task: TaskKind }
  | { type: 'freeze'; freeze: boolean }
  | { type: 'present'; present: boolean }
  | { type: 'prediction'; text: string };

/** What the page has to know before it reads a link. */
export interface SettingsContext {
  /** The cores to plan for (the slider starts there). */
  cores: number;
  /** The slider's top. */
  workerLimit: number;
}

/** Shortens what a link carried before quoting it back, so a hostile link cannot flood the page. */
function quote(value: string): string {
  return `“${value.length > 24 ? `${value.slice(0, 24)}…` : value}”`;
}

/** One of `allowed`, read from the link's `name`; a notice when it is something else. */
function readChoice<T extends string>(params: Map<string, string>, name: string, allowed: readonly T[], fallback: T, notices: string[]): T {
  const value = params.get(name);
  if (value === undefined) return fallback;
  const found = allowed.find((choice) => choice === value.trim().toLowerCase());
  if (found !== undefined) return found;
  notices.push(`The link’s ${name}=${quote(value)} is not one of ${allowed.join(', ')}, so it was ignored.`);
  return fallback;
}

/** `present=1` or `present=0` (also true/false, on/off, yes/no); anything else is ignored with a notice. */
function readSwitch(params: Map<string, string>, name: string, fallback: boolean, notices: string[]): boolean {
  const value = params.get(name);
  if (value === undefined) return fallback;
  const word = value.trim().toLowerCase();
  if (['1', 'true', 'on', 'yes'].includes(word)) return true;
  if (['0', 'false', 'off', 'no'].includes(word)) return false;
  notices.push(`The link’s ${name}=${quote(value)} is not 1 or 0, so it was ignored.`);
  return fallback;
}

/** What the page remembers from the last visit, read by the caller: it holds unless the link says otherwise. */
export interface Remembered {
  present?: boolean;
}

/** The settings a link asks for, checked, and one sentence for each value it changed. */
export function settingsFromLink(
  search: string,
  { cores, workerLimit }: SettingsContext,
  remembered: Remembered = {},
): { settings: PageSettings; notices: string[] } {
  const link = readLink(search, { workers: cores, total: DEFAULT_TOTAL }, workerLimit);
  // A count the link could not read is ignored, as its notice says: the calibration stays in charge.
  const linked = readQuery(search).get('count');
  const usable = linked !== undefined && !['empty', 'malformed'].includes(readCount(linked).kind);
  const params = readQuery(search);
  const notices = [...link.notices];
  const model = readChoice(params, 'model', EXECUTION_MODELS, 'parallel', notices);
  const task = readChoice(params, 'task', TASK_KINDS, 'cpu', notices);
  const present = readSwitch(params, 'present', remembered.present === true, notices);
  return {
    settings: {
      workers: link.settings.workers,
      chosenCount: usable ? String(link.settings.total) : null,
      workerCountsText: allWorkerCounts(workerLimit),
      repeatsText: String(DEFAULT_REPEATS),
      scaling: 'strong',
      workerKind: 'fresh',
      model,
      task,
      freeze: false,
      predictionText: '',
      present,
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
      case 'worker-kind':
        return { ...state, workerKind: action.workerKind };
      case 'model':
        return EXECUTION_MODELS.includes(action.model) ? { ...state, model: action.model } : state;
      case 'task':
        return TASK_KINDS.includes(action.task) ? { ...state, task: action.task } : state;
      case 'freeze':
        return { ...state, freeze: action.freeze };
      case 'prediction':
        return { ...state, predictionText: action.text };
      case 'present':
        return state.present === action.present ? state : { ...state, present: action.present };
    }
  };
}

/**
 * The link that brings these settings back, or null while the count cannot run. The model and the
 * task are written only when they are not the defaults, so the lesson's first links stay short.
 */
export function settingsLink(settings: PageSettings, count: number | null): string | null {
  if (count === null) return null;
  const model = settings.model === 'parallel' ? '' : `&model=${settings.model}`;
  const task = settings.task === 'cpu' ? '' : `&task=${settings.task}`;
  const present = settings.present ? '&present=1' : '';
  return `${writeLink({ workers: settings.workers, total: count })}${model}${task}${present}`;
}
