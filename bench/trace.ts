/** One event of a Chromium trace (the Trace Event Format), as much of it as the bench reads. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  /** µs on the trace's clock */
  ts: number;
  /** µs of wall-clock time, for complete ('X') events */
  dur?: number;
  /** µs the thread spent on a CPU, for complete events */
  tdur?: number;
}

/** One task of the page's thread. */
export interface Task {
  /** from its start to its end */
  wallMs: number;
  /** on a CPU: less than `wallMs` when the thread waited for a core */
  cpuMs: number;
}

export interface MarkedTasks {
  /** Tasks that began and ended between the marks, longest (wall-clock) first. */
  within: Task[];
  /** Tasks that overlap the span, including the ones that set the marks, longest first. */
  overlapping: Task[];
}

/**
 * The tasks of the thread that set the marks `from` and `to` (the page's main thread) during the
 * span between them. A task is a top-level `RunTask` event (older traces: the
 * `ThreadControllerImpl::RunTask` that newer ones nest inside it). Null when a mark is missing.
 */
export function tasksBetweenMarks(events: readonly TraceEvent[], from: string, to: string): MarkedTasks | null {
  const start = events.find((event) => event.name === from);
  if (!start) return null;
  const end = events.find((event) => event.name === to && event.ts >= start.ts);
  if (!end) return null;
  const onThread = events.filter((event) => event.ph === 'X' && event.pid === start.pid && event.tid === start.tid);
  const taskName = onThread.some((event) => event.name === 'RunTask') ? 'RunTask' : 'ThreadControllerImpl::RunTask';
  const tasks = onThread.filter((event) => event.name === taskName && event.ts < end.ts && event.ts + (event.dur ?? 0) > start.ts);
  const longestFirst = (list: TraceEvent[]) =>
    list.map((event) => ({ wallMs: (event.dur ?? 0) / 1000, cpuMs: (event.tdur ?? event.dur ?? 0) / 1000 })).sort((a, b) => b.wallMs - a.wallMs);
  return {
    within: longestFirst(tasks.filter((event) => event.ts >= start.ts && event.ts + (event.dur ?? 0) <= end.ts)),
    overlapping: longestFirst(tasks),
  };
}
