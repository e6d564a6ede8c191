// Pure: strings in, strings out. Running the programs in Python and cutting the real files
// need Node, which src/lab's type-check does not have: test/lessonCode.test.ts does both.
import { describe, expect, it } from 'vitest';
import { cutFunction, programCaption, pythonInteger, pythonProgram, pythonSeconds, pythonShares, typescriptExcerpt } from './lessonCode';
import { splitTotal } from './split';
import type { ExecutionModel, TaskKind } from './types';

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

describe('typescriptExcerpt', () => {
  it('shows the kernel step and runOnWorkers for the parallel model', () => {
    const excerpt = typescriptExcerpt('parallel');
    expect(excerpt.kind).toBe('code');
    if (excerpt.kind !== 'code') return;
    expect(excerpt.parts.map((part) => `${part.path}#${part.name}`)).toEqual(['lab/kernel.ts#step', 'workers/runOnWorkers.ts#runOnWorkers']);
  });

  it('says, for the models not built yet, that their code comes with them', () => {
    for (const model of ['lock', 'main-thread'] as const) {
      const excerpt = typescriptExcerpt(model);
      expect(excerpt).toEqual({ kind: 'pending', sentence: expect.stringContaining('appears here once that model is built') as unknown });
    }
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

  it('does not take a longer name for the one asked, and throws for a missing one', () => {
    expect(() => cutFunction(SOURCE, 'add')).toThrow('No function named add');
    expect(() => cutFunction(SOURCE, 'ste')).toThrow('No function named ste');
  });
});
