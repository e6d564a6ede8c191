/**
 * The lesson's second half in words: what each execution model and task is
 * called on the page, and the contrast the runs show (waiting gains in every
 * model, counting only with workers in parallel), with the measured numbers.
 */
import { median } from '../measurement/stats';
import { EXECUTION_MODELS } from '../models/catalog';
import { formatDuration } from './duration';
import type { ExecutionModel, LockKind, RunRecord, Scaling, TaskKind } from '../types';

export const MODEL_LABELS: Readonly<Record<ExecutionModel, string>> = {
  parallel: 'Workers in parallel',
  lock: 'Workers sharing one lock',
  'main-thread': 'Main thread',
};

export const TASK_LABELS: Readonly<Record<TaskKind, string>> = {
  cpu: 'CPU-bound: counting',
  io: 'I/O-bound: waiting',
};

/** The "Work" choice: the lesson's fixed total split over the workers, or the same count for each. */
export const SCALING_LABELS: Readonly<Record<Scaling, string>> = {
  strong: 'Split a fixed total',
  weak: 'Same count per worker',
};

/** What each model stands for in the Python lesson, in a few words. */
export const MODEL_HINTS: Readonly<Record<ExecutionModel, string>> = {
  parallel: 'like Python processes: each counts on a core of its own while there are cores enough; beyond them, the operating system takes turns between the workers.',
  lock: 'like Python threads under the GIL: one counts at a time, handing the lock over every 5 ms.',
  'main-thread': 'tasks taking turns in 5 ms slices on the page’s own thread, like Python’s asyncio tasks on one thread.',
};

/** What each model stands for when its lanes wait: a wait needs no core, so nothing of the counting hints holds (no core each, no lock held, no turns). */
export const MODEL_WAITING_HINTS: Readonly<Record<ExecutionModel, string>> = {
  parallel: 'like Python processes waiting for a disk or the network: a waiting worker needs no core, so the waits overlap, beyond the cores too.',
  lock: 'like Python threads waiting for a disk or the network: a waiting worker gives the lock up, as a thread gives up the GIL, and needs no core, so the waits overlap.',
  'main-thread': 'like Python’s asyncio tasks awaiting a disk or the network on one thread: the page’s thread starts every timer, and a wait needs no core, so the waits overlap.',
};

/**
 * The hint under the model and task choices: what the model stands for in the lesson, for the
 * task chosen (for waiting, what is true of waiting, first), then how long each wait is.
 * `waitText` is "each of 2 tasks waits 1,500 ms", or null while the count cannot run.
 */
export function modelHint(model: ExecutionModel, task: TaskKind, waitText: string | null): string {
  if (task === 'cpu') return `${MODEL_LABELS[model]}: ${MODEL_HINTS[model]}`;
  const waits = waitText ? ` Waiting: ${waitText}, as long as counting it takes one worker here, without using a core.` : '';
  return `${MODEL_LABELS[model]}: ${MODEL_WAITING_HINTS[model]}${waits}`;
}

/** What the lanes of counting workers cannot show when they outnumber the cores. */
export interface CoreTurnsWords {
  workers: number;
  cores: number;
  /** The run still goes. */
  live: boolean;
  /** The run whose one worker alone the shares of a core are measured against, null for the speed measured as the page opened; undefined when no share is shown. */
  speedFromRun?: number | null;
}

/**
 * "8 workers, 2 cores: the operating system takes turns between the workers, out of the page’s
 * sight, …", in the past once the run ended; shorter when the bars show shares of a core, with what they are measured against.
 */
export function coreTurnsSentence({ workers, cores, live, speedFromRun }: CoreTurnsWords): string {
  const onCores = `${String(workers)} workers, ${String(cores)} ${cores === 1 ? 'core' : 'cores'}`;
  if (live) {
    return `${onCores}: the operating system takes turns between the workers, out of the page’s sight, so each lane’s “counting” means its turn comes and goes.`;
  }
  if (speedFromRun === undefined) {
    return `${onCores}: the operating system took turns between the workers, out of the page’s sight, so each lane’s “counting” was its turn coming and going.`;
  }
  // Short, and true whether a share sits under its bar or beside it (presentation mode).
  const against = speedFromRun === null ? 'as the page opened' : `in run ${String(speedFromRun)}`;
  return `${onCores}: the system took turns between them, unseen. Each bar shows its worker’s share of a core against one worker alone ${against}.`;
}

/**
 * What one lane of a model is: a worker, or a task on the page's own thread. Only workers are
 * started fresh or taken from a pool.
 */
export const LANE_NOUN: Readonly<Record<ExecutionModel, 'worker' | 'task'>> = {
  parallel: 'worker',
  lock: 'worker',
  'main-thread': 'task',
};

/** What follows "2 workers" or "2 tasks" in a sentence. */
const LANES_HOW: Readonly<Record<ExecutionModel, string>> = {
  parallel: '',
  lock: ' sharing one lock',
  'main-thread': ' on the main thread',
};

/** "2 workers", "2 workers sharing one lock", "2 tasks on the main thread". */
export function lanesInWords(model: ExecutionModel, lanes: number): string {
  return `${String(lanes)} ${LANE_NOUN[model]}${lanes === 1 ? '' : 's'}${LANES_HOW[model]}`;
}

/** "Worker 1" or, on the page's own thread, "Task 1", for lane 0. */
export function laneLabel(model: ExecutionModel, lane: number): string {
  const noun = LANE_NOUN[model];
  return `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${String(lane + 1)}`;
}

/** Where each model comes in the contrast, in the order the lesson tells them: a new model fails the type check until it has its place. */
const CONTRAST_PLACE: Readonly<Record<ExecutionModel, number>> = { 'main-thread': 0, lock: 1, parallel: 2 };
const CONTRAST_ORDER: readonly ExecutionModel[] = [...EXECUTION_MODELS].sort((a, b) => CONTRAST_PLACE[a] - CONTRAST_PLACE[b]);
const CONTRAST_WORDS: Readonly<Record<ExecutionModel, string>> = {
  'main-thread': 'on the main thread',
  lock: 'with workers sharing one lock',
  parallel: 'with workers in parallel',
};
const CONTRAST_TASKS: Readonly<Record<TaskKind, string>> = { io: 'Waiting', cpu: 'Counting' };

/** A median this many times another's is a clear difference; within it, the models tie. */
export const CLEAR_GAIN = 1.25;

interface Comparison {
  task: TaskKind;
  lanes: number;
  /** Median wall-clock time (ms) per model that has runs. */
  medians: Map<ExecutionModel, number>;
}

/**
 * For one task, the models' median times at the same worker count, total and scaling:
 * those of the latest run of that task with more than one worker.
 */
function compare(runs: readonly RunRecord[], task: TaskKind): Comparison | null {
  const ofTask = runs.filter((run) => run.task === task && run.workers > 1);
  const latest = ofTask.at(-1);
  if (!latest) return null;
  // Python counts about a hundred times slower than JavaScript: only runs in the latest run's language compare.
  const language = latest.language ?? 'javascript';
  const alike = ofTask.filter(
    (run) => run.workers === latest.workers && run.count === latest.count && run.scaling === latest.scaling && (run.language ?? 'javascript') === language,
  );
  const medians = new Map<ExecutionModel, number>();
  for (const model of CONTRAST_ORDER) {
    const value = median(alike.filter((run) => run.model === model).map((run) => run.wallMs ?? 0));
    if (value !== null) medians.set(model, value);
  }
  return medians.size >= 2 ? { task, lanes: latest.workers, medians } : null;
}

function timesSentence({ task, lanes, medians }: Comparison): string {
  const times = [...medians.entries()].map(([model, ms]) => `${formatDuration(ms, 'brief')} ${CONTRAST_WORDS[model]}`);
  const list = times.length === 2 ? times.join(', ') : `${times.slice(0, -1).join(', ')}, ${times.at(-1) ?? ''}`;
  return `${CONTRAST_TASKS[task]}: ${String(lanes)} tasks took ${list}.`;
}

/** What the waiting runs show: every model gains, or (on a busy machine) not. */
function waitingConclusion(medians: Map<ExecutionModel, number>): string {
  const values = [...medians.values()];
  const spread = Math.max(...values) / Math.min(...values);
  return spread <= CLEAR_GAIN
    ? 'Waiting needs no core, so the waits overlap in every model: the lock and the main thread lose nothing.'
    : `The waits took ${spread.toFixed(1)}× longer in one model than in another: on a busy machine timers fire late. Run them again.`;
}

/** What the counting runs show: only workers in parallel gain, or (where there is one core) none. */
function countingConclusion(medians: Map<ExecutionModel, number>): string | null {
  const parallel = medians.get('parallel');
  const others = [...medians.entries()].filter(([model]) => model !== 'parallel').map(([, ms]) => ms);
  if (parallel === undefined || others.length === 0) return null;
  const slowest = Math.min(...others) / parallel;
  return slowest >= CLEAR_GAIN
    ? `Counting needs a core: only workers in parallel use more than one, ${slowest.toFixed(1)}× faster here; under one lock or on one thread the tasks take turns.`
    : 'Workers in parallel were not clearly faster at counting here: is there only one free core?';
}

/** What each task's runs show, in the order the lesson tells them: waiting first, then counting. */
const CONCLUSIONS: Readonly<Record<TaskKind, (medians: Map<ExecutionModel, number>) => string | null>> = {
  io: waitingConclusion,
  cpu: countingConclusion,
};

/**
 * The lesson's conclusion in sentences, from the runs that held: for each task, the
 * models' median times at the same worker count and total, then what they show. Empty
 * until some task has runs of two models with more than one worker.
 */
export function contrastSentences(runs: readonly RunRecord[]): string[] {
  const sentences: string[] = [];
  for (const task of ['io', 'cpu'] as const) {
    const comparison = compare(runs, task);
    if (!comparison) continue;
    sentences.push(timesSentence(comparison));
    const conclusion = CONCLUSIONS[task](comparison.medians);
    if (conclusion) sentences.push(conclusion);
  }
  return sentences;
}

/** What the waiting tasks of a run will wait: "each of 2 tasks waits 1.50 s", "1 task waits 850 ms". */
export function waitInWords(waitsMs: readonly number[]): string | null {
  if (waitsMs.length === 0) return null;
  const longest = Math.max(...waitsMs);
  const shortest = Math.min(...waitsMs);
  const brief = (ms: number) => formatDuration(ms, 'brief');
  if (waitsMs.length === 1) return `1 task waits ${brief(longest)}`;
  // Shares that differ by one count wait the same time, as the page shows it.
  const each = brief(shortest) === brief(longest) ? brief(longest) : `${brief(shortest)} to ${brief(longest)}`;
  return `each of ${String(waitsMs.length)} tasks waits ${each}`;
}

/** The lock 'Workers sharing one lock' uses on this page: shared memory where there is a SharedArrayBuffer in an isolated page, else the token. */
export function lockKindHere(sharedArrayBuffer: boolean, crossOriginIsolated: boolean): LockKind {
  return sharedArrayBuffer && crossOriginIsolated ? 'shared-memory' : 'token';
}

/** "Atomics on shared memory (a real lock); the latest hand-over took 0.04 ms", for "This machine". */
export function lockInWords(kind: LockKind, runs: readonly RunRecord[]): string {
  const what =
    kind === 'shared-memory'
      ? 'a real lock: Atomics on shared memory (SharedArrayBuffer), the workers wait in Atomics.wait'
      : 'a token passed from worker to worker by messages through the page, since there is no shared memory here (a slower hand-over)';
  const latest = runs.findLast((run) => run.status === 'done' && run.lock?.kind === kind && run.lock.meanHandoverMs !== null);
  const cost = latest?.lock?.meanHandoverMs;
  if (cost === undefined || cost === null) return `${what}.`;
  return `${what}. Hand-over in run ${String(latest?.id)}: ${cost < 1 ? cost.toFixed(3) : cost.toFixed(1)} ms on average, over ${String(latest?.lock?.handovers)} hand-overs.`;
}
