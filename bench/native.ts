import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { splitTotal } from '../src/lab/measurement/split';
import { resultsDir } from './report';

const runFile = promisify(execFile);

/** The plain native loop (bench/native-loop.c, cc -O2), compiled here when a C compiler is at hand; null without one. */
export function compileNativeLoop(): string | null {
  try {
    mkdirSync(resultsDir, { recursive: true });
    const binary = join(resultsDir, 'native-loop');
    execFileSync('cc', ['-O2', '-o', binary, join(import.meta.dirname, 'native-loop.c')]);
    return binary;
  } catch {
    return null;
  }
}

/** Nanoseconds per count of the native loop counting to `total`. */
export function nativeNsPerCount(binary: string, total: number): number {
  return Number(execFileSync(binary, [String(total)]).toString().split(' ')[1]);
}

/** The machine's own CPython: the interpreter `python3` on the PATH runs (past any shim, such as pyenv's), and its version. */
export interface NativePython {
  executable: string;
  version: string;
}

/** The machine's `python3` (PYTHON3_PATH overrides the PATH); null where there is none, so the bench says "no python3 here". */
export function findPython3(): NativePython | null {
  try {
    const [executable, version] = execFileSync(process.env.PYTHON3_PATH ?? 'python3', ['-c', 'import platform, sys; print(sys.executable); print(platform.python_version())'], {
      encoding: 'utf8',
    })
      .trim()
      .split('\n');
    return executable && version ? { executable, version } : null;
  } catch {
    return null;
  }
}

/** `def count_to(n): …` exactly as the page's program has it, cut from its text, so the bench times the page's own function. */
export function lessonCountTo(program: string): string {
  const found = /^def count_to\(n\):\n(?: {4}.*\n)+/m.exec(program);
  if (!found) throw new Error('The page’s Python program has no top-level `def count_to(n):`.');
  return found[0];
}

/** What one call of the lesson's function did in native CPython: its answer and nanoseconds per count (perf_counter_ns around the call alone, the interpreter's start-up left out). */
export interface NativePythonCount {
  counted: number;
  nsPerCount: number;
}

/** Calls the lesson's `count_to(total)` once in `python`; throws when it does not count exactly `total`. */
export function nativePythonCount(python: NativePython, countTo: string, total: number): NativePythonCount {
  const script = `import sys, time\n${countTo}\nn = int(sys.argv[1])\nstart = time.perf_counter_ns()\ncounted = count_to(n)\nprint(counted, time.perf_counter_ns() - start)\n`;
  const [counted, elapsedNs] = execFileSync(python.executable, ['-c', script, String(total)], { encoding: 'utf8' }).trim().split(' ').map(Number);
  if (counted !== total) throw new Error(`python3's count_to(${String(total)}) returned ${String(counted)}.`);
  return { counted, nsPerCount: elapsedNs / total };
}

/** One run of the page's program under native CPython: what it printed and how long it took. */
export interface NativeProgramRun {
  /** Processes the program said it started. */
  processes: number;
  /** The total it said they counted. */
  counted: number;
  /** Seconds the program itself printed (time.perf_counter around starting, counting and joining its processes). */
  printedS: number;
  /** Milliseconds from starting `python3 -` to its exit, as Node saw it: the interpreter's own start-up included. */
  wallMs: number;
}

/** Runs a program with `python3 -` (the source on its standard input) and reads its "N processes counted to X in Y s" line. */
export function nativeProgram(python: NativePython, source: string): NativeProgramRun {
  const started = performance.now();
  const output = execFileSync(python.executable, ['-'], { input: source, encoding: 'utf8' });
  const wallMs = performance.now() - started;
  const line = /^(\d+) processes? counted to ([\d_]+) in ([\d.]+) s$/m.exec(output);
  if (!line) throw new Error(`python3 - printed no "… counted to … in … s" line: ${output.trim()}`);
  return { processes: Number(line[1]), counted: Number(line[2].replace(/_/g, '')), printedS: Number(line[3]), wallMs };
}

/** k native loop processes started together, each counting its share of one total. */
export interface NativeLoopsRun {
  /** Milliseconds from spawning the first process until the last one has exited: process start included, as the lesson times its processes. */
  wallMs: number;
  /** Each process's own nanoseconds per count (its clock around its loop alone). */
  nsEach: number[];
}

/** Runs `processes` native loops at once on the shares of `total` (splitTotal's shares) and times them from spawn to the last exit. */
export async function nativeLoopsAtOnce(binary: string, total: number, processes: number): Promise<NativeLoopsRun> {
  const shares = splitTotal(total, processes);
  const started = performance.now();
  const outputs = await Promise.all(shares.map((share) => runLoop(binary, share)));
  const wallMs = performance.now() - started;
  return { wallMs, nsEach: outputs.map((output, index) => nsOfLoopOutput(output, shares[index])) };
}

async function runLoop(binary: string, share: number): Promise<string> {
  return (await runFile(binary, [String(share)], { encoding: 'utf8' })).stdout;
}

/** The loop's "count ns-per-count" line; throws unless it counted exactly `share`. */
export function nsOfLoopOutput(output: string, share: number): number {
  const [counted, ns] = output.trim().split(' ').map(Number);
  if (counted !== share) throw new Error(`The native loop counted ${String(counted)}, not ${String(share)}.`);
  return ns;
}
