import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerStateEvent } from '../../lab/types';
import { PythonCounting, SIGINT } from './pythonCounting';

const PACKAGE_FOLDER = fileURLToPath(new URL('../../../node_modules/pyodide/', import.meta.url));
const PREPARED = { indexURL: PACKAGE_FOLDER, compiled: null };
/** Node's own turn of the event loop (its MessagePorts drain their messages before timers). */
const schedule = (step: () => void) => {
  setImmediate(step);
};

/** Writes SIGINT into `buffer` from another thread after `afterMs`, as the page does while this thread runs Python. */
async function interruptFromAnotherThread(buffer: SharedArrayBuffer, afterMs: number): Promise<Worker> {
  const thread = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     parentPort.postMessage('started');
     setTimeout(() => { Atomics.store(new Int32Array(workerData.buffer), 0, workerData.signal); parentPort.postMessage(performance.timeOrigin + performance.now()); }, workerData.afterMs);`,
    { eval: true, workerData: { buffer, afterMs, signal: SIGINT } },
  );
  await new Promise((resolve) => thread.once('message', resolve));
  return thread;
}

describe('PythonCounting (the real Pyodide, in Node)', () => {
  const counting = new PythonCounting({ schedule });
  const interrupt = new SharedArrayBuffer(4);

  beforeAll(async () => {
    expect(await counting.ready(PREPARED, interrupt)).toBe('python');
  }, 60_000);

  afterAll(() => {
    counting.stop();
  });

  it('counts a share exactly with the lesson function, in calls, reporting progress between them', { timeout: 60_000 }, async () => {
    const progress: number[] = [];
    const share = 3_000_017;
    expect(await counting.count(share, (counted) => progress.push(counted))).toBe(share);
    // Progress is at most every 200 ms: at 30–50 ns a count, 3 million take 90–150 ms, so none or a few.
    for (const counted of progress) expect(counted).toBeLessThan(share);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(await counting.count(0)).toBe(0);
  });

  it('reports progress on a count longer than the report interval', { timeout: 60_000 }, async () => {
    const progress: number[] = [];
    const share = 20_000_000;
    expect(await counting.count(share, (counted) => progress.push(counted))).toBe(share);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((counted) => counted > 0 && counted < share && Number.isInteger(counted))).toBe(true);
  });

  it('ends within 100 ms of SIGINT in the interrupt buffer, with the exact count reached, and counts again afterwards', { timeout: 60_000 }, async () => {
    const share = 2_000_000_000;
    const thread = await interruptFromAnotherThread(interrupt, 150);
    const written = new Promise<number>((resolve) => thread.once('message', resolve));
    const counted = await counting.count(share);
    const endedAt = performance.timeOrigin + performance.now();
    const writtenAt = await written;
    await thread.terminate();
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThan(share);
    expect(Number.isInteger(counted)).toBe(true);
    expect(endedAt - writtenAt).toBeLessThan(100);
    // The interrupt is spent: the next ready and count run to the end.
    await counting.ready(PREPARED, interrupt);
    expect(await counting.count(100_003)).toBe(100_003);
  });

  it('reads a stop message between calls where there is no interrupt buffer', { timeout: 60_000 }, async () => {
    const share = 2_000_000_000;
    setTimeout(() => {
      counting.stop();
    }, 150);
    const started = performance.now();
    const counted = await counting.count(share);
    expect(counted).toBeLessThan(share);
    // A call lasts about 75 ms: the stop is read within one call and a turn.
    expect(performance.now() - started).toBeLessThan(150 + 250);
  });

  it('waits for real with asyncio (the thread stays free), and a stop cancels the wait', { timeout: 60_000 }, async () => {
    const events: WorkerStateEvent[] = [];
    const cpuBefore = process.cpuUsage();
    const waited = await counting.waitFor(300, (batch) => events.push(...batch));
    const cpu = process.cpuUsage(cpuBefore);
    expect(waited).toBeGreaterThanOrEqual(299);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(150);
    expect(events.map((event) => event.state)).toEqual(['waiting-io', 'done']);

    const stoppedEvents: WorkerStateEvent[] = [];
    setTimeout(() => {
      counting.stop();
    }, 50);
    const waitedBeforeStop = await counting.waitFor(5_000, (batch) => stoppedEvents.push(...batch));
    expect(waitedBeforeStop).toBeLessThan(1_000);
    expect(stoppedEvents.map((event) => event.state)).toEqual(['waiting-io', 'stopped']);
  });

  it('stops a wait the way the page stops every Python worker (SIGINT, then the stop message) without a KeyboardInterrupt escaping', { timeout: 60_000 }, async () => {
    await counting.ready(PREPARED, interrupt);
    const events: WorkerStateEvent[] = [];
    setTimeout(() => {
      // pythonProtocol's stop: SIGINT first, then the message; asyncio's handles then run Python with SIGINT pending.
      Atomics.store(new Int32Array(interrupt), 0, SIGINT);
      counting.stop();
    }, 50);
    const waited = await counting.waitFor(5_000, (batch) => events.push(...batch));
    // Let asyncio run the handles left after the cancel: an uncaught KeyboardInterrupt there fails the run.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(waited).toBeLessThan(1_000);
    expect(events.map((event) => event.state)).toEqual(['waiting-io', 'stopped']);
    await counting.ready(PREPARED, interrupt);
    expect(await counting.count(100_003)).toBe(100_003);
  });

  it('refuses a share that is not a whole number', async () => {
    await expect(counting.count(1.5)).rejects.toThrow(RangeError);
  });
});
