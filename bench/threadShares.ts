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

/** "page's main thread 1.2% of a core, every non-worker thread 6.4%, each worker 96.1%, 95.8%". */
export function describeThreadShares(shares: ThreadShares | null): string {
  if (shares === null) return 'no worker thread seen';
  return (
    `page's main thread ${shares.mainPct.toFixed(2)}% of a core, every thread but the workers ${shares.nonWorkerPct.toFixed(2)}%, ` +
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
