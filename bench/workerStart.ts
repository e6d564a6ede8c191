import { median } from '../src/lab/measurement/stats';

/**
 * What starting a counting worker costs when nothing else happens: the page's own built worker
 * script, started by a bare `new Worker` from the idle page (no run, nothing drawn, the same
 * service worker and cross-origin isolation), spoken to in Comlink's own messages. Beside the app's
 * Start-up column it splits a run's start into the browser's and the script's part, the warm-up,
 * and what the page adds (issue 18: a fresh worker ready in 25 ms, each further one in 10 ms more).
 * A bare `ready` hands the worker no module, so it compiles a loop of its own and warms it up; a
 * run hands it the page's held module, which V8 and SpiderMonkey count with at once
 * (src/page/boundary/pageCountLoop.ts), so there a run's start can read less than the idle page's.
 */

/** Milliseconds from the `new Worker` call(s) until the last worker answered. */
export interface WorkerStart {
  /** Its script has run and answers a message (Comlink's GET, no warm-up). */
  answeredMs: number;
  /** It answered `ready`, its own loop warmed up (handed the page's module in a run, V8 and SpiderMonkey skip that: see above). */
  readyMs: number;
}

export interface WorkerStarts {
  /** The worker script's address, as the page fetched it. */
  script: string;
  one: WorkerStart[];
  two: WorkerStart[];
}

/**
 * Run in the page (sent as source text, so it uses nothing from the bench's scope): starts one
 * worker, then two at once, `rounds` times in alternating order, `pauseMs` apart, each from the
 * counting worker script the page has already loaded; null where the page has loaded none yet.
 * A worker that has not answered ready within `readyLimitMs` (the page's own limit) fails it.
 */
export async function workerStartsInPage({ rounds, pauseMs, readyLimitMs }: { rounds: number; pauseMs: number; readyLimitMs: number }): Promise<WorkerStarts | null> {
  const script = performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .find((name) => /\/counter\.worker-[\w-]+\.js$/.test(new URL(name).pathname));
  if (script === undefined) return null;
  const startTogether = async (workers: number): Promise<WorkerStart> => {
    const calledAt = performance.now();
    const started = Array.from({ length: workers }, () => new Worker(script, { type: 'module' }));
    try {
      const each = await Promise.all(
        started.map(
          (worker) =>
            new Promise<WorkerStart>((resolve, reject) => {
              let answeredMs = Number.NaN;
              const silent = setTimeout(() => {
                reject(new Error(`The counting worker ${script} did not answer ready within ${String(readyLimitMs)} ms.`));
              }, readyLimitMs);
              worker.addEventListener('message', (event: MessageEvent<{ id?: unknown; type?: unknown; name?: unknown }>) => {
                const { id, type, name } = event.data;
                // Comlink sends a thrown error back as a HANDLER value named "throw".
                if (type === 'HANDLER' && name === 'throw') {
                  clearTimeout(silent);
                  reject(new Error(`The counting worker ${script} threw when asked ${String(id)}.`));
                } else if (id === 'bench-answer') answeredMs = performance.now() - calledAt;
                else if (id === 'bench-ready') {
                  clearTimeout(silent);
                  resolve({ answeredMs, readyMs: performance.now() - calledAt });
                }
              });
              worker.addEventListener('error', () => {
                clearTimeout(silent);
                reject(new Error(`The counting worker ${script} did not start.`));
              });
              // Comlink's wire messages (comlink's MessageType), queued until the worker's script has run.
              worker.postMessage({ id: 'bench-answer', type: 'GET', path: ['constructor', 'name'] });
              worker.postMessage({ id: 'bench-ready', type: 'APPLY', path: ['ready'], argumentList: [] });
            }),
        ),
      );
      return { answeredMs: Math.max(...each.map((start) => start.answeredMs)), readyMs: Math.max(...each.map((start) => start.readyMs)) };
    } finally {
      for (const worker of started) worker.terminate();
    }
  };
  const starts: WorkerStarts = { script, one: [], two: [] };
  for (let round = 0; round < rounds; round += 1) {
    for (const workers of round % 2 === 0 ? [1, 2] : [2, 1]) {
      const start = await startTogether(workers);
      (workers === 1 ? starts.one : starts.two).push(start);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
  return starts;
}

/** Medians of the idle page's starts: one worker, and the last of two started together. */
export function workerStartFigures(starts: WorkerStarts) {
  const of = (list: readonly WorkerStart[], key: keyof WorkerStart) => median(list.map((start) => start[key])) ?? Number.NaN;
  return {
    answeredOneMs: of(starts.one, 'answeredMs'),
    answeredTwoMs: of(starts.two, 'answeredMs'),
    readyOneMs: of(starts.one, 'readyMs'),
    readyTwoMs: of(starts.two, 'readyMs'),
  };
}

export type WorkerStartFigures = ReturnType<typeof workerStartFigures>;

/** One sentence: the idle page's starts beside the app's Start-up column (one fresh worker, two). */
export function workerStartLine(figures: WorkerStartFigures, app: { oneMs: number; twoMs: number }): string {
  const ms = (value: number) => value.toFixed(1);
  const signed = (value: number) => `${value < 0 ? '−' : '+'}${ms(Math.abs(value))}`;
  return (
    `A counting worker started by a bare call from the idle page (medians): its script answers after ${ms(figures.answeredOneMs)} ms ` +
    `(2 at once: ${ms(figures.answeredTwoMs)}), ready with a loop of its own warmed up after ${ms(figures.readyOneMs)} ms (2: ${ms(figures.readyTwoMs)}), ` +
    `so the warm-up takes ${ms(figures.readyOneMs - figures.answeredOneMs)} ms; in a run the page's Start-up reads ${ms(app.oneMs)} ms (2: ${ms(app.twoMs)}), ` +
    `${signed(app.oneMs - figures.readyOneMs)} ms against the idle page (2: ${signed(app.twoMs - figures.readyTwoMs)}).`
  );
}
