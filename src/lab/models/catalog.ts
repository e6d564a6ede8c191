/**
 * The lesson's choices, each listed once: the types, the stored schema, the link and the
 * controls all derive from these lists, so a new model or task is added here first.
 */

/**
 * How the work shares the machine, as in the lesson's second half:
 * 'parallel': workers side by side, like Python processes;
 * 'lock': the same workers, but one shared lock lets one count at a time, handed over every
 *   switch interval, like Python threads under the GIL;
 * 'main-thread': tasks taking turns in slices on the page's own thread (concurrency without parallelism).
 */
export const EXECUTION_MODELS = ['parallel', 'lock', 'main-thread'] as const;
export type ExecutionModel = (typeof EXECUTION_MODELS)[number];

/** What each worker or task does: count (CPU-bound), or wait a set time (I/O-bound, like a network or disk wait). */
export const TASK_KINDS = ['cpu', 'io'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/**
 * The lesson's first half: what the page runs when a link names no model or task (and what
 * the link then leaves out), and what a series kept from before the models did.
 */
export const DEFAULT_MODEL: ExecutionModel = 'parallel';
export const DEFAULT_TASK: TaskKind = 'cpu';

/**
 * 'strong': the lesson's experiment, one fixed total split over the workers (ideal time falls as 1/k).
 * 'weak': every worker counts the same count (ideal time stays flat while there are cores).
 */
export const SCALINGS = ['strong', 'weak'] as const;
export type Scaling = (typeof SCALINGS)[number];

/**
 * "Kernel language": what the workers count in. 'javascript' is the app's own kernel (its loop in
 * JavaScript or WebAssembly, see KERNEL_KINDS); 'python' is the lesson's function run by a Python
 * interpreter (Pyodide) in every worker, its loading counted as a process's start-up.
 */
export const KERNEL_LANGUAGES = ['javascript', 'python'] as const;
export type KernelLanguage = (typeof KERNEL_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: KernelLanguage = 'javascript';

/** The app's own loop that counts (language 'javascript'): the JavaScript one written out in the kernel's step, or the WebAssembly one (src/shared/wasmKernel.ts). */
export const KERNEL_KINDS = ['js', 'wasm'] as const;
export type KernelKind = (typeof KERNEL_KINDS)[number];

/** How a run ended. */
export const RUN_STATUSES = ['done', 'stopped', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Which lock a run of 'Workers sharing one lock' used: Atomics on a SharedArrayBuffer, or a token passed by messages through the page. */
export const LOCK_KINDS = ['shared-memory', 'token'] as const;
export type LockKind = (typeof LOCK_KINDS)[number];

/** "Freeze the page" applies only where the page's own thread counts: the main thread's counting tasks. */
export function canFreeze(model: ExecutionModel, task: TaskKind): boolean {
  return model === 'main-thread' && task === 'cpu';
}

/** Whether a run of `model` counts on workers, leaving the page's own thread free: every model but the main thread's. */
export function countsOnWorkers(model: ExecutionModel): boolean {
  return model !== 'main-thread';
}

/** Whether `value` is one of `choices`: narrows a string read from a link or a file. */
export function isOneOf<const Choice extends string>(choices: readonly Choice[], value: unknown): value is Choice {
  return (choices as readonly unknown[]).includes(value);
}
