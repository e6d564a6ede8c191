import { loadInterpreter, type PyodideInterface } from './interpreter';
import multiprocessingSource from './multiprocessing.py?raw';
import { SharedQueue, waitForEnd } from './sharedMemory';
import {
  endStatus,
  hasEnded,
  STATUS_BYTES,
  STATUS_EXIT_CODE,
  type ChannelMessage,
  type ProcessJob,
  type ProcessRequest,
  type ProgramExit,
  type ProgramSetup,
  type ProgramWorkerApi,
  type SharedQueueRef,
} from '../../shared/programProtocol';

/** Where each interpreter finds the program (tracebacks name it as `python3 main.py` would) and our multiprocessing. */
export const PROGRAM_PATH = 'main.py';
const MODULE_FOLDER = '/lab';

/** One process of the program as its interpreter sees it. */
interface Self {
  name: string;
  pid: number;
  identity: number[];
}

/** Sends the page what this interpreter prints, as it prints it (line by line: Python's stdout is line-buffered here). */
function forwardOutput(python: PyodideInterface, post: (message: ChannelMessage) => void): void {
  for (const stream of ['stdout', 'stderr'] as const) {
    const decoder = new TextDecoder();
    const write = (buffer: Uint8Array) => {
      const text = decoder.decode(buffer, { stream: true });
      if (text) post({ type: 'output', stream, text });
      return buffer.length;
    };
    // isatty: Python then flushes at every newline, so a line reaches the page before a long count.
    if (stream === 'stdout') python.setStdout({ write, isatty: true });
    else python.setStderr({ write, isatty: true });
  }
  python.setStdin({ error: true });
}

/**
 * The JavaScript half of our multiprocessing (`import _mp_bridge` in multiprocessing.py): starts
 * processes by asking the page, blocks on their status and on the program's Queues.
 */
function makeBridge(setup: ProgramSetup, self: Self, inherited: readonly SharedQueueRef[], payload: Uint8Array | null, post: (message: ChannelMessage) => void) {
  const counter = new Int32Array(setup.counter);
  const queues = new Map<number, { ref: SharedQueueRef; queue: SharedQueue }>();
  const known = (ref: SharedQueueRef) => {
    queues.set(ref.id, { ref, queue: new SharedQueue(ref.buffer) });
  };
  inherited.forEach(known);
  const statuses = new Map<number, Int32Array>();
  const statusOf = (pid: number) => {
    const status = statuses.get(pid);
    if (!status) throw new Error(`No process ${String(pid)} was started here.`);
    return status;
  };
  const queueOf = (id: number) => {
    const entry = queues.get(id);
    if (!entry) throw new Error(`Queue ${String(id)} is not known in this process.`);
    return entry.queue;
  };
  return {
    module_source: multiprocessingSource,
    program: setup.program,
    /** A process's pickled (target, args, kwargs); null in the main program. */
    payload: payload ?? undefined,
    pid: self.pid,
    name: self.name,
    identity: JSON.stringify(self.identity),
    cores: setup.cores,
    /** Posts the request at once and answers the new process's pid: the parent never waits for the page. */
    start_process(name: string, identityJson: string, payload: Uint8Array, daemon: boolean): number {
      const status = new SharedArrayBuffer(STATUS_BYTES);
      const pid = Atomics.add(counter, 0, 1) + 1;
      statuses.set(pid, new Int32Array(status));
      const identity = JSON.parse(identityJson) as number[];
      const request: ProcessRequest = { name, identity, pid, payload: payload.slice(), status, queues: [...queues.values()].map(({ ref }) => ref), daemon };
      post({ type: 'start', request });
      return pid;
    },
    join_process: (pid: number, timeoutMs: number | null | undefined) => waitForEnd(statusOf(pid), timeoutMs ?? null),
    /** undefined while it runs: Python reads it as None (JavaScript's null would be JsNull). */
    exit_code(pid: number): number | undefined {
      const status = statusOf(pid);
      return hasEnded(status) ? Atomics.load(status, STATUS_EXIT_CODE) : undefined;
    },
    new_queue(): number {
      const id = Atomics.add(counter, 0, 1) + 1;
      known({ id, buffer: SharedQueue.create() });
      return id;
    },
    queue_put: (id: number, item: Uint8Array, timeoutMs: number | null | undefined) => queueOf(id).put(item, timeoutMs ?? null),
    /** undefined once the timeout has passed (Python's None). */
    queue_get: (id: number, timeoutMs: number | null | undefined) => queueOf(id).get(timeoutMs ?? null) ?? undefined,
  };
}

/** Loads this process's interpreter: its output to the page, our multiprocessing and the program in its files. */
async function prepareInterpreter(setup: ProgramSetup, self: Self, inherited: readonly SharedQueueRef[], payload: Uint8Array | null): Promise<{ python: PyodideInterface; post: (message: ChannelMessage) => void }> {
  const post = (message: ChannelMessage) => {
    setup.channel.postMessage(message);
  };
  const python = await loadInterpreter({ indexURL: setup.python.indexURL, compiled: setup.python.compiled });
  forwardOutput(python, post);
  python.registerJsModule('_mp_bridge', makeBridge(setup, self, inherited, payload, post));
  // Files, so that `import multiprocessing` finds ours first and a traceback shows the program's lines.
  python.runPython(`import os, sys, _mp_bridge
os.makedirs(${JSON.stringify(MODULE_FOLDER)}, exist_ok=True)
with open(${JSON.stringify(`${MODULE_FOLDER}/multiprocessing.py`)}, "w", encoding="utf-8") as file:
    file.write(_mp_bridge.module_source)
with open(${JSON.stringify(PROGRAM_PATH)}, "w", encoding="utf-8") as file:
    file.write(_mp_bridge.program)
sys.path.insert(0, ${JSON.stringify(MODULE_FOLDER)})
sys.argv = [${JSON.stringify(PROGRAM_PATH)}]
del os, sys, _mp_bridge, file`);
  return { python, post };
}

function readExit(answer: unknown): ProgramExit {
  const { exitCode, error } = JSON.parse(String(answer)) as ProgramExit;
  return { exitCode, error };
}

/** Ends the run: the exit goes last on the channel, after every line printed, then the channel closes. */
function finish(setup: ProgramSetup, post: (message: ChannelMessage) => void, end: ProgramExit): ProgramExit {
  post({ type: 'exit', ...end });
  setup.channel.close();
  return end;
}

/** Runs a Python program, as `python3 main.py` does, and each process it starts, as the spawn start method does. */
export class ProgramService implements ProgramWorkerApi {
  async runMain(setup: ProgramSetup): Promise<ProgramExit> {
    const pid = Atomics.add(new Int32Array(setup.counter), 0, 1) + 1;
    const { python, post } = await prepareInterpreter(setup, { name: 'MainProcess', pid, identity: [] }, [], null);
    const answer: unknown = await python.runPythonAsync(`import multiprocessing\nmultiprocessing._run_main(${JSON.stringify(PROGRAM_PATH)})`);
    return finish(setup, post, readExit(answer));
  }

  async runProcess(job: ProcessJob): Promise<ProgramExit> {
    const status = new Int32Array(job.status);
    try {
      const { python, post } = await prepareInterpreter(job, job, job.queues, job.payload);
      const answer: unknown = await python.runPythonAsync(`import multiprocessing\nmultiprocessing._run_child(${JSON.stringify(PROGRAM_PATH)})`);
      const end = readExit(answer);
      // Its output is on the channel before its parent wakes from join(); the page waits for this channel's exit before the program's end (ENDED_OUTPUT_WAIT_MS).
      endStatus(status, end.exitCode);
      return finish(job, post, end);
    } catch (error) {
      endStatus(status, 1);
      throw error;
    }
  }
}
