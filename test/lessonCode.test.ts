import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { excerptText, pythonProgram, SOURCE_PATHS, typescriptExcerpt, type SourcePath } from '../src/lab/texts/lessonCode';
import type { ExecutionModel } from '../src/lab/types';

// The Code region's text against the real world: the Python programs run in python3, and the
// TypeScript excerpt of the parallel model is cut from the app's real files (src/lab/texts/lessonCode.test.ts
// cuts every model's and task's).

const MODELS: readonly ExecutionModel[] = ['parallel', 'lock', 'main-thread'];

// Runs the programs for real. Each is written to a file, as a student would save it:
// multiprocessing's "spawn" and "forkserver" start methods re-import __main__ from its file,
// which a `python3 -c` program does not have.
const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
const hasPython = python.status === 0;
const folder = mkdtempSync(join(tmpdir(), 'lesson-code-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

function run(name: string, program: string): string {
  const file = join(folder, `${name}.py`);
  writeFileSync(file, program);
  expect(readFileSync(file, 'utf8')).toBe(program);
  return execFileSync('python3', [file], { encoding: 'utf8', timeout: 60_000 });
}

describe.skipIf(!hasPython)(`the programs run in ${hasPython ? python.stdout.trim() : 'python3 (not found on this machine: these tests are skipped)'}`, () => {
  for (const model of MODELS) {
    it(`${model}, counting 20_000 with 2 workers: prints the exact count`, () => {
      const output = run(`${model}-cpu`, pythonProgram({ model, task: 'cpu', workers: 2, total: 20_000, waitMs: 0 }));
      const who = { parallel: 'processes', lock: 'threads', 'main-thread': 'tasks' }[model];
      expect(output).toMatch(new RegExp(`^2 ${who} counted to 20_000 in \\d+\\.\\d\\d s$`, 'm'));
      if (model === 'lock') expect(output).toContain('The GIL is handed over every 0.005 s');
    });
  }

  for (const model of MODELS) {
    it(`${model}, waiting: 3 workers each wait 0.4 s, and the waits overlap`, () => {
      const output = run(`${model}-io`, pythonProgram({ model, task: 'io', workers: 3, total: 0, waitMs: 400 }));
      const who = { parallel: 'processes', lock: 'threads', 'main-thread': 'tasks' }[model];
      const match = new RegExp(`^3 ${who} each waited 0\\.4 s; all together took (\\d+\\.\\d\\d) s$`, 'm').exec(output);
      expect(match, output).not.toBeNull();
      const took = Number(match?.[1]);
      // At least one wait; well under the 1.2 s that three waits one after another would take.
      expect(took).toBeGreaterThanOrEqual(0.4);
      expect(took).toBeLessThan(0.9);
    });
  }

  it('an odd split (7 over 3 processes) still counts exactly 7', () => {
    const output = run('parallel-odd', pythonProgram({ model: 'parallel', task: 'cpu', workers: 3, total: 7, waitMs: 0 }));
    expect(output).toMatch(/^3 processes counted to 7 in /m);
  });
});

describe('the TypeScript excerpt for the parallel model', () => {
  it('cuts the real kernel step and runOnWorkers from their files', () => {
    const read = (path: SourcePath) => readFileSync(join(import.meta.dirname, '..', 'src', path), 'utf8');
    const sources = Object.fromEntries(SOURCE_PATHS.map((path) => [path, read(path)])) as Record<SourcePath, string>;
    const text = excerptText(typescriptExcerpt('parallel', 'cpu'), sources);
    expect(text).toContain('// src/lab/measurement/kernel.ts: ');
    expect(text).toContain('\nconst step = () => {\n');
    expect(text).toContain('while (count < size) count += 1;');
    expect(text).toContain('// src/page/run/runOnWorkers.ts: ');
    expect(text).toContain('export async function runOnWorkers(');
    expect(text.endsWith('\n}')).toBe(true);
    // Nothing from outside the two functions.
    expect(text).not.toContain('export function createCounter');
    expect(text).not.toContain('function whenAborted');
  });
});
