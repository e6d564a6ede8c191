// Strings in, strings out; the excerpts are cut from the app's real files, read here in Node.
// test/lessonCode.test.ts runs the Python programs in python3.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cutFunction,
  excerptCaption,
  excerptText,
  programCaption,
  pythonInteger,
  pythonProgram,
  pythonSeconds,
  pythonShares,
  SOURCE_PATHS,
  typescriptExcerpt,
  type SourcePath,
} from './lessonCode';
import { MAX_TOTAL, sharesFor, splitTotal } from '../measurement/split';
import { ASSUMED_NS_PER_COUNT, waitsForShares } from '../models/ioTask';
import { MAX_WORKERS } from '../settings/settings';
import type { ExecutionModel, Scaling, TaskKind } from '../types';

const MODELS: readonly ExecutionModel[] = ['parallel', 'lock', 'main-thread'];
const TASKS: readonly TaskKind[] = ['cpu', 'io'];

/** The module each model's program must use, and the call that starts its workers. */
const USES: Record<ExecutionModel, { module: string; starts: string; forbidden: string[] }> = {
  parallel: { module: 'import multiprocessing', starts: 'multiprocessing.Process(', forbidden: ['import threading', 'import asyncio'] },
  lock: { module: 'import threading', starts: 'threading.Thread(', forbidden: ['import multiprocessing', 'import asyncio'] },
  'main-thread': { module: 'import asyncio', starts: 'asyncio.gather(', forbidden: ['import multiprocessing', 'import threading'] },
};

/** The value of a module-level constant, with Python's underscores and list arithmetic: `[6_667] * 2 + [6_666]`. */
function shares(program: string): number[] {
  const line = /^SHARES = (.+)$/m.exec(program)?.[1];
  if (line === undefined) throw new Error('The program has no SHARES line.');
  return line.split(' + ').flatMap((term) => {
    const match = /^\[([\d_]+)\](?: \* (\d+))?$/.exec(term);
    if (!match) throw new Error(`Not a share list term: ${term}`);
    return Array<number>(Number(match.at(2) ?? '1')).fill(Number(match[1].replaceAll('_', '')));
  });
}

describe('Python literals', () => {
  it('group digits by three with underscores', () => {
    expect(pythonInteger(1_000_000_000)).toBe('1_000_000_000');
    expect(pythonInteger(20_000)).toBe('20_000');
    expect(pythonInteger(999)).toBe('999');
    expect(pythonInteger(1_234_567)).toBe('1_234_567');
    expect(pythonInteger(0)).toBe('0');
    expect(pythonInteger(1e12)).toBe('1_000_000_000_000');
    expect(() => pythonInteger(1.5)).toThrow(RangeError);
  });

  it('write waits as seconds with a decimal point', () => {
    expect(pythonSeconds(1000)).toBe('1.0');
    expect(pythonSeconds(250)).toBe('0.25');
    expect(pythonSeconds(0)).toBe('0.0');
    // A wait from the calibrated speed, rounded as a person writes it (issue 15: it read 0.14859999999999998).
    expect(pythonSeconds(148.59999999999997)).toBe('0.149');
    expect(pythonSeconds(1234.5678)).toBe('1.235');
    expect(pythonSeconds(2999.5)).toBe('3.0');
    expect(pythonSeconds(0.030349)).toBe('0.0000303');
    // Rounded in seconds: 0.0007 ms is 7e-7 s, not 6.999999999999999e-7.
    expect(pythonSeconds(0.0007)).toBe('7e-7');
    expect(pythonSeconds(3_600_000)).toBe('3600.0');
    expect(() => pythonSeconds(-1)).toThrow(RangeError);
  });

  it('write the shares of split.ts as a compact list', () => {
    expect(pythonShares(1_000_000_000, 4)).toBe('[250_000_000] * 4');
    expect(pythonShares(1_000_000_000, 3)).toBe('[333_333_334] + [333_333_333] * 2');
    expect(pythonShares(10, 4)).toBe('[3] * 2 + [2] * 2');
    expect(pythonShares(7, 1)).toBe('[7]');
  });
});

describe('pythonProgram', () => {
  for (const model of MODELS) {
    for (const task of TASKS) {
      it(`${model}, ${task}: names its module and carries the settings`, () => {
        const program = pythonProgram({ model, task, workers: 3, total: 1_000_000_000, waitMs: 1500 });
        const { module, starts, forbidden } = USES[model];
        expect(program).toContain(module);
        expect(program).toContain(starts);
        for (const other of forbidden) expect(program).not.toContain(other);
        expect(program).toMatch(/^WORKERS = 3$/m);
        expect(program).toContain('time.perf_counter()');
        if (task === 'cpu') {
          expect(program).toMatch(/^TOTAL = 1_000_000_000$/m);
          expect(program).toContain('while count < n:');
          expect(program).toContain('count += 1');
          expect(shares(program)).toEqual(splitTotal(1_000_000_000, 3));
          expect(program).not.toContain('WAIT =');
        } else {
          expect(program).toMatch(/^WAIT = 1\.5 /m);
          expect(program).toContain(model === 'main-thread' ? 'await asyncio.sleep(wait)' : 'time.sleep(wait)');
          expect(program).not.toContain('TOTAL =');
          expect(program).not.toContain('count += 1');
        }
      });
    }
  }

  it('splits any total over any worker count exactly as the lab does', () => {
    for (const [total, workers] of [
      [1_000_000_000, 8],
      [999_999_999_999, 7],
      [5, 8],
      [20_000, 2],
    ]) {
      const program = pythonProgram({ model: 'parallel', task: 'cpu', workers, total, waitMs: 0 });
      const found = shares(program);
      expect(found).toEqual(splitTotal(total, workers));
      expect(found.reduce((sum, share) => sum + share, 0)).toBe(total);
      expect(found).toHaveLength(workers);
    }
  });

  it("quotes the lesson's figures in the processes program, and the switch interval in the threads one", () => {
    const parallel = pythonProgram({ model: 'parallel', task: 'cpu', workers: 4, total: 1e9, waitMs: 0 });
    for (const figure of ['56.7 s', '40.3 s', '27.3 s', '30 s with 8']) expect(parallel).toContain(figure);
    const lock = pythonProgram({ model: 'lock', task: 'cpu', workers: 4, total: 1e9, waitMs: 0 });
    expect(lock).toContain('sys.getswitchinterval()');
    expect(lock).toContain('0.005');
    const tasks = pythonProgram({ model: 'main-thread', task: 'cpu', workers: 4, total: 1e9, waitMs: 0 });
    expect(tasks).toContain('await asyncio.sleep(0)');
    expect(tasks).toContain('"Freeze the page"');
    // On one thread, a blocking sleep would hold the thread: the tasks wait with asyncio.sleep.
    const waits = pythonProgram({ model: 'main-thread', task: 'io', workers: 4, total: 0, waitMs: 250 });
    expect(waits).toContain('await asyncio.sleep(wait)');
    expect(waits).not.toMatch(/^\s*time\.sleep\(/m);
  });

  it('has a one-sentence caption with the settings', () => {
    expect(programCaption({ model: 'parallel', task: 'cpu', workers: 4, total: 1e9, waitMs: 0 })).toBe(
      'Python 3: 4 processes (multiprocessing.Process) count to 1_000_000_000 between them. Save it as a file and run it with python3.',
    );
    expect(programCaption({ model: 'lock', task: 'io', workers: 1, total: 0, waitMs: 500 })).toBe(
      'Python 3: 1 thread (threading.Thread, under the GIL) waits 0.5 s. Save it as a file and run it with python3.',
    );
  });

  it('refuses a worker count that is not a whole number ≥ 1', () => {
    expect(() => pythonProgram({ model: 'parallel', task: 'cpu', workers: 0, total: 10, waitMs: 0 })).toThrow(RangeError);
  });
});

/**
 * The numbers in a text that are not written as a person writes them: more than 3 decimals,
 * an exponent, or 5 digits or more without the group separator (`_` in code, `,` in words).
 */
function numbersNotAsPeopleWriteThem(text: string, separator: '_' | ','): string[] {
  const token = separator === '_' ? /(?<![\w.])\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?(?![\w.])/gi : /(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?(?:e[+-]?\d+)?(?![\w])/gi;
  const grouped = separator === '_' ? /^\d{1,3}(?:_\d{3})*(?:\.\d{1,3})?$/ : /^\d{1,3}(?:,\d{3})*(?:\.\d{1,3})?$/;
  return [...text.matchAll(token)].map(([found]) => found).filter((found) => !/^\d{1,4}(?:\.\d{1,3})?$/.test(found) && !grouped.test(found));
}

describe('numbers as a person writes them, over the settings the page can make', () => {
  it('finds what it must find', () => {
    expect(numbersNotAsPeopleWriteThem('WAIT = 0.14859999999999998  # s', '_')).toEqual(['0.14859999999999998']);
    expect(numbersNotAsPeopleWriteThem('TOTAL = 10000000000\nWAIT = 1.5e-7\nN = 1_0000', '_')).toEqual(['10000000000', '1.5e-7', '1_0000']);
    expect(numbersNotAsPeopleWriteThem('WORKERS = 1024\nTOTAL = 1_000_000_000\nprint(f"{elapsed:.2f} s") 0.005 python3', '_')).toEqual([]);
    expect(numbersNotAsPeopleWriteThem('about 1,234 days, 12345 s, 2.3456 s', ',')).toEqual(['12345', '2.3456']);
  });

  // What the page hands the Code region (App.tsx): the total split, or the count × workers; the longest wait.
  const COUNTS = [1, 7, 10, 999, 20_000, 333_333_334, 1e9, 2.5e9, 1e10, 1e10 + 7, 123_456_789_012, MAX_TOTAL];
  const WORKERS = [1, 2, 3, 7, 8, 64, MAX_WORKERS];
  const SPEEDS = [ASSUMED_NS_PER_COUNT, 0.2973, 1.7, 56.7];
  const SCALINGS: readonly Scaling[] = ['strong', 'weak'];

  for (const model of MODELS) {
    for (const task of TASKS) {
      it(`${model}, ${task}: every count, wait and share is written as a person writes it, and the shares add up`, () => {
        for (const scaling of SCALINGS) {
          for (const count of COUNTS) {
            for (const workers of WORKERS) {
              for (const nsPerCount of SPEEDS) {
                const total = scaling === 'weak' ? count * workers : count;
                const waits = waitsForShares(sharesFor({ workers, scaling, count }), nsPerCount);
                const waitMs = Math.max(...waits);
                const settings = { model, task, workers, total, waitMs };
                const where = JSON.stringify({ ...settings, scaling, count, nsPerCount });
                const program = pythonProgram(settings);
                expect(numbersNotAsPeopleWriteThem(program, '_'), where).toEqual([]);
                expect(numbersNotAsPeopleWriteThem(programCaption(settings), '_'), where).toEqual([]);
                expect(program, where).not.toMatch(/NaN|Infinity|undefined/);
                if (task === 'cpu') {
                  expect(program, where).toContain(`\nTOTAL = ${pythonInteger(total)}\n`);
                  const found = shares(program);
                  expect(found, where).toHaveLength(workers);
                  expect(found.reduce((sum, share) => sum + share, 0), where).toBe(total);
                  expect(found, where).toEqual(splitTotal(total, workers));
                } else {
                  const wait = /^WAIT = ([\d.]+) /m.exec(program)?.[1];
                  expect(Number(wait), where).toBe(Math.round(waitMs) / 1000);
                  expect(program, where).toContain(`each wait ${wait ?? 'no WAIT'} s`.replace('each wait', workers === 1 ? 'waits' : 'each wait'));
                }
              }
            }
          }
        }
      });
    }
  }

  it('writes the singular for one process, thread or task', () => {
    expect(pythonProgram({ model: 'parallel', task: 'cpu', workers: 1, total: 1e9, waitMs: 0 })).toMatch(/^# 1 process counts to 1_000_000_000\. /);
    expect(pythonProgram({ model: 'lock', task: 'io', workers: 1, total: 0, waitMs: 500 })).toMatch(/^# 1 thread waits 0\.5 s\. /);
    expect(pythonProgram({ model: 'main-thread', task: 'cpu', workers: 2, total: 10, waitMs: 0 })).toMatch(/^# 2 asyncio tasks count to 10 between them\. /);
  });

  it('writes the TypeScript excerpts with no float noise and no long number ungrouped', () => {
    for (const model of MODELS) {
      for (const task of TASKS) expect(numbersNotAsPeopleWriteThem(excerptText(typescriptExcerpt(model, task), SOURCES), '_'), `${model}, ${task}`).toEqual([]);
    }
  });
});

/** The app's files as the build reads them (CodeView imports them with `?raw`). */
const SOURCES = Object.fromEntries(SOURCE_PATHS.map((path) => [path, readFileSync(join(import.meta.dirname, '..', '..', path), 'utf8')])) as Record<SourcePath, string>;

/** What each model and task shows, as file#name, in order. */
const EXPECTED: Record<ExecutionModel, Record<TaskKind, string[]>> = {
  parallel: {
    cpu: ['lab/measurement/kernel.ts#step', 'page/run/runOnWorkers.ts#runOnWorkers', 'page/boundary/lifecycle.ts#runLifecycle'],
    io: ['workers/counter/counterService.ts#CounterService.waitFor', 'workers/counter/counterService.ts#CounterService.#sleepUnlessStopped'],
  },
  lock: {
    cpu: [
      'workers/counter/counterService.ts#CounterService.countLocked',
      'workers/counter/counterService.ts#CounterService.#countInHolds',
      'lab/models/lock.ts#SharedLock.acquire',
      'lab/models/lock.ts#SharedLock.release',
    ],
    io: ['workers/counter/counterService.ts#CounterService.waitLocked', 'lab/models/lock.ts#waitForIoUnderLock'],
  },
  'main-thread': {
    cpu: ['lab/models/turns.ts#createSliceCounter', 'lab/models/turns.ts#runInTurns'],
    io: ['lab/models/turns.ts#waitAllInSlices', 'lab/models/turns.ts#waitInSlices'],
  },
};

/** The line that declares a part, once cut and dedented: `export function name` (or `name<…>`), `const name =` or, for `Class.method`, `async method(`. */
function declaration(name: string): RegExp {
  const method = name.split('.').at(1);
  return method === undefined
    ? new RegExp(`^(?:export )?(?:async )?(?:function ${name}[<(]|const ${name} = )`, 'm')
    : new RegExp(`^(?:async )?${method}\\(`, 'm');
}

describe('typescriptExcerpt', () => {
  for (const model of MODELS) {
    for (const task of TASKS) {
      it(`${model}, ${task}: cuts ${EXPECTED[model][task].join(', ')} from the real files`, () => {
        const parts = typescriptExcerpt(model, task);
        expect(parts.map((part) => `${part.path}#${part.name}`)).toEqual(EXPECTED[model][task]);
        for (const part of parts) {
          const cut = cutFunction(SOURCES[part.path], part.name);
          expect(cut.trim().length, `${part.name} is empty`).toBeGreaterThan(0);
          expect(cut, `${part.name} starts with its declaration`).toMatch(declaration(part.name));
          expect(cut.endsWith('}') || cut.endsWith('};'), `${part.name} ends at its closing brace`).toBe(true);
          expect(part.about.length).toBeGreaterThan(0);
        }
        const text = excerptText(parts, SOURCES);
        expect(text.match(/^\/\/ src\/[\w/]+\.ts: /gm)).toEqual(parts.map((part) => `// src/${part.path}: `));
      });
    }
  }

  it('shows what each model and task does: the loop, the lock, the wait', () => {
    const text = (model: ExecutionModel, task: TaskKind) => excerptText(typescriptExcerpt(model, task), SOURCES);
    expect(text('parallel', 'cpu')).toContain('while (count < size) count += 1;');
    expect(text('parallel', 'io')).toContain('await sleep(Math.min(IO_SLICE_MS, left));');
    expect(text('lock', 'cpu')).toContain('await lock.release(last);');
    expect(text('lock', 'cpu')).toContain('Atomics.wait(slots, wake, woken');
    expect(text('lock', 'io')).toContain('lock.release();');
    expect(text('lock', 'io')).toContain('sleep(left);');
    expect(text('main-thread', 'cpu')).toContain('await counter.countSlice(size, freeze);');
    expect(text('main-thread', 'cpu')).toContain('while (count < target) count += 1;');
    expect(text('main-thread', 'io')).toContain('await Promise.all(waits.map(');
    // Nothing from outside the parts: the methods they call stay out.
    expect(text('lock', 'cpu')).not.toContain('#becomeHolder(): void {');
    expect(text('lock', 'cpu')).not.toContain('hasWaiters(): boolean {');
    expect(text('parallel', 'io')).not.toContain('waitLocked(');
  });

  it('breaks when a function it shows is renamed', () => {
    const renamed = { ...SOURCES, 'lab/models/turns.ts': SOURCES['lab/models/turns.ts'].replace('function waitInSlices(', 'function waitInTurns(') };
    expect(() => excerptText(typescriptExcerpt('main-thread', 'io'), renamed)).toThrow('No function named waitInSlices');
    const method = { ...SOURCES, 'lab/models/lock.ts': SOURCES['lab/models/lock.ts'].replace('  release(): void {', '  unlock(): void {') };
    expect(() => excerptText(typescriptExcerpt('lock', 'cpu'), method)).toThrow('No method named release in the class SharedLock');
  });

  it('has one sentence naming the model and task as the page does', () => {
    expect(excerptCaption('lock', 'io')).toBe('TypeScript: this app’s own code for “Workers sharing one lock” and “I/O-bound: waiting”, cut from its source files.');
    expect(excerptCaption('main-thread', 'cpu')).toContain('“Main thread” and “CPU-bound: counting”');
  });
});

const SOURCE = `import { a } from './a';

/** Adds one. */
export function addOne(value: number): number {
  if (value > 0) {
    return value + 1;
  }
  return 1;
}

export function make() {
  const ignored = 1;

  // One step.
  const step = () => {
    let count = 0;
    while (count < 3) count += 1;
  };
  return step;
}

/**
 * Waits.
 */
export async function later(
  ms: number,
): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

function helper() {
  return 1;
}

/** A box. */
export class Box {
  #open = false;

  constructor() {
    helper();
  }

  /** Opens it. */
  open(): void {
    this.#open = true;
    helper();
  }

  async #close(
    ms: number,
  ): Promise<boolean> {
    await later(ms);
    return this.#open;
  }

  static make<T>(value: T): T {
    return value;
  }
}
`;

describe('cutFunction', () => {
  it('cuts a top-level function with its doc comment', () => {
    expect(cutFunction(SOURCE, 'addOne')).toBe(
      '/** Adds one. */\nexport function addOne(value: number): number {\n  if (value > 0) {\n    return value + 1;\n  }\n  return 1;\n}',
    );
  });

  it('cuts a nested arrow function, with its comment, and dedents it', () => {
    expect(cutFunction(SOURCE, 'step')).toBe('// One step.\nconst step = () => {\n  let count = 0;\n  while (count < 3) count += 1;\n};');
  });

  it('cuts an async function whose signature spans lines', () => {
    const cut = cutFunction(SOURCE, 'later');
    expect(cut.startsWith('/**\n * Waits.\n */\nexport async function later(')).toBe(true);
    expect(cut.endsWith('setTimeout(resolve, ms));\n}')).toBe(true);
  });

  it('cuts a method of a class, with its comment, and dedents it', () => {
    expect(cutFunction(SOURCE, 'Box.open')).toBe('/** Opens it. */\nopen(): void {\n  this.#open = true;\n  helper();\n}');
  });

  it('cuts a private async method whose signature spans lines, and a static generic one', () => {
    expect(cutFunction(SOURCE, 'Box.#close')).toBe('async #close(\n  ms: number,\n): Promise<boolean> {\n  await later(ms);\n  return this.#open;\n}');
    expect(cutFunction(SOURCE, 'Box.make')).toBe('static make<T>(value: T): T {\n  return value;\n}');
  });

  it('takes neither a call nor a field for a method, nor a method of another class', () => {
    // helper() is called inside Box's methods, deeper than its members: not a method of Box.
    expect(() => cutFunction(SOURCE, 'Box.helper')).toThrow('No method named helper in the class Box');
    expect(() => cutFunction(SOURCE, 'Box.ope')).toThrow('No method named ope');
    expect(() => cutFunction(SOURCE, 'Box.close')).toThrow('No method named close');
    expect(() => cutFunction(SOURCE, 'Crate.open')).toThrow('No class named Crate');
    // A plain name still finds only functions: the method open is no function.
    expect(() => cutFunction(SOURCE, 'open')).toThrow('No function named open');
  });

  it('does not take a longer name for the one asked, and throws for a missing one', () => {
    expect(() => cutFunction(SOURCE, 'add')).toThrow('No function named add');
    expect(() => cutFunction(SOURCE, 'ste')).toThrow('No function named ste');
  });
});
