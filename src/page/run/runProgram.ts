import { transfer } from 'comlink';
import { PYTHON_MB_PER_INTERPRETER, pythonWorkerCap } from '../../lab/measurement/pythonMemory';
import { programFailureSentence } from '../../lab/texts/programOutput';
import { spawnWorker } from '../boundary/spawnWorker';
import {
  COUNTER_BYTES,
  endStatus,
  hasEnded,
  type ChannelMessage,
  type ProcessRequest,
  type ProgramExit,
  type ProgramSetup,
  type ProgramWorkerApi,
  type PythonFiles,
} from '../../shared/programProtocol';

export interface ProgramOutcome {
  status: 'done' | 'failed' | 'stopped';
  exitCode: number | null;
  message?: string;
}

export interface ProgramOptions {
  /** What `multiprocessing.cpu_count()` answers. */
  cores: number;
  /** From preparePython(). */
  prepared: PythonFiles;
  /** What the program and its processes print, in order of arrival. */
  onOutput: (text: string, stream: 'stdout' | 'stderr') => void;
  /** Stop: ends the program and every process it started. */
  signal: AbortSignal;
  /** The most interpreters (the program's included) running at once: a start beyond it fails that process; this device's Python cap by default. */
  maxProcesses?: number;
}

/** A worker that runs one Python process, as the page holds it (spawnWorker's handle, or a Node thread in tests). */
export interface ProgramWorker {
  remote: ProgramWorkerApi;
  failure: Promise<never>;
  dispose: () => unknown;
}

/** A daemon process ended with its parent has the exit code of CPython's terminate(): -SIGTERM. */
export const TERMINATED_EXIT_CODE = -15;

/** The least time between two batches of output handed to the page (ms): a program printing in a loop must not flood it. */
export const OUTPUT_BATCH_MS = 50;

/**
 * How long the program's end waits at most for the last lines of processes that have ended: each
 * process prints on a channel of its own, and a browser (or Node) need not deliver two channels'
 * messages in the order they were sent, so a child's traceback, posted before its parent woke from
 * join(), could still be on its way when the program's exit came.
 */
export const ENDED_OUTPUT_WAIT_MS = 1000;

/** Joins what arrives within OUTPUT_BATCH_MS, stream by stream in order of arrival; `flush` hands it on at once. */
function batchOutput(onOutput: ProgramOptions['onOutput']) {
  let pending: { stream: 'stdout' | 'stderr'; text: string }[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    for (const { text, stream } of batch) onOutput(text, stream);
  };
  const add = (text: string, stream: 'stdout' | 'stderr') => {
    const last = pending.at(-1);
    if (last?.stream === stream) last.text += text;
    else pending.push({ stream, text });
    timer ??= setTimeout(flush, OUTPUT_BATCH_MS);
  };
  return { add, flush };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs `source` as a Python program in a worker of its own, and each `multiprocessing.Process` it
 * starts in another, with `spawn` starting each worker. Every worker is ended when the program
 * ends, fails or is stopped.
 */
export function runProgramOn(spawn: (name: string) => ProgramWorker, source: string, { cores, prepared, onOutput: toPage, signal, maxProcesses = Number.POSITIVE_INFINITY }: ProgramOptions): Promise<ProgramOutcome> {
  if (signal.aborted) return Promise.resolve({ status: 'stopped', exitCode: null });
  const output = batchOutput(toPage);
  const onOutput = output.add;
  const counter = new SharedArrayBuffer(COUNTER_BYTES);
  const running = new Set<() => void>();
  /** Each started process's status, and when its channel closed: after its exit message, its worker's failure, or its end with its parent or the program. */
  const processes = new Set<{ status: Int32Array; closed: Promise<void> }>();
  let over = false;

  return new Promise<ProgramOutcome>((resolve) => {
    const settle = (outcome: ProgramOutcome) => {
      if (over) return;
      over = true;
      signal.removeEventListener('abort', stop);
      for (const end of [...running]) end();
      // What arrived before the end is shown before it.
      output.flush();
      resolve(outcome);
    };
    const stop = () => {
      settle({ status: 'stopped', exitCode: null });
    };
    signal.addEventListener('abort', stop);

    /**
     * Starts a worker named `name` and calls it with its channel (`run` transfers it); `onExit` hears its last message (the
     * program's main process listens; a child's exit code reaches its parent through its status), `onFailure` a failure before it.
     * Returns what ends it (with its daemon children), or none when its worker could not be created, and `closed`: settled once
     * nothing more of it can arrive, so that no way a process ends can be forgotten.
     */
    const open = (
      name: string,
      run: (worker: ProgramWorker, setup: ProgramSetup) => Promise<unknown>,
      { onExit, onFailure }: { onExit?: (end: ProgramExit) => void; onFailure: (sentence: string) => void },
    ): { end?: () => void; closed: Promise<void> } => {
      let worker: ProgramWorker;
      try {
        worker = spawn(name);
      } catch (error) {
        // new Worker() can throw (out of memory, a refused script): a parent joining this process must still wake.
        onFailure(messageOf(error));
        return { closed: Promise.resolve() };
      }
      const { port1, port2 } = new MessageChannel();
      let ended = false;
      let channelClosed: () => void = () => undefined;
      const closed = new Promise<void>((resolve) => {
        channelClosed = resolve;
      });
      // As in CPython, a process's daemon children end when it does (its own exit, its worker failing, or the program's end).
      const daemons = new Set<() => void>();
      const end = () => {
        if (ended) return;
        ended = true;
        running.delete(end);
        port1.close();
        channelClosed();
        worker.dispose();
        for (const endDaemon of daemons) endDaemon();
      };
      running.add(end);
      port1.addEventListener('message', (event: MessageEvent<ChannelMessage>) => {
        if (over || ended) return;
        const message = event.data;
        if (message.type === 'output') onOutput(message.text, message.stream);
        else if (message.type === 'start') startProcess(message.request, daemons);
        else {
          end();
          onExit?.(message);
        }
      });
      port1.start();
      const setup: ProgramSetup = { program: source, cores, counter, python: prepared, channel: port2 };
      // The call answers after its exit message, which comes on the channel behind the last line printed: only a failure counts here.
      Promise.race([run(worker, setup), worker.failure]).catch((error: unknown) => {
        if (over || ended) return;
        end();
        onFailure(messageOf(error));
      });
      return { end, closed };
    };

    /** Starts the process a parent asked for; a daemon goes into the parent's `daemons`, ended with it. */
    const startProcess = (request: ProcessRequest, parentDaemons: Set<() => void>) => {
      const status = new Int32Array(request.status);
      if (running.size >= maxProcesses) {
        // A program starting processes in a loop must not take the tab's memory: this one fails, as a process whose worker failed.
        onOutput(`${request.name} was not started: this device holds at most ${String(maxProcesses)} Python interpreters at once (about ${String(PYTHON_MB_PER_INTERPRETER)} MB each).\n`, 'stderr');
        endStatus(status, 1);
        return;
      }
      const { end, closed } = open(
        request.name,
        (worker, setup) => worker.remote.runProcess(transfer({ ...setup, ...request }, [setup.channel])),
        {
          onFailure: (sentence) => {
            onOutput(`${sentence}\n`, 'stderr');
            // Its parent may be joining it: a process whose worker failed has ended, with exit code 1.
            endStatus(status, 1);
          },
        },
      );
      processes.add({ status, closed });
      if (end && request.daemon) {
        parentDaemons.add(() => {
          end();
          // Only where it had not ended by itself: its own exit code stands.
          endStatus(status, TERMINATED_EXIT_CODE);
        });
      }
    };

    open(
      'Python program',
      (worker, setup) => worker.remote.runMain(transfer(setup, [setup.channel])),
      {
        onExit: (end) => {
          const outcome: ProgramOutcome = end.exitCode === 0 ? { status: 'done', exitCode: 0 } : { status: 'failed', exitCode: end.exitCode, message: programFailureSentence(end) };
          // The last lines of every process that has ended come before the end (see ENDED_OUTPUT_WAIT_MS); one still running is ended with the program.
          const endedProcesses = [...processes].filter(({ status }) => hasEnded(status)).map(({ closed }) => closed);
          if (endedProcesses.length === 0) {
            settle(outcome);
            return;
          }
          const waited = setTimeout(() => {
            settle(outcome);
          }, ENDED_OUTPUT_WAIT_MS);
          void Promise.all(endedProcesses).then(() => {
            clearTimeout(waited);
            settle(outcome);
          });
        },
        onFailure: (sentence) => {
          settle({ status: 'failed', exitCode: null, message: sentence });
        },
      },
    );
  });
}

/** Runs the page's Python program: each process in a worker of its own, with its own interpreter. */
export function runProgram(source: string, options: ProgramOptions): Promise<ProgramOutcome> {
  const deviceMemory: unknown = Reflect.get(navigator, 'deviceMemory');
  const maxProcesses = options.maxProcesses ?? pythonWorkerCap(deviceMemory, Number.POSITIVE_INFINITY).maxWorkers;
  return runProgramOn((name) => spawnWorker('python-program', name), source, { ...options, maxProcesses });
}

/** Whether this page can run programs (blocking join() and Queue.get() need shared memory): true, or one sentence saying what this browser lacks. */
export function programSupport(): true | string {
  if (typeof SharedArrayBuffer === 'undefined') {
    return 'This browser has no SharedArrayBuffer, which join() and Queue.get() need to wait, so programs cannot run here.';
  }
  if (typeof crossOriginIsolated === 'undefined' || !crossOriginIsolated) return 'This page is not cross-origin isolated, so it cannot share memory between workers, which join() and Queue.get() need to wait.';
  return true;
}
