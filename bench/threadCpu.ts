import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of every thread of the browsers' processes, read from Linux's
 * /proc/<pid>/task/<tid>/schedstat (nanoseconds on a CPU, exact to the scheduler's
 * accounting): the same method for Chromium, Firefox and WebKitGTK, and it sees what no
 * page API sees (the compositor, the GPU process, a worker's garbage collector). Two
 * snapshots around a span give what each thread took in it.
 */

/** Which browser's processes: matched on the process's command line. */
export type ThreadEngine = 'chromium' | 'firefox' | 'webkit';

/** One thread at one moment. */
export interface ThreadSample {
  pid: number;
  tid: number;
  /** What the process is: 'renderer', 'gpu-process', 'browser', 'content', 'WebKitWebProcess', … */
  processKind: string;
  /** The thread's name (`comm`): 'DedicatedWorker', 'Compositor', 'DOM Worker', … */
  thread: string;
  cpuNs: number;
}

/** What one kind of thread took between two snapshots. */
export interface ThreadCpu {
  processKind: string;
  thread: string;
  /** Threads of this kind seen (e.g. two DedicatedWorker threads). */
  threads: number;
  cpuMs: number;
}

const PROCESS_MATCH: Record<ThreadEngine, RegExp> = {
  chromium: /(^|\/)(chromium|chrome|headless_shell)(\s|$)/,
  firefox: /(^|\/)(firefox-esr|firefox)(-bin)?(\s|$)/,
  webkit: /(^|\/)(WebKit\w*Process|MiniBrowser|WebKitWebDriver)(\s|$)/,
};

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    // The process or thread ended between the listing and the read.
    return null;
  }
}

/** The kind of a browser process from its command line (NUL-separated argv). */
export function processKindOf(argv: readonly string[]): string {
  const type = argv.find((arg) => arg.startsWith('--type='));
  if (type) return type.slice('--type='.length);
  const program = argv[0]?.split('/').at(-1) ?? '';
  if (argv.includes('-contentproc')) return `content:${argv.at(-1) ?? ''}`;
  return program.startsWith('WebKit') ? program : `browser:${program}`;
}

/** Every thread of every process of `engine` now (all of that engine's processes on the machine). */
export function snapshotThreads(engine: ThreadEngine): ThreadSample[] {
  const samples: ThreadSample[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = read(`/proc/${entry}/cmdline`);
    if (!cmdline) continue;
    // Chromium rewrites its child processes' titles into one string with spaces.
    const argv = cmdline.split(cmdline.includes('\0') && cmdline.indexOf('\0') < cmdline.length - 1 ? '\0' : ' ').filter((arg) => arg !== '');
    if (!PROCESS_MATCH[engine].test(argv[0] ?? '')) continue;
    const processKind = processKindOf(argv);
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${entry}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      const stat = read(`/proc/${entry}/task/${tid}/schedstat`);
      const comm = read(`/proc/${entry}/task/${tid}/comm`);
      if (stat === null || comm === null) continue;
      samples.push({ pid: Number(entry), tid: Number(tid), processKind, thread: comm.trim(), cpuNs: Number(stat.split(' ')[0]) });
    }
  }
  return samples;
}

/**
 * What each kind of thread (process kind + thread name) took between two snapshots, most first;
 * a thread that started in between counts from zero, one that ended is left out.
 */
export function cpuBetween(before: readonly ThreadSample[], after: readonly ThreadSample[], leastMs = 0): ThreadCpu[] {
  const startNs = new Map(before.map((sample) => [`${String(sample.pid)}/${String(sample.tid)}`, sample.cpuNs]));
  const byKind = new Map<string, ThreadCpu>();
  for (const sample of after) {
    const took = sample.cpuNs - (startNs.get(`${String(sample.pid)}/${String(sample.tid)}`) ?? 0);
    const key = `${sample.processKind}\0${sample.thread}`;
    const entry = byKind.get(key) ?? { processKind: sample.processKind, thread: sample.thread, threads: 0, cpuMs: 0 };
    entry.threads += 1;
    entry.cpuMs += took / 1e6;
    byKind.set(key, entry);
  }
  return [...byKind.values()].filter((entry) => entry.cpuMs >= leastMs).sort((a, b) => b.cpuMs - a.cpuMs);
}

/** One line per kind of thread: "renderer / Compositor ×1: 12.3 ms (0.8% of a core)". */
export function describeThreadCpu(rows: readonly ThreadCpu[], spanMs: number): string[] {
  return rows.map(
    (row) =>
      `${row.processKind} / ${row.thread}${row.threads > 1 ? ` ×${String(row.threads)}` : ''}: ${row.cpuMs.toFixed(1)} ms (${((100 * row.cpuMs) / spanMs).toFixed(2)}% of a core)`,
  );
}
