import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { median } from '../src/lab/measurement/stats';
import { snapshotThreads, type ThreadEngine } from './threadCpu';
import { WORKER_THREAD } from './threadShares';

/**
 * The pair figure, measured fairly: one worker counting a share S against each of two workers
 * counting S at once (the same share each, so a run's fixed cost weighs alike in both), over
 * alternated rounds; beside it, the same for the native loop (bench/native-loop.c), whose
 * slowdown is the hardware's own (two cores sharing caches, power and the hypervisor).
 */

const run = promisify(execFile);

/** ns per count of the native loop counting `share`, once for each of `loops` copies started at once. */
export async function nativeLoopsAtOnce(binary: string, share: number, loops: number): Promise<number[]> {
  const outputs = await Promise.all(Array.from({ length: loops }, () => run(binary, [String(share)])));
  return outputs.map(({ stdout }) => Number(stdout.split(' ')[1]));
}

/** One round of the native pair: one loop alone, then two at once, each counting `share`. */
export async function nativePairRound(binary: string, share: number): Promise<{ oneNs: number; eachOfTwoNs: number }> {
  const [oneNs] = await nativeLoopsAtOnce(binary, share, 1);
  const two = await nativeLoopsAtOnce(binary, share, 2);
  return { oneNs, eachOfTwoNs: Math.max(...two) };
}

/** What the pair figure says: medians of ns per count, and how much slower each of two counted than one (0.05 = 5%). */
export interface PairFigure {
  oneNs: number;
  eachOfTwoNs: number;
  slowdown: number;
  rounds: number;
}

/**
 * The pair figure from alternated rounds: each round's one-worker and two-worker ns per count
 * (for the app: compute time ÷ share, the two workers' compute time being the run's, so the
 * slower of the two). The slowdown is the median of each round's ratio, so a busy spell that
 * hits one round weighs once.
 */
export function pairFigure(rounds: ReadonlyArray<{ oneNs: number; eachOfTwoNs: number }>): PairFigure {
  const middle = (values: number[]) => median(values) ?? Number.NaN;
  return {
    oneNs: middle(rounds.map((round) => round.oneNs)),
    eachOfTwoNs: middle(rounds.map((round) => round.eachOfTwoNs)),
    slowdown: middle(rounds.map((round) => round.eachOfTwoNs / round.oneNs - 1)),
    rounds: rounds.length,
  };
}

/** ns per count from a run's compute time (ms) and the share each worker counted. */
export function nsPerCountOf(computeMs: number, share: number): number {
  return (computeMs * 1e6) / share;
}

/** A thread's time on a CPU and time waiting for one while runnable (Linux's run_delay), in ns. */
export interface ThreadTimes {
  cpuNs: number;
  waitNs: number;
}

/** /proc/<pid>/task/<tid>/schedstat's "cpu wait slices" line as times; null when it cannot be read. */
export function parseSchedstat(line: string): ThreadTimes | null {
  const [cpu, wait] = line.trim().split(' ').map(Number);
  return Number.isFinite(cpu) && Number.isFinite(wait) ? { cpuNs: cpu, waitNs: wait } : null;
}

/** Every worker thread of `engine`'s processes now: its times by thread id. */
export function workerThreadTimes(engine: ThreadEngine): Map<number, ThreadTimes> {
  const times = new Map<number, ThreadTimes>();
  for (const sample of snapshotThreads(engine)) {
    if (!WORKER_THREAD.test(sample.thread)) continue;
    try {
      const parsed = parseSchedstat(readFileSync(`/proc/${String(sample.pid)}/task/${String(sample.tid)}/schedstat`, 'utf8'));
      if (parsed) times.set(sample.tid, parsed);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return times;
}

/** What each worker thread took between two readings, busiest first: only threads alive at both. */
export function workerTimesBetween(before: ReadonlyMap<number, ThreadTimes>, after: ReadonlyMap<number, ThreadTimes>): ThreadTimes[] {
  const took: ThreadTimes[] = [];
  for (const [tid, end] of after) {
    const start = before.get(tid);
    if (start) took.push({ cpuNs: end.cpuNs - start.cpuNs, waitNs: end.waitNs - start.waitNs });
  }
  return took.sort((a, b) => b.cpuNs - a.cpuNs);
}
