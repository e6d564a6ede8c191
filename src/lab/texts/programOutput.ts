/** Where a line of the program's output came from: `print` writes to stdout, a traceback to stderr. */
export type OutputStream = 'stdout' | 'stderr';

export interface OutputLine {
  text: string;
  stream: OutputStream;
}

/** The "Program output" log: the last lines in their order of arrival, and how many earlier ones were dropped. */
export interface ProgramLog {
  lines: readonly OutputLine[];
  dropped: number;
}

/** Lines the log keeps: enough for any lesson's program and its tracebacks, few enough for the page to stay quick. */
export const OUTPUT_LINE_CAP = 2000;

export const EMPTY_LOG: ProgramLog = { lines: [], dropped: 0 };

/** Text as lines: a chunk may hold several, and one newline at its end ends its last line (it adds no empty one). */
function linesOf(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines;
}

/** The log with `chunks` added in their order, the oldest lines dropped beyond `cap`. */
export function appendOutput(log: ProgramLog, chunks: readonly { text: string; stream: OutputStream }[], cap = OUTPUT_LINE_CAP): ProgramLog {
  if (chunks.length === 0) return log;
  const lines = [...log.lines];
  for (const { text, stream } of chunks) for (const line of linesOf(text)) lines.push({ text: line, stream });
  const over = Math.max(0, lines.length - cap);
  return { lines: over === 0 ? lines : lines.slice(over), dropped: log.dropped + over };
}

/** The note above a log that dropped lines, or null. */
export function droppedNote(log: ProgramLog, cap = OUTPUT_LINE_CAP): string | null {
  if (log.dropped === 0) return null;
  const what = log.dropped === 1 ? '1 earlier line was' : `${log.dropped.toLocaleString('en-US')} earlier lines were`;
  return `${what} dropped: the log keeps the last ${cap.toLocaleString('en-US')}.`;
}

/** How a program ended, as src/page/run/runProgram.ts says it. */
export interface ProgramEnd {
  status: 'done' | 'failed' | 'stopped';
  exitCode: number | null;
  message?: string;
}

/** A sentence ends with a full stop, a question or an exclamation mark; a Python error message often has none. */
function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The failure's sentence for a program that ended by itself with a non-zero exit code: its uncaught error (Python's "ZeroDivisionError: …"), or the code. `outcomeSentence` reads it back. */
export function programFailureSentence({ exitCode, error }: { exitCode: number; error: string | null }): string {
  return error ? `The program stopped with ${error}.` : `The program exited with code ${String(exitCode)}.`;
}

/**
 * The log's last line: how the program ended and how long it ran (`seconds`, from Run program to its end,
 * Python's own start-up in each process included). `processes` is how many processes it had started, if known.
 */
export function outcomeSentence(end: ProgramEnd, seconds: number, processes: number | null = null): string {
  switch (end.status) {
    case 'done':
      return `The program ended (exit code ${String(end.exitCode ?? 0)}) in ${seconds.toFixed(2)} s.`;
    case 'failed': {
      const message = end.message ?? `it ended with exit code ${String(end.exitCode ?? 1)}`;
      // programFailureSentence says "The program stopped with ZeroDivisionError: …": the outcome line names the error once, after "failed".
      const uncaught = /^The program stopped with (.+)$/s.exec(message.trim());
      if (uncaught?.[1] !== undefined) return `The program failed: ${asSentence(uncaught[1])}`;
      // Its other sentences ("The program exited with code 3.") are whole already.
      return message.startsWith('The program ') ? asSentence(message) : `The program failed: ${asSentence(message)}`;
    }
    case 'stopped':
      if (processes === null) return 'Stopped: the program and every process it started were ended.';
      if (processes === 0) return 'Stopped: the program was ended.';
      return `Stopped: the program and its ${String(processes)} ${processes === 1 ? 'process' : 'processes'} were ended.`;
  }
}

/** Why Run program waits while the lab runs, and the lab's Run while a program runs. */
export function oneAtATimeSentence(cores: number): string {
  const on = cores === 1 ? 'this machine’s one core' : `this machine’s ${String(cores)} cores`;
  return `One at a time: while the program runs, the lab’s Run waits, and the other way round, since both would share ${on} and neither’s times would mean much.`;
}

/** Said beside Run program for a program that starts threads: Pyodide refuses ("can't start new thread"). */
export const THREADS_NOTE = 'This Python (Pyodide, in the browser) cannot start threads, so a program that uses threading runs with python3 only.';

/**
 * Said for a program that calls asyncio.run where the browser lacks WebAssembly stack switching (JSPI): Pyodide
 * then refuses ("WebAssembly stack switching not supported in this JavaScript runtime"), as in Node 20.
 */
export const ASYNCIO_NOTE = 'This browser lacks WebAssembly stack switching (JSPI), which asyncio.run needs in this Python (Pyodide), so a program that uses asyncio.run runs with python3 only.';

/**
 * Sentences on what this Python cannot do that `source` asks for (none for the lesson's multiprocessing programs).
 * `stackSwitching`: whether this browser has WebAssembly stack switching (JSPI: `WebAssembly.Suspending`).
 */
export function programNotes(source: string, { stackSwitching }: { stackSwitching: boolean }): string[] {
  const notes: string[] = [];
  if (/^\s*(import\s+threading\b|from\s+threading\s+import\b)/m.test(source)) notes.push(THREADS_NOTE);
  if (!stackSwitching && /\basyncio\.run\(/.test(source)) notes.push(ASYNCIO_NOTE);
  return notes;
}

/** Why the lab's Run and Run sweep wait while a program runs (beside Run, as its other reasons to wait). */
export const LAB_WAITS_FOR_PROGRAM = 'Run waits while the Python program in the Code region runs: one at a time, so that neither slows the other.';
