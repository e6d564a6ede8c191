import { MODEL_LABELS, TASK_LABELS } from './lesson';
import { splitTotal } from '../measurement/split';
import { LESSON_CORES, LESSON_TOTAL, lessonTimesInWords, PYTHON_LANES } from './pythonTime';
import type { ExecutionModel, TaskKind } from '../types';

/** What the lesson's Python program is asked to show: the lab's current settings. */
export interface LessonSettings {
  model: ExecutionModel;
  task: TaskKind;
  workers: number;
  /** The total count, split over the workers (counting tasks). */
  total: number;
  /** How long each worker waits (ms), for waiting tasks. */
  waitMs: number;
}

/** A whole number as a Python literal, its digits grouped by underscores: 1_000_000_000. */
export function pythonInteger(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`A Python integer literal needs a whole number, got ${String(value)}.`);
  const digits = String(Math.abs(value));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '_');
  return value < 0 ? `-${grouped}` : grouped;
}

/** Milliseconds as a Python float literal of seconds: 250 → 0.25, 1000 → 1.0. */
export function pythonSeconds(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`A wait must be a time ≥ 0 ms, got ${String(ms)}.`);
  // As a person writes it: to the millisecond (0.149, not 0.14859999999999998), below one by 3 significant
  // digits, rounded in seconds so that no division adds noise after the rounding.
  const seconds = String(ms >= 1 ? Math.round(ms) / 1000 : Number((ms / 1000).toPrecision(3)));
  return seconds.includes('.') || seconds.includes('e') ? seconds : `${seconds}.0`;
}

/**
 * The shares of src/lab/measurement/split.ts as a Python list expression: [250_000_000] * 4, or
 * [333_333_334] + [333_333_333] * 2 when the first ones carry the remainder.
 */
export function pythonShares(total: number, workers: number): string {
  const shares = splitTotal(total, workers);
  const runs: { share: number; times: number }[] = [];
  for (const share of shares) {
    const last = runs.at(-1);
    if (last?.share === share) last.times += 1;
    else runs.push({ share, times: 1 });
  }
  return runs.map(({ share, times }) => `[${pythonInteger(share)}]${times === 1 ? '' : ` * ${String(times)}`}`).join(' + ');
}

/** Counts before an asyncio task lets the others have a turn: about 5 ms of counting in CPython, like the GIL's switch interval. */
export const ASYNCIO_SLICE = 100_000;

const LESSON_FIGURES = `# The lesson, on ${String(LESSON_CORES)} cores, counting to ${pythonInteger(LESSON_TOTAL)}:\n# ${lessonTimesInWords()}.`;

/** One lane of each model in Python. */
const PYTHON_LANE: Readonly<Record<ExecutionModel, string>> = { parallel: 'process', lock: 'thread', 'main-thread': 'asyncio task' };

function header(settings: LessonSettings): string {
  const { model, task, workers } = settings;
  const one = workers === 1;
  const who = one ? PYTHON_LANE[model] : PYTHON_LANES[model];
  const count = pythonInteger(settings.total);
  const wait = pythonSeconds(settings.waitMs);
  const what = task === 'cpu' ? (one ? `counts to ${count}` : `count to ${count} between them`) : one ? `waits ${wait} s` : `each wait ${wait} s`;
  return `# ${String(workers)} ${who} ${what}. Save this as a file and run it with python3.`;
}

/** The module-level settings every program starts with. */
function constants(settings: LessonSettings): string {
  const lines = [`WORKERS = ${String(settings.workers)}`];
  if (settings.task === 'cpu') {
    lines.push(
      `TOTAL = ${pythonInteger(settings.total)}`,
      '# Each worker\'s share: they differ by at most 1 and add up to TOTAL, as in the lab.',
      `SHARES = ${pythonShares(settings.total, settings.workers)}`,
      'assert len(SHARES) == WORKERS and sum(SHARES) == TOTAL',
    );
  } else {
    lines.push(`WAIT = ${pythonSeconds(settings.waitMs)}  # seconds each worker waits, as for a disk or the network; waiting needs no core`);
  }
  return lines.join('\n');
}

/** The lesson's counting function, as the page's program writes it and as every Python worker runs it. */
export const COUNT_FUNCTION = `def count_to(n):
    count = 0
    while count < n:
        count += 1
    return count`;

function parallelProgram(settings: LessonSettings): string {
  const cpu = settings.task === 'cpu';
  return `${header(settings)}
# Each process has its own interpreter, memory and GIL: on enough cores they run at the same time.
${cpu ? `${LESSON_FIGURES}\n` : ''}import multiprocessing
import time

${constants(settings)}


${
  cpu
    ? `${COUNT_FUNCTION}


def work(share, results):
    results.put(count_to(share))`
    : `def work(wait, results):
    time.sleep(wait)
    results.put(wait)`
}


if __name__ == "__main__":
    start = time.perf_counter()
    results = multiprocessing.Queue()
    processes = [multiprocessing.Process(target=work, args=(${cpu ? 'share' : 'WAIT'}, results)) for ${cpu ? 'share in SHARES' : '_ in range(WORKERS)'}]
    for process in processes:
        process.start()
    done = [results.get() for _ in processes]
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - start
    ${
      cpu
        ? 'print(f"{WORKERS} processes counted to {sum(done):_} in {elapsed:.2f} s")'
        : 'print(f"{WORKERS} processes each waited {WAIT} s; all together took {elapsed:.2f} s")'
    }
`;
}

function lockProgram(settings: LessonSettings): string {
  const cpu = settings.task === 'cpu';
  return `${header(settings)}
# In CPython the global interpreter lock (GIL) lets one thread run Python code at a time. A thread
# that runs is asked to hand the lock over every sys.getswitchinterval() seconds (0.005 by default),
# so counting threads take turns and are no faster than one. A thread that waits (time.sleep, a file,
# the network) lets go of the lock, so waiting threads overlap.
# (A free-threaded build, such as python3.13t, has no GIL: there threads count in parallel.)
import sys
import threading
import time

${constants(settings)}


${
  cpu
    ? `${COUNT_FUNCTION}


def work(share, done, index):
    done[index] = count_to(share)`
    : `def work(wait, done, index):
    time.sleep(wait)
    done[index] = wait`
}


if __name__ == "__main__":
    print(f"The GIL is handed over every {sys.getswitchinterval()} s")
    start = time.perf_counter()
    done = [0] * WORKERS
    threads = [threading.Thread(target=work, args=(${cpu ? 'share' : 'WAIT'}, done, index)) for index${cpu ? ', share in enumerate(SHARES)' : ' in range(WORKERS)'}]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    ${
      cpu
        ? 'print(f"{WORKERS} threads counted to {sum(done):_} in {elapsed:.2f} s")'
        : 'print(f"{WORKERS} threads each waited {WAIT} s; all together took {elapsed:.2f} s")'
    }
`;
}

function mainThreadProgram(settings: LessonSettings): string {
  const cpu = settings.task === 'cpu';
  return `${header(settings)}
# One thread, one event loop: the tasks take turns. ${
    cpu
      ? `Each counts a slice, then awaits
# asyncio.sleep(0) so that the others get a turn: concurrency without parallelism, no faster
# than one task. Without that await, one task would hold the thread until its share is
# counted, as "Freeze the page" does in the lab.`
      : `A task that awaits asyncio.sleep lets the
# others run, so the waits overlap on one thread. (time.sleep would hold the one thread:
# the waits would add up.)`
  }
import asyncio
import time

${constants(settings)}${cpu ? `\nSLICE = ${pythonInteger(ASYNCIO_SLICE)}  # counts before a task lets the others have a turn` : ''}


${
  cpu
    ? `async def count_to(n):
    count = 0
    while count < n:
        end = min(n, count + SLICE)
        while count < end:
            count += 1
        await asyncio.sleep(0)
    return count`
    : `async def work(wait):
    await asyncio.sleep(wait)
    return wait`
}


async def main():
    start = time.perf_counter()
    done = await asyncio.gather(*(${cpu ? 'count_to(share) for share in SHARES' : 'work(WAIT) for _ in range(WORKERS)'}))
    elapsed = time.perf_counter() - start
    ${
      cpu
        ? 'print(f"{WORKERS} tasks counted to {sum(done):_} in {elapsed:.2f} s")'
        : 'print(f"{WORKERS} tasks each waited {WAIT} s; all together took {elapsed:.2f} s")'
    }


if __name__ == "__main__":
    asyncio.run(main())
`;
}

/** The lesson's program for each model. */
const PROGRAMS: Readonly<Record<ExecutionModel, (settings: LessonSettings) => string>> = {
  parallel: parallelProgram,
  lock: lockProgram,
  'main-thread': mainThreadProgram,
};

/**
 * The lesson's Python 3 program for a model and task, with the lab's numbers in it:
 * 'parallel' → multiprocessing.Process, 'lock' → threading.Thread under the GIL,
 * 'main-thread' → asyncio tasks taking turns on one thread. Counting splits TOTAL
 * exactly as the lab does; waiting has every worker wait WAIT seconds with time.sleep
 * (asyncio.sleep for tasks). Prints what was counted and the wall-clock time.
 */
export function pythonProgram(settings: LessonSettings): string {
  if (!Number.isSafeInteger(settings.workers) || settings.workers < 1) {
    throw new RangeError(`workers must be a whole number ≥ 1, got ${String(settings.workers)}`);
  }
  return PROGRAMS[settings.model](settings);
}

/** How each model's lanes are named in the caption, for `workers` of them. */
const CAPTION_LANES: Readonly<Record<ExecutionModel, (workers: number) => string>> = {
  parallel: (workers) => `${String(workers)} process${workers === 1 ? '' : 'es'} (multiprocessing.Process)`,
  lock: (workers) => `${String(workers)} thread${workers === 1 ? '' : 's'} (threading.Thread, under the GIL)`,
  'main-thread': (workers) => `${String(workers)} asyncio task${workers === 1 ? '' : 's'} on one thread`,
};

/** One sentence on what the Python program does with these settings, for the panel and its Copy button. */
export function programCaption(settings: LessonSettings): string {
  const { model, task, workers } = settings;
  const who = CAPTION_LANES[model](workers);
  const one = workers === 1;
  const what =
    task === 'cpu'
      ? `${one ? 'counts' : 'count'} to ${pythonInteger(settings.total)}${one ? '' : ' between them'}`
      : `${one ? 'waits' : 'each wait'} ${pythonSeconds(settings.waitMs)} s`;
  return `Python 3: ${who} ${what}. Save it as a file and run it with python3.`;
}

/** The app's source files the TypeScript tab can show, by their path under src/. */
export const SOURCE_PATHS = ['lab/measurement/kernel.ts', 'lab/models/lock.ts', 'lab/models/turns.ts', 'workers/counter/counterService.ts', 'page/run/runOnWorkers.ts', 'page/boundary/lifecycle.ts'] as const;

export type SourcePath = (typeof SOURCE_PATHS)[number];

/** One function cut out of one source file. */
export interface ExcerptPart {
  path: SourcePath;
  /**
   * The function's name, as declared: `name` for `function name` or `const name =`;
   * `Class.method` for a method of a class (`Class.#method` for a private one).
   */
  name: string;
  /** One line on what the part does, shown above it as a comment. */
  about: string;
}

/** What the TypeScript tab shows for each model and task: the app's own code that does the work, from its real files. */
const EXCERPTS: Readonly<Record<ExecutionModel, Readonly<Record<TaskKind, readonly ExcerptPart[]>>>> = {
  parallel: {
    cpu: [
      { path: 'lab/measurement/kernel.ts', name: 'step', about: "inside createCounter, in each worker: one chunk of the lesson's `while count < n: count += 1`" },
      { path: 'page/run/runOnWorkers.ts', name: 'runOnWorkers', about: "on the page: each worker's count and each lane's states, in the life every runner shares" },
      { path: 'page/boundary/lifecycle.ts', name: 'runLifecycle', about: 'that life: take the workers, wait until all are ready, start them together, time it, give them back' },
    ],
    io: [
      { path: 'workers/counter/counterService.ts', name: 'CounterService.waitFor', about: "in each worker: the lesson's `time.sleep(wait)`; every worker waits at once" },
      { path: 'workers/counter/counterService.ts', name: 'CounterService.#sleepUnlessStopped', about: 'the wait itself: short timers, so that Stop gets through; no core is busy meanwhile' },
    ],
  },
  lock: {
    cpu: [
      { path: 'workers/counter/counterService.ts', name: 'CounterService.countLocked', about: 'in each worker: count its share under the lock that all the workers share' },
      { path: 'workers/counter/counterService.ts', name: 'CounterService.#countInHolds', about: 'hold the lock, count about 5 ms, give it up if another worker waits' },
      { path: 'lab/models/lock.ts', name: 'SharedLock.acquire', about: "the lock: sleep in Atomics.wait until this worker's turn, as a thread waits for the GIL" },
      { path: 'lab/models/lock.ts', name: 'SharedLock.release', about: 'hand the lock to the next worker in line' },
    ],
    io: [
      { path: 'workers/counter/counterService.ts', name: 'CounterService.waitLocked', about: 'in each worker: a wait under the one shared lock, asleep in Atomics.wait' },
      { path: 'lab/models/lock.ts', name: 'waitForIoUnderLock', about: 'give the lock up for the whole wait, as CPython releases the GIL in time.sleep' },
    ],
  },
  'main-thread': {
    cpu: [
      { path: 'lab/models/turns.ts', name: 'createSliceCounter', about: "on the page's own thread: one slice of the lesson's `while count < n: count += 1`, called by the event loop" },
      { path: 'lab/models/turns.ts', name: 'runInTurns', about: 'the tasks take turns of about 5 ms; the page draws between them, unless "Freeze the page"' },
    ],
    io: [
      { path: 'lab/models/turns.ts', name: 'waitAllInSlices', about: "on the page's own thread: every task starts its wait at once, like asyncio.gather" },
      { path: 'lab/models/turns.ts', name: 'waitInSlices', about: "one task's wait: short sleeps on timers, which need no core, so the waits overlap" },
    ],
  },
};

/** The parts of the app's own code that run a model's task, in the order they are best read. */
export function typescriptExcerpt(model: ExecutionModel, task: TaskKind): readonly ExcerptPart[] {
  return EXCERPTS[model][task];
}

/** One sentence on what the TypeScript tab shows, for the panel and its Copy button. */
export function excerptCaption(model: ExecutionModel, task: TaskKind): string {
  return `TypeScript: this app’s own code for “${MODEL_LABELS[model]}” and “${TASK_LABELS[task]}”, cut from its source files.`;
}

/** A name as a regular expression that matches only itself. */
const literally = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const FUNCTION_DECLARATION = (name: string) =>
  new RegExp(`^([ \\t]*)(?:export\\s+)?(?:(?:async\\s+)?function\\s*\\*?\\s*${literally(name)}\\b|(?:const|let)\\s+${literally(name)}\\s*=)`);

const CLASS_DECLARATION = (name: string) => new RegExp(`^([ \\t]*)(?:export\\s+)?(?:default\\s+)?(?:abstract\\s+)?class\\s+${literally(name)}\\b`);

/** A method at the class body's own indentation, so that a call inside another method never matches. */
const METHOD_DECLARATION = (indent: string, name: string) =>
  new RegExp(`^(${indent})(?:(?:public|private|protected|static|override|async)\\s+)*(?:\\*\\s*)?${literally(name)}\\s*[<(]`);

/** Where a function or method is declared: its line and its indentation. */
function findDeclaration(lines: readonly string[], name: string): { start: number; indent: string } {
  const dot = name.indexOf('.');
  if (dot === -1) {
    const pattern = FUNCTION_DECLARATION(name);
    const start = lines.findIndex((line) => pattern.test(line));
    if (start === -1) throw new Error(`No function named ${name} in this source.`);
    return { start, indent: pattern.exec(lines[start])?.[1] ?? '' };
  }
  const className = name.slice(0, dot);
  const method = name.slice(dot + 1);
  const classPattern = CLASS_DECLARATION(className);
  const classStart = lines.findIndex((line) => classPattern.test(line));
  if (classStart === -1) throw new Error(`No class named ${className} in this source.`);
  const classIndent = classPattern.exec(lines[classStart])?.[1] ?? '';
  const classEnd = lines.findIndex((line, index) => index > classStart && new RegExp(`^${classIndent}}`).test(line));
  const body = lines.slice(classStart + 1, classEnd === -1 ? lines.length : classEnd);
  const memberIndent = /^[ \t]*/.exec(body.find((line) => line.trim() !== '') ?? '')?.[0] ?? '';
  const pattern = METHOD_DECLARATION(memberIndent, method);
  const found = memberIndent.length > classIndent.length ? body.findIndex((line) => pattern.test(line)) : -1;
  if (found === -1) throw new Error(`No method named ${method} in the class ${className} of this source.`);
  return { start: classStart + 1 + found, indent: memberIndent };
}

/**
 * Cuts one function out of a file's text: its declaration (`function name` or
 * `const name =`, at any indentation, or a method `Class.method` of a class), the
 * comment right above it, and every line down to the closing brace at the
 * declaration's own indentation; the result is dedented. Throws when the name is
 * not declared there, so that a renamed function breaks a test instead of showing nothing.
 */
export function cutFunction(source: string, name: string): string {
  const lines = source.split('\n');
  const { start, indent } = findDeclaration(lines, name);
  const closing = new RegExp(`^${indent}}[;)]*\\s*$`);
  let end = start;
  while (end < lines.length && !closing.test(lines[end])) end += 1;
  if (end === lines.length) throw new Error(`The function ${name} has no closing brace at its own indentation.`);
  let first = start;
  const isComment = (line: string) => /^\s*(\/\/|\/\*\*?|\*)/.test(line);
  while (first > 0 && isComment(lines[first - 1])) first -= 1;
  return lines
    .slice(first, end + 1)
    .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()))
    .join('\n');
}

/** The TypeScript tab's text: each part under a comment naming its file, from the files' text by path. */
export function excerptText(parts: readonly ExcerptPart[], sources: Readonly<Record<SourcePath, string>>): string {
  return parts.map((part) => `// src/${part.path}: ${part.about}\n${cutFunction(sources[part.path], part.name)}`).join('\n\n');
}
