/*
 * How the page runs a Python program and the processes it starts (src/page/run/runProgram.ts and
 * src/workers/python/programService.ts). Each process is a worker with its own interpreter. A
 * running program blocks its worker's thread, so a worker talks to the page only by posting on
 * its channel (never waiting for an answer) and to the other processes only through shared
 * memory: a process's status, the program's Queues, the counter that numbers processes and queues.
 */

/** What a Python worker is handed to load its interpreter (the page's PreparedPython). */
export interface PythonFiles {
  indexURL: string;
  compiled: WebAssembly.Module | null;
}

/** A Queue's shared ring buffer, by the number the program knows it by. */
export interface SharedQueueRef {
  id: number;
  buffer: SharedArrayBuffer;
}

/** Int32 cells of a process's status buffer. */
export const STATUS_STATE = 0;
export const STATUS_EXIT_CODE = 1;
/** The status buffer's size: two Int32 cells. */
export const STATUS_BYTES = 8;
/** STATUS_STATE while the process runs (or starts), and once it has ended (its exit code is then set). */
export const RUNNING = 0;
export const ENDED = 1;
/** The program's counter (one Int32 cell): each process and each Queue takes the next number. */
export const COUNTER_BYTES = 4;

/** A process the program starts, as its parent asks the page for it (Python's `Process.start()`). */
export interface ProcessRequest {
  /** "Process-1", "Process-1:2", or the name the program gave it. */
  name: string;
  /** Its place in the family, as CPython's `_identity`: [1] for Process-1, [1, 2] for Process-1:2. */
  identity: number[];
  pid: number;
  /** pickle.dumps((target, args, kwargs)) in the parent. */
  payload: Uint8Array;
  /** STATUS_BYTES: STATUS_STATE, STATUS_EXIT_CODE. */
  status: SharedArrayBuffer;
  /** Every Queue its parent knows of when it starts it (made there or inherited). */
  queues: SharedQueueRef[];
  /** A daemon is not waited for at its parent's exit: the page ends it when its parent ends (runProgram.ts). */
  daemon: boolean;
}

/** What every process of one program shares. */
export interface ProgramSetup {
  /** The program's source: the main program runs it as `__main__`, each process imports it as `__mp_main__`. */
  program: string;
  /** What `multiprocessing.cpu_count()` answers. */
  cores: number;
  /** COUNTER_BYTES, shared by every process of the program. */
  counter: SharedArrayBuffer;
  python: PythonFiles;
  /** Where the worker posts `ChannelMessage`s; transferred to it. */
  channel: MessagePort;
}

export type ProcessJob = ProgramSetup & ProcessRequest;

/** The worker's messages to the page, on its channel, in the order they happen. */
export type ChannelMessage =
  | { type: 'output'; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'start'; request: ProcessRequest }
  /** The last message: the process has ended (its output before it). `error`: the uncaught exception's last line, if any. */
  | { type: 'exit'; exitCode: number; error: string | null };

/** The end of a program or a process, as the worker's call answers it too. */
export interface ProgramExit {
  exitCode: number;
  error: string | null;
}

/** The program worker's API (pythonProgram.worker.ts). */
export interface ProgramWorkerApi {
  /** Loads an interpreter, runs the program as `__main__`, waits for the processes it started, as CPython does at exit. */
  runMain(setup: ProgramSetup): Promise<ProgramExit>;
  /** Loads an interpreter, imports the program as `__mp_main__` and calls the process's target. */
  runProcess(job: ProcessJob): Promise<ProgramExit>;
}

/** Has the process of this status buffer ended? */
export function hasEnded(status: Int32Array): boolean {
  return Atomics.load(status, STATUS_STATE) === ENDED;
}

/** Sets a process's exit code and wakes whoever joins it; a status already ended keeps its code. Answers whether this call ended it. */
export function endStatus(status: Int32Array, exitCode: number): boolean {
  if (hasEnded(status)) return false;
  Atomics.store(status, STATUS_EXIT_CODE, exitCode);
  const ended = Atomics.compareExchange(status, STATUS_STATE, RUNNING, ENDED) === RUNNING;
  Atomics.notify(status, STATUS_STATE);
  return ended;
}
