import type { ExecutionModel, TaskKind } from './catalog';

/** Whether a run of `model` and `task` is offered with Python, and if not, why in one sentence for beside the choice. */
export type PythonSupport = { offered: true } | { offered: false; why: string };

const TASK_WORDS: Readonly<Record<TaskKind, string>> = { cpu: 'Counting', io: 'Waiting' };

/** Why each model that Python does not run is not offered, the task's word first: one sentence. */
const NOT_OFFERED: Readonly<Partial<Record<ExecutionModel, (task: string) => string>>> = {
  'main-thread': (task) =>
    `${task} on the main thread runs with JavaScript only: with Python, the page's own thread would have to load a 10 MB interpreter and would freeze while Python runs.`,
};

/**
 * Which models and tasks run with Python: workers in parallel, and workers sharing one lock
 * (each calls the lesson's function in slices of a switch interval while it holds the lock, as
 * the GIL hands over), counting or waiting, each worker a Python process of its own. The others say why not (see NOT_OFFERED).
 */
export function pythonSupport(model: ExecutionModel, task: TaskKind): PythonSupport {
  const why = NOT_OFFERED[model];
  return why === undefined ? { offered: true } : { offered: false, why: why(TASK_WORDS[task]) };
}
