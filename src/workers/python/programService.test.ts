import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runProgramOn, type ProgramOptions, type ProgramOutcome } from '../../page/run/runProgram';
import type { ProgramWorkerApi, PythonFiles } from '../../shared/programProtocol';
import { bundleWorker, startNodeWorker, type NodeWorkerHandle } from '../../testing/nodeWorker';

/*
 * Our multiprocessing with the real Pyodide: the page's runner starts each process in a Node
 * worker thread of its own, with its own interpreter, as the browser does with workers.
 */

const PACKAGE_FOLDER = fileURLToPath(new URL('../../../node_modules/pyodide/', import.meta.url));
const SLOW = { timeout: 90_000 };

let bundle: string;
let python: PythonFiles;

beforeAll(async () => {
  const [path, bytes] = await Promise.all([
    bundleWorker(new URL('./pythonProgram.worker.ts', import.meta.url), { external: ['pyodide'] }),
    readFile(`${PACKAGE_FOLDER}pyodide.asm.wasm`),
  ]);
  bundle = path;
  // Compiled once and handed to every thread, as the page hands its workers the module it compiled.
  python = { indexURL: PACKAGE_FOLDER, compiled: await WebAssembly.compile(bytes) };
}, 90_000);

interface Ran {
  outcome: ProgramOutcome;
  stdout: string;
  stderr: string;
  /** The workers' names, in the order they were started. */
  workers: string[];
  /** Whether every worker's thread had exited when the run answered. */
  allEnded: () => Promise<boolean>;
}

async function run(source: string, options: Partial<ProgramOptions> & { onLine?: (text: string) => void } = {}): Promise<Ran> {
  const handles: NodeWorkerHandle<ProgramWorkerApi>[] = [];
  const exits: Promise<void>[] = [];
  let stdout = '';
  let stderr = '';
  const outcome = await runProgramOn(
    (name) => {
      const handle = startNodeWorker<ProgramWorkerApi>(bundle, name);
      handles.push(handle);
      return {
        remote: handle.remote,
        failure: handle.failure,
        dispose: () => exits.push(handle.dispose()),
      };
    },
    source,
    {
      cores: 3,
      prepared: python,
      signal: new AbortController().signal,
      onOutput: (text, stream) => {
        if (stream === 'stdout') stdout += text;
        else stderr += text;
        options.onLine?.(text);
      },
      ...options,
    },
  );
  return {
    outcome,
    stdout,
    stderr,
    workers: handles.map(({ name }) => name),
    allEnded: async () => {
      await Promise.all(exits);
      return exits.length === handles.length && handles.every(({ threadId }) => threadId === -1);
    },
  };
}

describe('multiprocessing in Pyodide, one interpreter per process', () => {
  it("spawns: the child imports the program as __mp_main__, then calls the target with its args and kwargs (or a subclass's run()); Queue carries the answers", SLOW, async () => {
    const ran = await run(`import multiprocessing
import os

print("imported as", __name__)


def work(a, b, results, scale=1):
    me = multiprocessing.current_process()
    results.put((me.name, __name__, a * b * scale, os.getpid() == me.pid))


class Counter(multiprocessing.Process):
    def __init__(self, results):
        super().__init__(name="Counter")
        self.results = results

    def run(self):
        work(4, 5, self.results)


if __name__ == "__main__":
    results = multiprocessing.Queue()
    first = multiprocessing.Process(target=work, args=(2, 3, results), kwargs={"scale": 10})
    second = Counter(results)
    print("before", first.name, first.is_alive(), first.exitcode, first.pid)
    first.start()
    second.start()
    got = sorted([results.get(), results.get()])
    first.join()
    second.join()
    print("got", got)
    print("after", first.exitcode, second.exitcode, first.is_alive(), first.pid != second.pid)
    print("main", multiprocessing.current_process().name, multiprocessing.cpu_count())
`);
    expect(ran.outcome).toEqual({ status: 'done', exitCode: 0 });
    expect(ran.stderr).toBe('');
    const lines = ran.stdout.split('\n');
    expect(lines.filter((line) => line === 'imported as __mp_main__')).toHaveLength(2);
    expect(lines[0]).toBe('imported as __main__');
    expect(lines).toContain('before Process-1 False None None');
    expect(lines).toContain("got [('Counter', '__mp_main__', 20, True), ('Process-1', '__mp_main__', 60, True)]");
    expect(lines).toContain('after 0 0 False True');
    expect(lines).toContain('main MainProcess 3');
    expect(ran.workers).toEqual(['Python program', 'Process-1', 'Counter']);
    expect(await ran.allEnded()).toBe(true);
  });

  it('without the guard, the child raises the RuntimeError of spawn and its parent sees exit code 1', SLOW, async () => {
    const ran = await run(`import multiprocessing


def work():
    print("never called")


process = multiprocessing.Process(target=work)
process.start()
process.join()
print(__name__, "saw exit code", process.exitcode)
`);
    expect(ran.outcome).toEqual({ status: 'done', exitCode: 0 });
    expect(ran.stdout).toBe('__main__ saw exit code 1\n');
    expect(ran.stderr).toContain('Traceback (most recent call last):');
    expect(ran.stderr).toContain('File "main.py", line 9, in <module>');
    expect(ran.stderr).toContain('RuntimeError: \n        An attempt has been made to start a new process before the\n        current process has finished its bootstrapping phase.');
    expect(ran.workers).toEqual(['Python program', 'Process-1']);
    expect(await ran.allEnded()).toBe(true);
  });

  it('joins with a timeout, times out a get, refuses what it lacks, reports a raising target and a raising program', SLOW, async () => {
    const ran = await run(`import multiprocessing
import queue
import time


def wait_for(tasks):
    print("child got", tasks.get())


def fail():
    raise ValueError("no good")


if __name__ == "__main__":
    try:
        multiprocessing.Pool(2)
    except NotImplementedError as error:
        print("refused:", error)
    tasks = multiprocessing.Queue()
    start = time.perf_counter()
    try:
        tasks.get(timeout=0.3)
    except queue.Empty:
        print("empty after", round(time.perf_counter() - start, 1))
    waiting = multiprocessing.Process(target=wait_for, args=(tasks,))
    waiting.start()
    start = time.perf_counter()
    waiting.join(0.3)
    print("after join(0.3):", waiting.is_alive(), waiting.exitcode, round(time.perf_counter() - start, 1))
    tasks.put({"go": [1, 2]})
    waiting.join()
    print("after join():", waiting.is_alive(), waiting.exitcode)
    failing = multiprocessing.Process(target=fail)
    failing.start()
    failing.join()
    print("failing exit code", failing.exitcode)
    print(1 / 0)
`);
    expect(ran.outcome).toEqual({ status: 'failed', exitCode: 1, message: 'The program stopped with ZeroDivisionError: division by zero.' });
    const lines = ran.stdout.split('\n');
    expect(lines[0]).toMatch(/^refused: multiprocessing\.Pool is not part of this lab's multiprocessing, which has Process\(target, args, kwargs, name, daemon\) or a subclass/);
    expect(lines[1]).toBe('empty after 0.3');
    expect(lines[2]).toBe('after join(0.3): True None 0.3');
    expect(lines.slice(3, 7)).toEqual(["child got {'go': [1, 2]}", 'after join(): False 0', 'failing exit code 1', '']);
    expect(ran.stderr).toContain('Process Process-2:\nTraceback (most recent call last):\n  File "main.py", line 11, in fail\n    raise ValueError("no good")\nValueError: no good\n');
    expect(ran.stderr).toMatch(/Traceback \(most recent call last\):\n {2}File "main\.py", line 37, in <module>\n {4}print\(1 \/ 0\)\n[^]*ZeroDivisionError: division by zero\n$/);
    expect(await ran.allEnded()).toBe(true);
  });

  it("what it lacks is also an AttributeError: hasattr() says False and getattr() gives the default, on a Process, a Queue and current_process()", SLOW, async () => {
    const ran = await run(`import multiprocessing


if __name__ == "__main__":
    process = multiprocessing.Process()
    tasks = multiprocessing.Queue()
    me = multiprocessing.current_process()
    print(hasattr(process, "terminate"), getattr(process, "kill", "no kill"), hasattr(process, "name"))
    print(hasattr(tasks, "qsize"), getattr(tasks, "close", None), hasattr(me, "authkey"))
    try:
        process.terminate()
    except NotImplementedError as error:
        print("refused:", error)
    process.kill()
`);
    expect(ran.outcome).toMatchObject({ status: 'failed', exitCode: 1 });
    expect(ran.outcome.status === 'failed' && ran.outcome.message).toMatch(/^The program stopped with NotImplementedError: multiprocessing\.Process\.kill is not part of this lab's/);
    expect(ran.stderr).toMatch(/\n {4}process\.kill\(\)\n[^]*\nNotImplementedError: multiprocessing\.Process\.kill is not part of this lab's multiprocessing, which has Process\(target[^\n]*\n$/);
    const lines = ran.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual(['False no kill True', 'False None False']);
    expect(lines[2]).toMatch(/^refused: multiprocessing\.Process\.terminate is not part of this lab's multiprocessing, which has Process\(target/);
  });

  it('a daemon process may not start children: its start() raises the AssertionError Python gives, and the daemon exits with code 1', SLOW, async () => {
    const ran = await run(`import multiprocessing


def grandchild():
    print("grandchild ran")


def child():
    print("child is a daemon:", multiprocessing.current_process().daemon)
    multiprocessing.Process(target=grandchild).start()


if __name__ == "__main__":
    process = multiprocessing.Process(target=child, daemon=True)
    process.start()
    process.join()
    print("exit code", process.exitcode)
`);
    expect(ran.outcome).toEqual({ status: 'done', exitCode: 0 });
    expect(ran.stdout).toBe('child is a daemon: True\nexit code 1\n');
    expect(ran.stderr).toContain('Process Process-1:\nTraceback (most recent call last):');
    expect(ran.stderr).toMatch(/\nAssertionError: daemonic processes are not allowed to have children\n$/);
    expect(ran.workers).toEqual(['Python program', 'Process-1']);
    expect(await ran.allEnded()).toBe(true);
  });

  it('Stop ends the program and every process it started, at once', SLOW, async () => {
    const stopping = new AbortController();
    const ran = await run(
      `import multiprocessing


def forever(tasks):
    print("child waits")
    tasks.get()


if __name__ == "__main__":
    tasks = multiprocessing.Queue()
    child = multiprocessing.Process(target=forever, args=(tasks,))
    child.start()
    child.join()
`,
      {
        signal: stopping.signal,
        onLine: (text) => {
          if (text.includes('child waits')) stopping.abort();
        },
      },
    );
    expect(ran.outcome).toEqual({ status: 'stopped', exitCode: null });
    expect(ran.workers).toEqual(['Python program', 'Process-1']);
    expect(await ran.allEnded()).toBe(true);
  });
});
