import type { EngineDriver, PageScript, Target } from './driver';
import type { WorkerWatchState } from './pageGlobals';

/** The page as the checks name it, in one place: by role and accessible name where it has them. */
export const ui = {
  heading: { css: 'h1', role: 'heading', name: 'Parallel Counting Lab' },
  slider: { css: '#workers', role: 'slider', name: 'Workers' },
  totalCount: { css: '#total-count', role: 'textbox', name: 'Total count' },
  countHelp: '#total-count-help',
  presets: '.presets button',
  run: { css: '.run-buttons button[type="submit"]', role: 'button', name: 'Run' },
  stop: { css: '.run-buttons button[type="button"]', role: 'button', name: 'Stop' },
  weak: { css: 'input[name="scaling"][value="weak"]', role: 'radio', name: 'Same count per worker' },
  pool: { css: 'input[name="worker-kind"][value="pool"]', role: 'radio', name: 'Reuse a pool started once' },
  workerCounts: { css: '#worker-counts', role: 'textbox', name: 'Worker counts' },
  repeats: { css: '#repeats', role: 'spinbutton', name: 'Repeats' },
  sweepHelp: '#worker-counts-help',
  sweep: { css: '.sweep-controls button', role: 'button', name: 'Run sweep' },
  sweepStatus: '[role="status"][aria-label="Sweep progress"]',
  runState: 'section[aria-label="Run"] .run-state',
  alert: '[role="alert"]',
  results: { css: 'table.results:not(.stats)', role: 'table', name: 'Results' },
  resultHeaders: 'table.results:not(.stats) thead th',
  resultRows: 'table.results:not(.stats) tbody tr:not(:has(td.empty))',
  stats: { css: 'table.stats', role: 'table', name: 'Statistics' },
  statsRows: 'table.stats tbody tr',
  timeCaption: '.figures > figure:nth-child(1) figcaption',
  timePoints: '.figures > figure:nth-child(1) .run-dots .recharts-scatter-symbol',
  speedUpCaption: '.figures > figure:nth-child(2) figcaption',
  speedUpPoints: '.figures > figure:nth-child(2) .recharts-line-dot',
  summary: 'section.summary',
  linkNotices: { css: '[role="status"][aria-label="Link"]', role: 'status', name: 'Link' },
  dismiss: { css: '[aria-label="Link"] button', role: 'button', name: 'Dismiss' },
  machineTerms: 'section.machine dt',
  machineValues: 'section.machine dd',
  progressBar: (worker: number) => `[role="progressbar"][aria-label="Worker ${String(worker)}"]`,
  timelineCaption: 'section[aria-label="Run"] figure.timeline figcaption',
  timelineNames: 'figure.timeline .timeline-name',
  timelineEnd: (lane: number) => `figure.timeline .timeline-lane:nth-child(${String(lane)}) .timeline-segment:last-child`,
  timelineCounting: 'figure.timeline .timeline-segment[data-state="counting"]',
  timelineShares: 'figure.timeline .timeline-shares',
} as const satisfies Record<string, Target | ((worker: number) => string)>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads until `accept` holds, else fails saying what was expected and what was last read. */
export async function waitFor<T>(what: string, read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: string;
  for (;;) {
    try {
      const value = await read();
      if (accept(value)) return value;
      last = JSON.stringify(value);
    } catch (error) {
      last = `an error: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (Date.now() > deadline) throw new Error(`${what}: still ${last} after ${String(timeoutMs)} ms.`);
    await sleep(100);
  }
}

/** Fails unless `actual` equals `expected` (compared as JSON). */
export function same<T>(actual: T, expected: T, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}.`);
  }
}

/**
 * Counts the page's workers by wrapping the global Worker (the app reads it when it spawns one).
 * Installed after the load-time calibration worker is gone, so it sees only what the checks start.
 */
const installWorkerWatch: PageScript<void> = () => {
  if (window.__workerWatch) return;
  const watch = { created: 0, terminated: 0, live: 0, mostLive: 0 };
  window.__workerWatch = watch;
  class WatchedWorker extends window.Worker {
    private ended = false;
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      watch.created += 1;
      watch.live += 1;
      watch.mostLive = Math.max(watch.mostLive, watch.live);
    }
    override terminate() {
      if (!this.ended) {
        this.ended = true;
        watch.terminated += 1;
        watch.live -= 1;
      }
      super.terminate();
    }
  }
  window.Worker = WatchedWorker;
};

const resetWorkerWatch: PageScript<void> = () => {
  const watch = window.__workerWatch;
  if (!watch) return;
  watch.created = 0;
  watch.terminated = 0;
  watch.mostLive = watch.live;
};

const readWorkerWatch: PageScript<WorkerWatchState | null> = () => (window.__workerWatch ? { ...window.__workerWatch } : null);

async function workerWatch(driver: EngineDriver): Promise<WorkerWatchState> {
  const watch = await driver.evaluate(readWorkerWatch);
  if (!watch) throw new Error('The worker watch is gone: the page reloaded.');
  return watch;
}

/** Every worker the watch saw was terminated; in Chromium, the protocol agrees that none is left. */
async function expectNoWorkers(driver: EngineDriver, what: string): Promise<void> {
  await waitFor(`${what}: workers still live`, () => workerWatch(driver), (watch) => watch.live === 0 && watch.terminated === watch.created);
  const protocolWorkers = driver.protocolWorkers;
  if (protocolWorkers) await waitFor(`${what}: workers the protocol still sees`, () => Promise.resolve(protocolWorkers()), (count) => count === 0);
}

/** Opens the lab and waits until it has calibrated and let the measuring worker go; then watches workers. */
export async function openLab(driver: EngineDriver, search = ''): Promise<void> {
  await driver.open(`/${search}`);
  await waitFor('the page heading', () => driver.text(ui.heading), (text) => text === 'Parallel Counting Lab');
  await waitFor('the count help after calibration', () => driver.text(ui.countHelp), (text) => text !== '' && !text.includes('Measuring'), 20_000);
  const protocolWorkers = driver.protocolWorkers;
  if (protocolWorkers) await waitFor('the calibration worker to go', () => Promise.resolve(protocolWorkers()), (count) => count === 0);
  await driver.evaluate(installWorkerWatch);
}

async function maxWorkers(driver: EngineDriver): Promise<number> {
  const cores = await driver.evaluate(() => navigator.hardwareConcurrency);
  return Math.max(8, 2 * cores);
}

/** Sets the slider with the keyboard: Home, then ArrowRight. */
async function setWorkers(driver: EngineDriver, workers: number): Promise<void> {
  await driver.press(ui.slider, 'Home');
  for (let step = 1; step < workers; step += 1) await driver.press(ui.slider, 'ArrowRight');
  await waitFor(`the slider set to ${String(workers)}`, () => driver.value(ui.slider), (value) => value === String(workers));
}

async function enabled(driver: EngineDriver, target: Target, what: string): Promise<void> {
  await waitFor(`${what} enabled`, () => driver.attribute(target, 'disabled'), (disabled) => disabled === null);
}

/** One column of the Results table, a cell per row, found by its header. */
async function column(driver: EngineDriver, header: string): Promise<string[]> {
  const headers = await driver.texts(ui.resultHeaders);
  const index = headers.indexOf(header);
  if (index < 0) throw new Error(`The Results table has no column "${header}" (it has ${headers.join(', ')}).`);
  return driver.texts(`${ui.resultRows} > td:nth-child(${String(index + 1)})`);
}

/** Runs to the end; the new row's cells by header. */
async function runAndWait(driver: EngineDriver, workers: number, total: string): Promise<(header: string) => Promise<string>> {
  const before = await driver.count(ui.resultRows);
  await setWorkers(driver, workers);
  await driver.fill(ui.totalCount, total);
  await enabled(driver, ui.run, 'Run');
  await driver.evaluate(resetWorkerWatch);
  await driver.click(ui.run);
  await waitFor(`a result row for the run with ${String(workers)}`, () => driver.count(ui.resultRows), (rows) => rows === before + 1, 60_000);
  return async (header) => (await column(driver, header))[before] ?? '';
}

export interface Check {
  name: string;
  run: (driver: EngineDriver) => Promise<void>;
}

export const checks: readonly Check[] = [
  {
    name: 'loads with its heading, and the slider spans 1 to max(8, 2 × cores) starting at the cores',
    async run(driver) {
      await openLab(driver);
      const cores = await driver.evaluate(() => navigator.hardwareConcurrency);
      same(await driver.attribute(ui.slider, 'min'), '1', 'slider min');
      same(await driver.attribute(ui.slider, 'max'), String(Math.max(8, 2 * cores)), 'slider max');
      same(await driver.value(ui.slider), String(cores), 'slider value on load');
      same(await driver.count(ui.results.css), 1, 'Results tables');
    },
  },
  {
    name: 'the slider answers Home, ArrowRight and End',
    async run(driver) {
      await openLab(driver);
      const max = String(await maxWorkers(driver));
      await driver.press(ui.slider, 'Home');
      await waitFor('the slider after Home', () => driver.value(ui.slider), (value) => value === '1');
      await driver.press(ui.slider, 'ArrowRight');
      await waitFor('the slider after ArrowRight', () => driver.value(ui.slider), (value) => value === '2');
      await driver.press(ui.slider, 'End');
      await waitFor('the slider after End', () => driver.value(ui.slider), (value) => value === max);
    },
  },
  {
    name: 'the slider follows a mouse drag',
    async run(driver) {
      await openLab(driver);
      const max = await maxWorkers(driver);
      await driver.dragSlider(ui.slider, 0, 1);
      await waitFor('the slider dragged to the right end', () => driver.value(ui.slider), (value) => value === String(max));
      await driver.dragSlider(ui.slider, 1, 0);
      await waitFor('the slider dragged to the left end', () => driver.value(ui.slider), (value) => value === '1');
      await driver.dragSlider(ui.slider, 0, 0.5);
      await waitFor('the slider dragged to the middle', () => driver.value(ui.slider), (value) => Number(value) > 1 && Number(value) < max);
    },
  },
  {
    name: 'runs with 1 and 2 workers count exactly, with exactly k workers, all terminated after',
    async run(driver) {
      await openLab(driver);
      for (const workers of [1, 2]) {
        const cell = await runAndWait(driver, workers, '2e7');
        const what = `the run with ${String(workers)}`;
        same(await cell('Check'), 'Counted 20,000,000', `${what}: Check`);
        same(await cell('Workers'), String(workers), `${what}: Workers`);
        same(await cell('Total count'), '20,000,000', `${what}: Total count`);
        const wall = Number((await cell('Wall-clock (ms)')).replace(/,/g, ''));
        if (!(wall > 0)) throw new Error(`${what}: Wall-clock (ms) is not a positive number.`);
        await expectNoWorkers(driver, what);
        const watch = await workerWatch(driver);
        same({ created: watch.created, mostLive: watch.mostLive }, { created: workers, mostLive: workers }, `${what}: workers created, most at once`);
        await waitFor(`${what}: status`, () => driver.text(ui.runState), (text) => text.includes(`counted to 20 million`));
      }
      await waitFor('a point per run in the time chart', () => driver.count(ui.timePoints), (points) => points === 2);
    },
  },
  {
    name: 'Stop ends a long run, says it stopped, and terminates every worker',
    async run(driver) {
      await openLab(driver);
      same(await driver.attribute(ui.stop, 'disabled'), '', 'Stop while nothing runs (disabled)');
      await setWorkers(driver, 2);
      await driver.fill(ui.totalCount, '1e11');
      await enabled(driver, ui.run, 'Run');
      await driver.evaluate(resetWorkerWatch);
      await driver.click(ui.run);
      await waitFor('worker 1 has counted some', async () => Number(await driver.attribute(ui.progressBar(1), 'aria-valuenow')), (now) => now > 0, 20_000);
      same((await workerWatch(driver)).live, 2, 'live workers during the run');
      await driver.click(ui.stop);
      await waitFor('the status after Stop', () => driver.text(ui.runState), (text) => text.startsWith('Stopped: 2 workers had counted'));
      await expectNoWorkers(driver, 'after Stop');
      same((await workerWatch(driver)).created, 2, 'workers created');
      same((await column(driver, 'Check')).at(-1), 'Stopped', 'Check of the stopped run');
      await enabled(driver, ui.run, 'Run after Stop');
    },
  },
  {
    name: 'a small sweep fills the table, the statistics, both charts and the summary',
    async run(driver) {
      await openLab(driver, '?workers=1&count=20000000');
      await driver.fill(ui.workerCounts, '1, 2');
      await driver.fill(ui.repeats, '1');
      await waitFor('the sweep plan', () => driver.text(ui.sweepHelp), (text) => text === '2 worker counts × 1 repeat + 1 warm-up = 3 runs.');
      await enabled(driver, ui.sweep, 'Run sweep');
      await driver.evaluate(resetWorkerWatch);
      await driver.click(ui.sweep);
      await waitFor('the sweep to end', () => driver.count(ui.resultRows), (rows) => rows === 2, 60_000);
      await waitFor('the sweep status to go', () => driver.count(ui.sweepStatus), (count) => count === 0, 10_000);
      same(await column(driver, 'Workers'), ['1', '2'], 'Workers of the rows (the warm-up is not kept)');
      same(await column(driver, 'Check'), ['Counted 20,000,000', 'Counted 20,000,000'], 'Check of the rows');
      same(await driver.count(ui.statsRows), 2, 'Statistics rows');
      same((await driver.text(ui.stats)).startsWith('Statistics'), true, 'the table named Statistics starts with its caption');
      const timeCaption = await driver.text(ui.timeCaption);
      if (!timeCaption.startsWith('Wall-clock time')) throw new Error(`The first figure's caption is "${timeCaption}".`);
      const speedUpCaption = await driver.text(ui.speedUpCaption);
      if (!speedUpCaption.startsWith('Speed-up')) throw new Error(`The second figure's caption is "${speedUpCaption}".`);
      await waitFor('points in the time chart', () => driver.count(ui.timePoints), (points) => points === 2);
      await waitFor('measured points in the speed-up chart', () => driver.count(ui.speedUpPoints), (points) => points === 2);
      await waitFor('the summary', () => driver.text(ui.summary), (text) => /Fastest with \d workers?: /.test(text));
      await expectNoWorkers(driver, 'after the sweep');
      same((await workerWatch(driver)).created, 5, 'workers created by the sweep (a warm-up with the most, 2, then 1 and 2)');
    },
  },
  {
    name: 'a link sets the slider and the field; a hostile link gets notices',
    async run(driver) {
      await openLab(driver, '?workers=2&count=30000000');
      same(await driver.value(ui.slider), '2', 'slider from the link');
      same(await driver.value(ui.totalCount), '30000000', 'count from the link');
      same(await driver.count(ui.linkNotices.css), 0, 'notices for a good link');

      await openLab(driver, '?workers=999&count=abc');
      const max = String(await maxWorkers(driver));
      same(await driver.value(ui.slider), max, 'slider from workers=999');
      const notices = await driver.text(ui.linkNotices);
      for (const notice of [
        `The link asked for 999 workers; using ${max}, the most this page offers.`,
        'The link’s count=“abc” is not a number, so it was ignored.',
      ]) {
        if (!notices.includes(notice)) throw new Error(`The notices "${notices}" do not say "${notice}".`);
      }
      await driver.click(ui.dismiss);
      await waitFor('the notices after Dismiss', () => driver.count(ui.linkNotices.css), (count) => count === 0);
    },
  },
  {
    // WebKit throws after 100 history.replaceState calls in 10 s; the page once wrote the link on every step and went blank.
    name: 'a slider moved 150 times writes the link a few times, and the page stays',
    async run(driver) {
      await openLab(driver, '?workers=1&count=5000000');
      await driver.evaluate(() => {
        const calls = { count: 0 };
        Object.defineProperty(window, '__linkWrites', { value: calls, configurable: true });
        // The page has one History, window.history: its own method, bound, is the original.
        const original = window.history.replaceState.bind(window.history);
        History.prototype.replaceState = function (this: History, ...args: Parameters<History['replaceState']>) {
          calls.count += 1;
          original(...args);
        };
      });
      for (let step = 0; step < 75; step += 1) {
        await driver.press(ui.slider, 'ArrowRight');
        await driver.press(ui.slider, 'ArrowLeft');
      }
      await driver.press(ui.slider, 'ArrowRight');
      await waitFor('the link after the slider held still', () => driver.evaluate(() => window.location.search), (search) => search === '?workers=2&count=5000000');
      const writes = await driver.evaluate(() => (window as unknown as { __linkWrites: { count: number } }).__linkWrites.count);
      if (writes < 1 || writes > 20) throw new Error(`150 slider moves wrote the link ${String(writes)} times; expected 1 to 20.`);
      const cell = await runAndWait(driver, 2, '4e6');
      same(await cell('Check'), 'Counted 4,000,000', 'Check of a run after the slider moves');
    },
  },
  {
    name: 'the calibration gives an estimate, and This machine names the browser and its shared memory',
    async run(driver) {
      await openLab(driver);
      // WebKit's start-up once ate the whole calibration budget, and the count kept its default with no estimate.
      await waitFor('the estimate under the count', () => driver.text(ui.countHelp), (text) => /≈ [\d.]+ (s|ms) on 1 worker here\./.test(text));
      const machine = new Map<string, string>();
      const terms = await driver.texts(ui.machineTerms);
      const values = await driver.texts(ui.machineValues);
      terms.forEach((term, index) => machine.set(term, values[index] ?? ''));
      const expected = { chromium: /^Chromium \(headless\) \d+$/, firefox: /^Firefox \d+$/, webkit: /^WebKitGTK \(Safari’s engine\)$/ }[driver.name];
      const browser = machine.get('Browser') ?? '';
      if (!expected.test(browser)) throw new Error(`This machine names the browser "${browser}" in ${driver.name}.`);
      const shared = await driver.evaluate(() => typeof SharedArrayBuffer === 'function');
      same(machine.get('Shared memory (SharedArrayBuffer)'), shared ? 'available' : 'not available in this browser', 'the shared memory line');
      same(machine.get('Cross-origin isolated'), 'yes', 'cross-origin isolation');
    },
  },
  {
    name: 'a whole visit asks no other origin for anything',
    async run(driver) {
      await openLab(driver, '?workers=999&count=abc');
      await driver.click(ui.dismiss);
      const presets = await driver.count(ui.presets);
      for (let preset = 1; preset <= presets; preset += 1) await driver.click(`${ui.presets}:nth-child(${String(preset)})`);
      await driver.click(ui.weak);
      await driver.click(ui.pool);
      const cell = await runAndWait(driver, 2, '1e6');
      same(await cell('Check'), 'Counted 2,000,000', 'Check of a weak-scaling run on a pool');
      await driver.fill(ui.workerCounts, '1, 2');
      await driver.fill(ui.repeats, '1');
      await enabled(driver, ui.sweep, 'Run sweep');
      const before = await driver.count(ui.resultRows);
      await driver.click(ui.sweep);
      await waitFor('the sweep to end', () => driver.count(ui.resultRows), (rows) => rows === before + 2, 60_000);
      await expectCleanVisit(driver);
    },
  },
  {
    name: 'a run with 2 workers gives a timeline with a lane per worker, each counting and then done',
    async run(driver) {
      await openLab(driver);
      await runAndWait(driver, 2, '2e8');
      await waitFor('the timeline’s caption', () => driver.text(ui.timelineCaption), (text) => text.startsWith('Timeline'));
      same(await driver.texts(ui.timelineNames), ['Worker 1', 'Worker 2'], 'the timeline’s lanes');
      same(await driver.count(ui.timelineCounting), 2, 'counting segments (one a lane)');
      same([await driver.attribute(ui.timelineEnd(1), 'data-state'), await driver.attribute(ui.timelineEnd(2), 'data-state')], ['done', 'done'], 'how each lane ends');
      const shares = await driver.text(ui.timelineShares);
      if (!/^Share of time spent counting: Worker 1 \d+%, Worker 2 \d+%\.$/.test(shares)) throw new Error(`The timeline's sentence reads "${shares}".`);
    },
  },
];

/** No console error, no uncaught error, no alert on the page, and no request to another origin. */
export async function expectCleanVisit(driver: EngineDriver): Promise<void> {
  const foreign = (await driver.requests()).filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== driver.origin);
  const alerts = await driver.texts(ui.alert);
  same({ errors: await driver.errors(), alerts, foreign }, { errors: [], alerts: [], foreign: [] }, 'errors, alerts and requests to other origins');
}
