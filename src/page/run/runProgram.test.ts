import { afterEach, describe, expect, it, vi } from 'vitest';
import { ENDED, endStatus, STATUS_BYTES, STATUS_EXIT_CODE, STATUS_STATE, type ChannelMessage, type ProcessRequest, type ProgramExit, type ProgramSetup } from '../../shared/programProtocol';
import { ENDED_OUTPUT_WAIT_MS, OUTPUT_BATCH_MS, programSupport, runProgramOn, type ProgramOutcome, type ProgramWorker } from './runProgram';

/*
 * The page's bookkeeping with fake workers: each fake "runs" by posting on the channel it is
 * handed, as a Python worker does. What the real workers do is tested in programService.test.ts.
 */

type Script = (channel: MessagePort, name: string) => void | Promise<void>;

interface Fake {
  name: string;
  disposed: boolean;
  job: (ProgramSetup & Partial<ProcessRequest>) | undefined;
  fail: (sentence: string) => void;
}

function fakes(scripts: Record<string, Script>) {
  const started: Fake[] = [];
  const spawn = (name: string): ProgramWorker => {
    let fail: (sentence: string) => void = () => undefined;
    const failure = new Promise<never>((_, reject) => {
      fail = (sentence) => {
        reject(new Error(sentence));
      };
    });
    failure.catch(() => undefined);
    const fake: Fake = { name, disposed: false, job: undefined, fail };
    started.push(fake);
    // A real worker's call answers only once its program has ended (after its exit message): these run on.
    const run = async (job: ProgramSetup): Promise<ProgramExit> => {
      fake.job = job;
      await (scripts[name] ?? (() => undefined))(job.channel, name);
      return new Promise<ProgramExit>(() => undefined);
    };
    return {
      remote: { runMain: run, runProcess: run },
      failure,
      dispose: () => {
        fake.disposed = true;
      },
    };
  };
  return { started, spawn };
}

const post = (channel: MessagePort, message: ChannelMessage) => {
  channel.postMessage(message);
};

function request(name: string): ProcessRequest {
  return { name, identity: [1], pid: 2, payload: new Uint8Array([1, 2]), status: new SharedArrayBuffer(STATUS_BYTES), queues: [], daemon: false };
}

const PYTHON = { indexURL: '/pyodide/', compiled: null };

function run(spawn: (name: string) => ProgramWorker, signal = new AbortController().signal) {
  const output: string[] = [];
  const outcome: Promise<ProgramOutcome> = runProgramOn(spawn, 'print(1)', {
    cores: 4,
    prepared: PYTHON,
    signal,
    onOutput: (text, stream) => output.push(`${stream}: ${text}`),
  });
  return { output, outcome };
}

describe('runProgramOn', () => {
  it('hands the main program its setup, passes on what it prints in order, starts each process it asks for, and ends every worker when it exits', async () => {
    const child = request('Process-1');
    const { started, spawn } = fakes({
      'Python program': (channel) => {
        post(channel, { type: 'output', stream: 'stdout', text: 'one\n' });
        post(channel, { type: 'start', request: child });
        post(channel, { type: 'output', stream: 'stderr', text: 'two\n' });
      },
      // The child never exits (a daemon): it is ended with the program.
      'Process-1': (channel) => {
        post(channel, { type: 'output', stream: 'stdout', text: 'child\n' });
        setTimeout(() => {
          const main = started[0].job?.channel;
          if (main) post(main, { type: 'exit', exitCode: 0, error: null });
        }, 20);
      },
    });
    const { output, outcome } = run(spawn);
    expect(await outcome).toEqual({ status: 'done', exitCode: 0 });
    expect(output).toEqual(['stdout: one\n', 'stderr: two\n', 'stdout: child\n']);
    expect(started.map(({ name, disposed }) => [name, disposed])).toEqual([
      ['Python program', true],
      ['Process-1', true],
    ]);
    const [main, process] = started;
    expect(main.job).toMatchObject({ program: 'print(1)', cores: 4, python: PYTHON });
    expect(process.job).toMatchObject({ program: 'print(1)', cores: 4, name: 'Process-1', pid: 2, payload: new Uint8Array([1, 2]) });
    // One counter for the whole program, so that pids and queues are numbered once.
    expect(process.job?.counter).toBe(main.job?.counter);
  });

  it('hands on output in batches, stream by stream in order, within OUTPUT_BATCH_MS while the program runs', async () => {
    let seenWhileRunning: string[] = [];
    const { spawn } = fakes({
      'Python program': async (channel) => {
        for (let line = 0; line < 100; line += 1) post(channel, { type: 'output', stream: 'stdout', text: `${String(line)}\n` });
        post(channel, { type: 'output', stream: 'stderr', text: 'warning\n' });
        post(channel, { type: 'output', stream: 'stdout', text: 'after\n' });
        await new Promise((resolve) => setTimeout(resolve, OUTPUT_BATCH_MS * 3));
        seenWhileRunning = [...output];
        post(channel, { type: 'output', stream: 'stdout', text: 'last\n' });
        post(channel, { type: 'exit', exitCode: 0, error: null });
      },
    });
    const { output, outcome } = run(spawn);
    expect(await outcome).toEqual({ status: 'done', exitCode: 0 });
    const lines = Array.from({ length: 100 }, (_, line) => `${String(line)}\n`).join('');
    expect(seenWhileRunning).toEqual([`stdout: ${lines}`, 'stderr: warning\n', 'stdout: after\n']);
    expect(output).toEqual([...seenWhileRunning, 'stdout: last\n']);
  });

  it('says how a program failed: its exception, or its exit code', async () => {
    const raised = fakes({ 'Python program': (channel) => post(channel, { type: 'exit', exitCode: 1, error: 'ZeroDivisionError: division by zero' }) });
    expect(await run(raised.spawn).outcome).toEqual({ status: 'failed', exitCode: 1, message: 'The program stopped with ZeroDivisionError: division by zero.' });
    const exited = fakes({ 'Python program': (channel) => post(channel, { type: 'exit', exitCode: 3, error: null }) });
    expect(await run(exited.spawn).outcome).toEqual({ status: 'failed', exitCode: 3, message: 'The program exited with code 3.' });
    expect([...raised.started, ...exited.started].every(({ disposed }) => disposed)).toBe(true);
  });

  it("fails with the worker's sentence when the program's worker fails, and ends the processes it started", async () => {
    const { started, spawn } = fakes({
      'Python program': (channel) => {
        post(channel, { type: 'start', request: request('Process-1') });
      },
      'Process-1': () => {
        started[0].fail('Python program failed: out of memory.');
      },
    });
    expect(await run(spawn).outcome).toEqual({ status: 'failed', exitCode: null, message: 'Python program failed: out of memory.' });
    expect(started.map(({ disposed }) => disposed)).toEqual([true, true]);
  });

  it("ends a process whose worker fails with exit code 1, so that whoever joins it wakes, and says why on stderr", async () => {
    const child = request('Process-1');
    const { started, spawn } = fakes({
      'Python program': (channel) => {
        post(channel, { type: 'start', request: child });
      },
      'Process-1': () => {
        started[1].fail('Process-1 failed: its script could not be loaded.');
        setTimeout(() => {
          const main = started[0].job?.channel;
          if (main) post(main, { type: 'exit', exitCode: 0, error: null });
        }, 20);
      },
    });
    const { output, outcome } = run(spawn);
    expect(await outcome).toEqual({ status: 'done', exitCode: 0 });
    const status = new Int32Array(child.status);
    expect([status[STATUS_STATE], status[STATUS_EXIT_CODE]]).toEqual([ENDED, 1]);
    expect(output).toEqual(['stderr: Process-1 failed: its script could not be loaded.\n']);
    expect(started[1].disposed).toBe(true);
  });

  it('ends a process whose worker cannot even be created with exit code 1 (its parent joining it wakes), and fails a program whose worker cannot', async () => {
    const child = request('Process-1');
    const { started, spawn } = fakes({
      'Python program': (channel) => {
        post(channel, { type: 'start', request: child });
        setTimeout(() => {
          post(channel, { type: 'exit', exitCode: 0, error: null });
        }, 20);
      },
    });
    const refusing = (name: string) => {
      // new Worker() throws, as a browser out of memory or refusing the script does.
      if (name === 'Process-1') throw new Error('Process-1 could not be started: out of memory.');
      return spawn(name);
    };
    const { output, outcome } = run(refusing);
    expect(await outcome).toEqual({ status: 'done', exitCode: 0 });
    const status = new Int32Array(child.status);
    expect([status[STATUS_STATE], status[STATUS_EXIT_CODE]]).toEqual([ENDED, 1]);
    expect(output).toEqual(['stderr: Process-1 could not be started: out of memory.\n']);
    expect(started.map((fake) => fake.disposed)).toEqual([true]);

    const never = run(() => {
      throw new Error('Python program could not be started: out of memory.');
    });
    expect(await never.outcome).toEqual({ status: 'failed', exitCode: null, message: 'Python program could not be started: out of memory.' });
  });

  it('fails a process started beyond maxProcesses running at once (exit code 1, one line on stderr) without a worker for it', async () => {
    const children = [request('Process-1'), request('Process-2'), request('Process-3')];
    const { started, spawn } = fakes({
      'Python program': (channel) => {
        for (const child of children) post(channel, { type: 'start', request: child });
        setTimeout(() => {
          post(channel, { type: 'exit', exitCode: 0, error: null });
        }, 20);
      },
    });
    const output: string[] = [];
    const outcome = await runProgramOn(spawn, 'print(1)', { cores: 4, prepared: PYTHON, signal: new AbortController().signal, maxProcesses: 3, onOutput: (text) => output.push(text) });
    expect(outcome).toEqual({ status: 'done', exitCode: 0 });
    expect(started.map((fake) => fake.name)).toEqual(['Python program', 'Process-1', 'Process-2']);
    const codes = children.map((child) => new Int32Array(child.status)).map((status) => [status[STATUS_STATE], status[STATUS_EXIT_CODE]]);
    expect(codes[2]).toEqual([ENDED, 1]);
    expect(output).toEqual(['Process-3 was not started: this device holds at most 3 Python interpreters at once (about 45 MB each).\n']);
  });

  it("ends a process's daemon children when it exits (exit code -15, as terminate() gives), not its other children nor another process's daemons", async () => {
    const daemon = (name: string): ProcessRequest => ({ ...request(name), daemon: true });
    const children = { first: request('Process-1'), mainDaemon: daemon('Process-2'), itsDaemon: daemon('Process-1:1'), itsOther: request('Process-1:2'), endedDaemon: daemon('Process-1:3') };
    let afterFirstExit: [string, boolean][] = [];
    const { started, spawn } = fakes({
      'Python program': (channel) => {
        post(channel, { type: 'start', request: children.first });
        post(channel, { type: 'start', request: children.mainDaemon });
      },
      'Process-1': (channel) => {
        post(channel, { type: 'start', request: children.itsDaemon });
        post(channel, { type: 'start', request: children.itsOther });
        post(channel, { type: 'start', request: children.endedDaemon });
        setTimeout(() => {
          post(channel, { type: 'exit', exitCode: 0, error: null });
        }, 20);
        setTimeout(() => {
          afterFirstExit = started.map(({ name, disposed }) => [name, disposed]);
          const main = started[0].job?.channel;
          if (main) post(main, { type: 'exit', exitCode: 0, error: null });
        }, 40);
      },
      // A daemon that ends by itself before its parent keeps its own exit code.
      'Process-1:3': (channel) => {
        endStatus(new Int32Array(children.endedDaemon.status), 0);
        post(channel, { type: 'exit', exitCode: 0, error: null });
      },
    });
    expect(await run(spawn).outcome).toEqual({ status: 'done', exitCode: 0 });
    expect(afterFirstExit).toEqual([
      ['Python program', false],
      ['Process-1', true],
      ['Process-2', false],
      ['Process-1:1', true],
      ['Process-1:2', false],
      ['Process-1:3', true],
    ]);
    const codes = Object.values(children).map(({ status }) => new Int32Array(status)[STATUS_EXIT_CODE]);
    expect(codes).toEqual([0, -15, -15, 0, 0]);
  });

  it("shows the last lines of a process that has ended before the program's end, though they come on its own channel after the program's exit", async () => {
    const child = request('Process-1');
    const { started, spawn } = fakes({
      'Python program': (channel) => {
        post(channel, { type: 'start', request: child });
      },
      // As in a real run: its status ends, its parent wakes from join() and the program exits, while its traceback is still on its way.
      'Process-1': (channel) => {
        endStatus(new Int32Array(child.status), 1);
        const main = started[0].job?.channel;
        if (main) {
          post(main, { type: 'output', stream: 'stdout', text: '__main__ saw exit code 1\n' });
          post(main, { type: 'exit', exitCode: 0, error: null });
        }
        setTimeout(() => {
          post(channel, { type: 'output', stream: 'stderr', text: 'RuntimeError\n' });
          post(channel, { type: 'exit', exitCode: 1, error: null });
        }, 20);
      },
    });
    const { output, outcome } = run(spawn);
    expect(await outcome).toEqual({ status: 'done', exitCode: 0 });
    expect(output).toEqual(['stdout: __main__ saw exit code 1\n', 'stderr: RuntimeError\n']);
    expect(started.map(({ disposed }) => disposed)).toEqual([true, true]);
  });

  it(`ends the program ${String(ENDED_OUTPUT_WAIT_MS)} ms after its exit at most when a process that has ended never sends its own`, async () => {
    const child = request('Process-1');
    const { started, spawn } = fakes({
      'Python program': (channel) => {
        post(channel, { type: 'start', request: child });
      },
      // Its status ends, then its worker says nothing more.
      'Process-1': () => {
        endStatus(new Int32Array(child.status), 1);
        const main = started[0].job?.channel;
        if (main) post(main, { type: 'exit', exitCode: 0, error: null });
      },
    });
    const { output, outcome } = run(spawn);
    expect(await outcome).toEqual({ status: 'done', exitCode: 0 });
    expect(output).toEqual([]);
    expect(started.map(({ disposed }) => disposed)).toEqual([true, true]);
  });

  it('Stop ends the program and every process at once, and nothing it prints afterwards reaches the page', async () => {
    const stopping = new AbortController();
    const { started, spawn } = fakes({
      'Python program': (channel) => {
        post(channel, { type: 'start', request: request('Process-1') });
      },
      'Process-1': (channel) => {
        stopping.abort();
        post(channel, { type: 'output', stream: 'stdout', text: 'too late\n' });
      },
    });
    const { output, outcome } = run(spawn, stopping.signal);
    expect(await outcome).toEqual({ status: 'stopped', exitCode: null });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(output).toEqual([]);
    expect(started.map(({ disposed }) => disposed)).toEqual([true, true]);
  });

  it('starts nothing when stopped before it begins', async () => {
    const stopping = new AbortController();
    stopping.abort();
    const { started, spawn } = fakes({});
    expect(await run(spawn, stopping.signal).outcome).toEqual({ status: 'stopped', exitCode: null });
    expect(started).toEqual([]);
  });
});

describe('programSupport', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('is true where the page is cross-origin isolated and has SharedArrayBuffer', () => {
    vi.stubGlobal('crossOriginIsolated', true);
    expect(programSupport()).toBe(true);
  });

  it('says in one sentence what a browser lacks', () => {
    vi.stubGlobal('crossOriginIsolated', false);
    expect(programSupport()).toBe('This page is not cross-origin isolated, so it cannot share memory between workers, which join() and Queue.get() need to wait.');
    vi.stubGlobal('SharedArrayBuffer', undefined);
    expect(programSupport()).toBe('This browser has no SharedArrayBuffer, which join() and Queue.get() need to wait, so programs cannot run here.');
  });
});
