import { readFileSync } from 'node:fs';
import { snapshotThreads, type ThreadEngine, type ThreadSample } from './threadCpu';

/**
 * What the page's threads took while its workers counted, from two snapshots of bench/threadCpu.ts:
 * the page's main thread, every other thread of the same browser that is not a worker (compositor,
 * GPU process, network, the browser process …), and each counting worker, each in % of one core.
 */
export interface ThreadShares {
  /** The page's main thread: the main thread of the process that runs the workers. */
  mainPct: number;
  /** Every thread of the browser that is no worker, the main thread included. */
  nonWorkerPct: number;
  /** The `workers` busiest worker threads, most first. */
  workersPct: number[];
  /** The thread names counted as workers, for the record. */
  workerThreads: string[];
}

/** A page's worker thread: Chromium's 'DedicatedWorker thread', Firefox's 'DOM Worker', WebKitGTK's 'WebCore: Worker'. */
export const WORKER_THREAD = /^(DedicatedWorker|DOM Worker|WebCore: Worker)/;

/** The parent of each process (from /proc/<pid>/stat); a process gone meanwhile has none. */
export function parentsOf(pids: Iterable<number>): Map<number, number> {
  const parents = new Map<number, number>();
  for (const pid of pids) {
    try {
      // The fields after the command's closing parenthesis: state, then the parent's pid.
      const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
      parents.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Ended between the snapshot and now.
    }
  }
  return parents;
}

/**
 * The shares between two snapshots of one engine's processes over `spanMs`. Only the browser that
 * runs the busiest worker is counted (the processes under the same top process), so another
 * browser of the same engine on the machine is left out. Null when no worker thread counted.
 */
export function threadShares(
  before: readonly ThreadSample[],
  after: readonly ThreadSample[],
  spanMs: number,
  workers: number,
  parents: ReadonlyMap<number, number>,
): ThreadShares | null {
  const startNs = new Map(before.map((sample) => [sample.tid, sample.cpuNs]));
  const took = after.map((sample) => ({ ...sample, pct: (100 * (sample.cpuNs - (startNs.get(sample.tid) ?? 0))) / 1e6 / spanMs }));
  const busiestWorker = took.filter((sample) => WORKER_THREAD.test(sample.thread)).sort((a, b) => b.pct - a.pct).at(0);
  if (!busiestWorker) return null;
  const engineProcesses = new Set(after.map((sample) => sample.pid));
  const topOf = (pid: number): number => {
    let at = pid;
    for (let parent = parents.get(at); parent !== undefined && engineProcesses.has(parent); parent = parents.get(at)) at = parent;
    return at;
  };
  const top = topOf(busiestWorker.pid);
  const browser = took.filter((sample) => topOf(sample.pid) === top);
  const isWorker = (sample: ThreadSample) => WORKER_THREAD.test(sample.thread);
  const workerThreads = browser.filter(isWorker).sort((a, b) => b.pct - a.pct);
  const main = browser.find((sample) => sample.tid === busiestWorker.pid);
  return {
    mainPct: main?.pct ?? Number.NaN,
    nonWorkerPct: browser.filter((sample) => !isWorker(sample)).reduce((total, sample) => total + sample.pct, 0),
    workersPct: workerThreads.slice(0, workers).map((sample) => sample.pct),
    workerThreads: [...new Set(workerThreads.map((sample) => sample.thread))],
  };
}

/** The shares over a span cut into consecutive windows. */
export interface WindowedShares extends ThreadShares {
  /** The whole span, in ms. */
  spanMs: number;
  /** The page's main thread in each window, in % of a core, in order; null for a window in which no worker was seen. */
  mainPctByWindow: (number | null)[];
}

/**
 * The shares over consecutive windows: over the whole span (the figure: what the page's threads took
 * in all, nothing left out), and the page's main thread in each window (its spread: a redraw, a
 * garbage collection or another program lands in one window, not in all). `snapshots` are taken at
 * `atMs`, in order, at least two. Null when no worker thread counted over the whole span.
 */
export function windowedShares(
  snapshots: readonly { atMs: number; samples: readonly ThreadSample[] }[],
  workers: number,
  parents: ReadonlyMap<number, number>,
): WindowedShares | null {
  if (snapshots.length < 2) throw new Error(`Windows need at least two snapshots, not ${String(snapshots.length)}.`);
  const first = snapshots[0];
  const last = snapshots[snapshots.length - 1];
  const whole = threadShares(first.samples, last.samples, last.atMs - first.atMs, workers, parents);
  if (whole === null) return null;
  const mainPctByWindow = snapshots.slice(1).map((after, index) => {
    const before = snapshots[index];
    return threadShares(before.samples, after.samples, after.atMs - before.atMs, workers, parents)?.mainPct ?? null;
  });
  return { ...whole, spanMs: last.atMs - first.atMs, mainPctByWindow };
}

/** The least and the most of the windows' readings ("1.13–2.15"), or "—" when no window has one. */
export function windowsRange(shares: WindowedShares): string {
  const readings = shares.mainPctByWindow.filter((pct): pct is number => pct !== null);
  return readings.length === 0 ? '—' : `${Math.min(...readings).toFixed(2)}–${Math.max(...readings).toFixed(2)}`;
}

/** "page's main thread 1.2% of a core, every non-worker thread 6.4%, each worker 96.1%, 95.8%". */
export function describeThreadShares(shares: ThreadShares | WindowedShares | null): string {
  if (shares === null) return 'no worker thread seen';
  const windows =
    'mainPctByWindow' in shares
      ? ` over ${(shares.spanMs / 1000).toFixed(1)} s (in its ${String(shares.mainPctByWindow.length)} windows ${shares.mainPctByWindow.map((pct) => (pct === null ? '—' : pct.toFixed(2))).join(', ')}%)`
      : '';
  return (
    `page's main thread ${shares.mainPct.toFixed(2)}% of a core${windows}, every thread but the workers ${shares.nonWorkerPct.toFixed(2)}%, ` +
    `each worker ${shares.workersPct.map((pct) => `${pct.toFixed(1)}%`).join(', ')} (threads named ${shares.workerThreads.join(', ')})`
  );
}

/** Snapshots `engine`'s threads, waits `spanMs` (the bench looks at nothing meanwhile), snapshots again: the shares in between. */
export async function threadSharesOver(engine: ThreadEngine, spanMs: number, workers: number): Promise<ThreadShares | null> {
  const before = snapshotThreads(engine);
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, spanMs));
  const after = snapshotThreads(engine);
  const tookMs = performance.now() - started;
  return threadShares(before, after, tookMs, workers, parentsOf(new Set(after.map((sample) => sample.pid))));
}

/** `windows` consecutive windows of `windowMs` each, snapshotting between them: the shares over all and per window. */
export async function threadSharesInWindows(engine: ThreadEngine, windows: number, windowMs: number, workers: number): Promise<WindowedShares | null> {
  const snapshots = [{ atMs: performance.now(), samples: snapshotThreads(engine) }];
  for (let window = 0; window < windows; window += 1) {
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    snapshots.push({ atMs: performance.now(), samples: snapshotThreads(engine) });
  }
  const pids = new Set(snapshots.flatMap(({ samples }) => samples.map((sample) => sample.pid)));
  return windowedShares(snapshots, workers, parentsOf(pids));
}
