import type { EngineDriver, Key, PageScript, Target } from './driver';
import type { WorkerWatchState } from './pageGlobals';
import { mixedRecords } from '../storedRecords';
import { EXECUTION_MODELS, TASK_KINDS, type ExecutionModel, type TaskKind } from '../../src/lab/models/catalog';

/** The timeline's drawing of the whole run (a run that took turns has a magnified drawing too). */
const timelineWhole = 'figure.timeline > .timeline-drawing:not(.magnified)';
/** The wall-clock chart's figure (its own box: it stands beside the settings on a wide screen). */
const timeFigure = '.figures-wall-clock > figure';
/** The speed-up chart: the first of the figures below. */
const speedUpFigure = '.figures:not(.figures-wall-clock) > figure:nth-child(1)';
/** One lane of the whole run's drawing, or of the magnified one, counted from 1. */
const timelineLane = (lane: number, drawing = timelineWhole) => `${drawing} .timeline-lane:nth-child(${String(lane)})`;

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
  parallel: { css: 'input[name="model"][value="parallel"]', role: 'radio', name: 'Workers in parallel' },
  lock: { css: 'input[name="model"][value="lock"]', role: 'radio', name: 'Workers sharing one lock' },
  mainThread: { css: 'input[name="model"][value="main-thread"]', role: 'radio', name: 'Main thread' },
  cpu: { css: 'input[name="task"][value="cpu"]', role: 'radio', name: 'CPU-bound: counting' },
  io: { css: 'input[name="task"][value="io"]', role: 'radio', name: 'I/O-bound: waiting' },
  freeze: { css: '.freeze input[type="checkbox"]', role: 'checkbox', name: 'Freeze the page' },
  quietRun: { css: '.quiet-run input[type="checkbox"]', role: 'checkbox', name: 'Quiet run' },
  modelHint: '.model-hint',
  frameRate: { css: '.frame-meter-text', role: 'status', name: 'Frame rate' },
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
  timeFigure,
  timeCaption: `${timeFigure} figcaption`,
  timePoints: `${timeFigure} .run-dots .recharts-scatter-symbol`,
  /** The marks of predicted times on the wall-clock chart. */
  timePredictions: `${timeFigure} .prediction-dot`,
  speedUpCaption: `${speedUpFigure} figcaption`,
  speedUpPoints: `${speedUpFigure} .recharts-line-dot`,
  summary: 'section.summary',
  linkNotices: { css: '[role="status"][aria-label="Link"]', role: 'status', name: 'Link' },
  dismiss: { css: '[aria-label="Link"] button', role: 'button', name: 'Dismiss' },
  machineTerms: 'section.machine dt',
  machineValues: 'section.machine dd',
  progressBar: (lane: number, name: 'Worker' | 'Task' = 'Worker') => `[role="progressbar"][aria-label="${name} ${String(lane)}"]`,
  timelineCaption: 'section[aria-label="Run"] figure.timeline > figcaption',
  timelineNames: `${timelineWhole} .timeline-name`,
  timelineEnd: (lane: number) => `${timelineLane(lane)} .timeline-segment:last-child`,
  timelineCounting: `${timelineWhole} .timeline-segment[data-state="counting"]`,
  timelineStates: `${timelineWhole} .timeline-state`,
  timelineLane,
  timelineMagnified: 'figure.timeline .timeline-drawing.magnified',
  /** The cells of the timeline's table (Lane, State, From, To, Duration), which screen readers read instead of the drawing. */
  timelineCells: 'figure.timeline table.timeline-data tbody tr > *',
  timelineShares: 'figure.timeline .timeline-shares',
  presentation: { css: '.presentation-controls button:first-child', role: 'button', name: 'Presentation mode' },
  fullScreen: { css: '.presentation-controls button:nth-child(2)', role: 'button', name: 'Full screen' },
  runRegion: 'section[aria-label="Run"]',
  prediction: { css: '#prediction', role: 'textbox', name: 'Prediction (ms)' },
  shortcutsDialog: { css: 'dialog.shortcuts-dialog', role: 'dialog', name: 'Keyboard shortcuts' },
  storedResults: { css: '[role="status"][aria-label="Stored results"]', role: 'status', name: 'Stored results' },
  clearResults: { css: '.results-section > button', role: 'button', name: 'Clear results' },
  clearDialog: { css: 'dialog.confirm-dialog', role: 'alertdialog', name: 'Clear results?' },
  confirmClear: { css: 'dialog.confirm-dialog button.danger', role: 'button', name: 'Clear' },
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

export async function workerWatch(driver: EngineDriver): Promise<WorkerWatchState> {
  const watch = await driver.evaluate(readWorkerWatch);
  if (!watch) throw new Error('The worker watch is gone: the page reloaded.');
  return watch;
}

/** Every worker the watch saw was terminated; in Chromium, the protocol agrees that none is left. */
export async function expectNoWorkers(driver: EngineDriver, what: string): Promise<void> {
  await waitFor(`${what}: workers still live`, () => workerWatch(driver), (watch) => watch.live === 0 && watch.terminated === watch.created);
  const protocolWorkers = driver.protocolWorkers;
  if (protocolWorkers) await waitFor(`${what}: workers the protocol still sees`, () => Promise.resolve(protocolWorkers()), (count) => count === 0);
}

/** Opens the lab in a fresh page and waits until it has calibrated and let the measuring worker go; then watches workers. */
export async function openLab(driver: EngineDriver, search = ''): Promise<void> {
  await driver.open(`/${search}`);
  await labLoaded(driver);
}

/** Loads the lab again in the same page, as a reload does (what the origin keeps stays); then as openLab. */
async function reloadLab(driver: EngineDriver, search = ''): Promise<void> {
  await driver.navigate(`/${search}`);
  await labLoaded(driver);
}

async function labLoaded(driver: EngineDriver): Promise<void> {
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

/**
 * Sets the slider and the count (null: the count the link set, which presentation mode folds
 * away), and waits until Run can be pressed.
 */
async function prepareRun(driver: EngineDriver, workers: number, total: string | null): Promise<void> {
  await setWorkers(driver, workers);
  if (total !== null) await driver.fill(ui.totalCount, total);
  await enabled(driver, ui.run, 'Run');
}

/** How a run is started and stopped: with the Run and Stop buttons, or with the keys R and Escape. */
type Trigger = 'buttons' | 'shortcuts';

/** Takes focus off every control, as a click on the page's text does, and presses a key: the page's shortcuts hear it. */
async function pressOnPage(driver: EngineDriver, key: Key): Promise<void> {
  await driver.evaluate(() => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  });
  await driver.keyboard(key);
}

/** Presses Run (or R) with the worker watch reset; the number of result rows before it. */
async function pressRun(driver: EngineDriver, trigger: Trigger = 'buttons'): Promise<number> {
  const before = await driver.count(ui.resultRows);
  await driver.evaluate(resetWorkerWatch);
  if (trigger === 'buttons') await driver.click(ui.run);
  else await pressOnPage(driver, 'r');
  return before;
}

/** Runs what is set to the end; the new row's cells by header. */
async function runPrepared(driver: EngineDriver, what: string, trigger: Trigger = 'buttons'): Promise<(header: string) => Promise<string>> {
  const before = await pressRun(driver, trigger);
  await waitFor(`a result row for ${what}`, () => driver.count(ui.resultRows), (rows) => rows === before + 1, 60_000);
  return async (header) => (await column(driver, header))[before] ?? '';
}

/** Runs to the end; the new row's cells by header. */
export async function runAndWait(driver: EngineDriver, workers: number, total: string): Promise<(header: string) => Promise<string>> {
  await prepareRun(driver, workers, total);
  return runPrepared(driver, `the run with ${String(workers)}`);
}

/** A number as a cell shows it ("1,234" → 1234). */
const cellNumber = (text: string) => Number(text.replace(/,/g, ''));

type ModelName = ExecutionModel;
type TaskName = TaskKind;

/** What the page says of each execution model, with 2 lanes. */
const MODELS: Readonly<Record<ModelName, { radio: Target; lane: 'Worker' | 'Task'; inMode: string; who: string; workers: number }>> = {
  parallel: { radio: ui.parallel, lane: 'Worker', inMode: '', who: '2 workers', workers: 2 },
  lock: { radio: ui.lock, lane: 'Worker', inMode: 'one lock, ', who: '2 workers sharing one lock', workers: 2 },
  'main-thread': { radio: ui.mainThread, lane: 'Task', inMode: 'main thread, ', who: '2 tasks on the main thread', workers: 0 },
};
const TASKS: Readonly<Record<TaskName, Target>> = { cpu: ui.cpu, io: ui.io };

/** The labels of the checked Execution model and Task radios, as a user reads them. */
const chosen: PageScript<string[]> = () =>
  Array.from(document.querySelectorAll<HTMLInputElement>('input[name="model"]:checked, input[name="task"]:checked'), (input) => input.labels?.[0]?.textContent ?? '');

/** Chooses a model and a task by their radios. */
async function choose(driver: EngineDriver, model: ModelName, task: TaskName): Promise<void> {
  const radios = [MODELS[model].radio, TASKS[task]];
  for (const radio of radios) await driver.click(radio);
  const names = radios.map((radio) => (typeof radio === 'string' ? radio : radio.name));
  await waitFor(`${names.join(' and ')} checked`, () => driver.evaluate(chosen), (labels) => JSON.stringify(labels) === JSON.stringify(names));
}

/** "This machine", term by term. */
export async function machineFacts(driver: EngineDriver): Promise<Map<string, string>> {
  const terms = await driver.texts(ui.machineTerms);
  const values = await driver.texts(ui.machineValues);
  return new Map(terms.map((term, index) => [term, values[index] ?? '']));
}

/** How many segments in a lane of a timeline drawing match `css` (e.g. '[data-state="counting"]'). */
const laneSegments = (driver: EngineDriver, lane: number, css: string, drawing?: string) => driver.count(`${ui.timelineLane(lane, drawing)} .timeline-segment${css}`);

/** The timeline has a lane per worker (or task), named for the model, each ending done. */
async function expectTimelineDone(driver: EngineDriver, model: ModelName, what: string): Promise<void> {
  const lane = MODELS[model].lane;
  await waitFor(`${what}: the timeline’s lanes`, () => driver.texts(ui.timelineNames), (names) => JSON.stringify(names) === JSON.stringify([`${lane} 1`, `${lane} 2`]));
  same(await driver.texts(ui.timelineStates), ['done', 'done'], `${what}: the lanes’ states`);
  same([await driver.attribute(ui.timelineEnd(1), 'data-state'), await driver.attribute(ui.timelineEnd(2), 'data-state')], ['done', 'done'], `${what}: how each lane ends`);
}

/** The timeline's table in one line ("Worker 1 waiting for I/O 174 ms 467 ms 293 ms; …"), to say what a failed check saw. */
async function timelineInWords(driver: EngineDriver): Promise<string> {
  const cells = await driver.texts(ui.timelineCells);
  const rows = Array.from({ length: Math.ceil(cells.length / 5) }, (_, row) => cells.slice(row * 5, row * 5 + 5).join(' '));
  return `The timeline: ${rows.join('; ')}.`;
}

/** After a run: no worker is left, and the run made as many as the model uses (none on the main thread). */
async function expectWorkersOf(driver: EngineDriver, model: ModelName, what: string): Promise<void> {
  await expectNoWorkers(driver, what);
  const { created, mostLive } = await workerWatch(driver);
  const workers = MODELS[model].workers;
  same({ created, mostLive }, { created: workers, mostLive: workers }, `${what}: workers created, most at once`);
}

/** The wait each of 2 tasks would make, once it is at least `leastMs`, as the hint under the models says it ("150 ms", "1.02 s"). */
async function hintedWait(driver: EngineDriver, leastMs: number): Promise<{ text: string; ms: number }> {
  const read = async () => {
    const [, number, unit] = /each of 2 tasks waits ([\d.]+) (m?s),/.exec(await driver.text(ui.modelHint)) ?? ['', '', ''];
    return { text: `${number} ${unit}`, ms: Number(number) * (unit === 's' ? 1000 : 1) };
  };
  return waitFor(`the hint’s wait (at least ${String(leastMs)} ms)`, read, (wait) => wait.ms > 0 && wait.ms >= leastMs);
}

/** Two waits in a row (2 × this) cannot pass for two that overlap (under 1.5 × this + 50 ms). */
const LEAST_WAIT_MS = 200;

/**
 * Sets 2 tasks to wait at least LEAST_WAIT_MS each: a wait lasts as long as counting its share
 * takes one worker here, so the total is 1e9 or as many times more as this engine needs.
 */
async function prepareWaits(driver: EngineDriver): Promise<{ text: string; ms: number }> {
  await prepareRun(driver, 2, '1e9');
  const wait = await hintedWait(driver, 0);
  if (wait.ms >= LEAST_WAIT_MS) return wait;
  await driver.fill(ui.totalCount, `${String(Math.ceil((1.25 * LEAST_WAIT_MS) / wait.ms))}e9`);
  await enabled(driver, ui.run, 'Run');
  return hintedWait(driver, LEAST_WAIT_MS);
}

/**
 * Starts a run of `total` (null: the link's) on 2 lanes that cannot end soon, lets `meanwhile` look
 * at the running page, then presses Stop (or Escape): the run says it stopped within 5 s, and no worker is left.
 */
async function stopLongRun(
  driver: EngineDriver,
  model: ModelName,
  total: string | null,
  meanwhile: () => Promise<void> = () => Promise.resolve(),
  trigger: Trigger = 'buttons',
): Promise<void> {
  const { who, workers, lane } = MODELS[model];
  // Stop is touched while the page is idle (Firefox's driver checks its role and name once, slowly when cores are busy).
  same(await driver.attribute(ui.stop, 'disabled'), '', `${who}: Stop while nothing runs (disabled)`);
  await prepareRun(driver, 2, total);
  const before = await pressRun(driver, trigger);
  const counted = async () => Number(await driver.attribute(ui.progressBar(1, lane), 'aria-valuenow')) + Number(await driver.attribute(ui.progressBar(2, lane), 'aria-valuenow'));
  await waitFor(`${who}: some counted`, counted, (sum) => sum > 0, 20_000);
  same((await workerWatch(driver)).live, workers, `${who}: live workers during the run`);
  await meanwhile();
  same(await driver.count(ui.resultRows), before, `${who}: result rows before Stop (the run is still going)`);
  const pressed = Date.now();
  if (trigger === 'buttons') await driver.click(ui.stop);
  else await pressOnPage(driver, 'Escape');
  await waitFor(`${who}: the status after Stop`, () => driver.text(ui.runState), (text) => text.startsWith(`Stopped: ${who} had counted`), 5000);
  const stopMs = Date.now() - pressed;
  if (stopMs > 5000) throw new Error(`${who}: the run took ${String(stopMs)} ms to stop.`);
  await expectWorkersOf(driver, model, `${who}, stopped`);
  same((await column(driver, 'Check')).at(-1), 'Stopped', `${who}: Check of the stopped run`);
  await enabled(driver, ui.run, `${who}: Run after Stop`);
}

/** The frames a second the Frame rate meter shows, or null while it has none. */
async function framesPerSecond(driver: EngineDriver): Promise<number | null> {
  const match = /Frame rate: ([\d,]+) frames? a second/.exec(await driver.text(ui.frameRate));
  return match ? cellNumber(match[1]) : null;
}

/** The longest frame the meter names (ms), or 0 when it names none; read by `meter` (by CSS alone, it asks Firefox's accessibility tree nothing). */
async function longestFrameMs(driver: EngineDriver, meter: Target = ui.frameRate): Promise<number> {
  const match = /The longest frame took ([\d,]+) ms: the page could not draw while it ran\./.exec(await driver.text(meter));
  return match ? cellNumber(match[1]) : 0;
}

/** What the projector must show with no scrolling: the controls, the Run region and the wall-clock chart, by CSS selector. */
const STAGE = {
  'the Workers slider': ui.slider.css,
  Run: ui.run.css,
  Stop: ui.stop.css,
  'the Run region': ui.runRegion,
  'the wall-clock chart': ui.timeFigure,
} as const;

/** The stage while (and after) 2 workers count: their progress bars and their timeline lanes too. */
const STAGE_WITH_LANES = {
  ...STAGE,
  'Worker 1’s progress bar': ui.progressBar(1),
  'Worker 2’s progress bar': ui.progressBar(2),
  'Worker 1’s timeline lane': ui.timelineLane(1),
  'Worker 2’s timeline lane': ui.timelineLane(2),
};

/**
 * Each named element that is missing, empty or not wholly inside the viewport (less its scroll
 * bars), and the page's scroll when it is scrolled at all, as sentences.
 */
const offStage: PageScript<string[], Record<string, string>> = (parts) => {
  const width = document.documentElement.clientWidth;
  const height = document.documentElement.clientHeight;
  const problems = window.scrollX === 0 && window.scrollY === 0 ? [] : [`the page is scrolled to (${String(window.scrollX)}, ${String(window.scrollY)})`];
  for (const [name, css] of Object.entries(parts)) {
    const box = document.querySelector(css)?.getBoundingClientRect();
    // Half a pixel for layouts in fractions of a pixel.
    if (!box || box.width === 0 || box.height === 0 || box.left < -0.5 || box.top < -0.5 || box.right > width + 0.5 || box.bottom > height + 0.5) {
      const where = box ? `from (${box.left.toFixed(1)}, ${box.top.toFixed(1)}) to (${box.right.toFixed(1)}, ${box.bottom.toFixed(1)})` : 'missing';
      problems.push(`${name} is ${where} in a viewport of ${String(width)}×${String(height)}`);
    }
  }
  return problems;
};

async function expectOnStage(driver: EngineDriver, parts: Record<string, string>, when: string): Promise<void> {
  same(await driver.evaluate(offStage, parts), [], `In presentation mode ${when}, what lies outside the viewport`);
}

/** The fullscreenchange and fullscreenerror events since the watch was installed, in order. */
type FullscreenEvents = ('change' | 'error')[];

const watchFullscreen: PageScript<void> = () => {
  const events: FullscreenEvents = [];
  Object.defineProperty(window, '__fullscreenEvents', { value: events, configurable: true });
  document.addEventListener('fullscreenchange', () => events.push('change'));
  document.addEventListener('fullscreenerror', () => events.push('error'));
};

const readFullscreen: PageScript<{ events: FullscreenEvents; element: string | null }> = () => ({
  events: [...(window as unknown as { __fullscreenEvents: FullscreenEvents }).__fullscreenEvents],
  element: document.fullscreenElement?.tagName.toLowerCase() ?? null,
});

/**
 * "Full screen" is on the page exactly where the engine says it has the Fullscreen API; there,
 * pressing it puts the whole page full screen and pressing it again ends that. An engine that
 * refuses the request although it says it has the API fails the check with what it did.
 */
async function expectFullScreenButton(driver: EngineDriver, report: Report): Promise<void> {
  const enabled = await driver.evaluate(() => (document.fullscreenEnabled as boolean | undefined) === true);
  same(await driver.count(ui.fullScreen.css), enabled ? 1 : 0, `"Full screen" buttons where document.fullscreenEnabled is ${String(enabled)}`);
  if (!enabled) {
    report('document.fullscreenEnabled is not true: "Full screen" is left out.');
    return;
  }
  await driver.evaluate(watchFullscreen);
  same(await driver.attribute(ui.fullScreen, 'aria-pressed'), 'false', '"Full screen" before it is pressed');
  for (const [step, element, pressed] of [
    ['on', 'html', 'true'],
    ['off', null, 'false'],
  ] as const) {
    await driver.click(ui.fullScreen);
    const events = step === 'on' ? 1 : 2;
    const state = await waitFor(`a fullscreenchange or fullscreenerror after pressing "Full screen" ${step}`, () => driver.evaluate(readFullscreen), (now) => now.events.length >= events, 5000);
    if (state.events.includes('error')) {
      throw new Error(
        `${driver.name} says document.fullscreenEnabled is true, but refused full screen (fullscreenerror) when "Full screen" was pressed ${step} under automation; document.fullscreenElement is ${String(state.element)}.`,
      );
    }
    same(state.element, element, `document.fullscreenElement after pressing "Full screen" ${step}`);
    await waitFor(`"Full screen" pressed state after pressing it ${step}`, () => driver.attribute(ui.fullScreen, 'aria-pressed'), (value) => value === pressed);
  }
  report('document.fullscreenEnabled is true: "Full screen" is shown, and pressing it puts the page full screen and back.');
}

/** The lab's IndexedDB, as src/page/storage/runStore.ts opens it: version 1, a store of runs and one of records set aside. */
const STORE = { database: 'parallel-counting-lab', version: 1, runs: 'runs', setAside: 'set-aside' } as const;

/** Adds records to the lab's store of runs, creating the database as the lab would: what an older or broken page left behind. */
const storeRecords: PageScript<Promise<void>, { store: typeof STORE; records: unknown[] }> = async ({ store, records }) => {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(store.database, store.version);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(store.runs, { autoIncrement: true });
      request.result.createObjectStore(store.setAside, { autoIncrement: true });
    };
    request.onsuccess = () => {
      resolve(request.result);
    };
    request.onerror = () => {
      reject(new Error(request.error?.message ?? 'open failed'));
    };
  });
  const transaction = db.transaction(store.runs, 'readwrite');
  for (const record of records) transaction.objectStore(store.runs).add(record);
  await new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => {
      resolve();
    };
    transaction.onerror = () => {
      reject(new Error(transaction.error?.message ?? 'write failed'));
    };
  });
  db.close();
};

/** How many records the lab's stores hold: [runs, set aside] (an array, as WebKit's driver reorders an object's keys). */
const countRecords: PageScript<Promise<[number, number]>, typeof STORE> = (store) =>
  new Promise<[number, number]>((resolve, reject) => {
    const request = indexedDB.open(store.database);
    request.onsuccess = () => {
      const db = request.result;
      const transaction = db.transaction([store.runs, store.setAside]);
      const runs = transaction.objectStore(store.runs).count();
      const setAside = transaction.objectStore(store.setAside).count();
      transaction.oncomplete = () => {
        db.close();
        resolve([runs.result, setAside.result]);
      };
    };
    request.onerror = () => {
      reject(new Error(request.error?.message ?? 'open failed'));
    };
  });

/** The keys of the records in the lab's store of runs, in the store's order: a version 2 record is kept under its run's stableId. */
const recordKeys: PageScript<Promise<string[]>, typeof STORE> = (store) =>
  new Promise<string[]>((resolve, reject) => {
    const request = indexedDB.open(store.database);
    request.onsuccess = () => {
      const db = request.result;
      const keys = db.transaction(store.runs).objectStore(store.runs).getAllKeys();
      keys.onsuccess = () => {
        db.close();
        // As text: a number (version 1's key) left where a stable id should be shows as one.
        resolve(keys.result.map((key) => (typeof key === 'string' ? key : `a ${typeof key} key`)));
      };
    };
    request.onerror = () => {
      reject(new Error(request.error?.message ?? 'open failed'));
    };
  });

/** Where focus is: in the open dialog, on an element with an id (#workers), or on a tag (body). */
const focusPlace: PageScript<string> = () => {
  const focused = document.activeElement;
  if (focused === null) return 'nowhere';
  if (focused.closest('dialog[open]') !== null) return 'in the open dialog';
  return focused.id ? `#${focused.id}` : focused.tagName.toLowerCase();
};

/** How long a frozen run should count (ms): beside a frame (100 ms) and below the 3 s cap even with the estimate 3× off (it was, here), and short enough that a meter half a second late falls below 90%. */
const FROZEN_COUNTING_MS = 700;

/** The timeline's sentence on the operating system's turns, when the workers outnumber the cores. */
const coreTurns = 'section[aria-label="Run"] figure.timeline .timeline-core-turns';

/** Whether the timeline still grows (a run is under way), and its sentence on turns, read at one moment. */
const turnsNow: PageScript<{ live: boolean; turns: string | null }> = () => ({
  live: document.querySelector('section[aria-label="Run"] figure.timeline-live') !== null,
  turns: document.querySelector('section[aria-label="Run"] figure.timeline .timeline-core-turns')?.textContent ?? null,
});

/** What only workers in parallel that count can say in the Summary: cores, start-up cost past them, a count too small to share (as e2e/explanations.spec.ts). */
const CORES_ONLY = [/start-up cost/, /too small to share/, /larger total count/, /Karp–Flatt/, /shared by \d+ cores?/, /Beyond \d/, /Speed-up still grew/];

/** Says a fact of the engine the check found (which way an engine went where engines may differ), for the report. */
export type Report = (fact: string) => void;

export interface Check {
  name: string;
  run: (driver: EngineDriver, report: Report) => Promise<void>;
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
    name: 'This machine names the counting kernel kept for the engine, and a run counts exactly with it, and with each kernel a link asks for',
    async run(driver, report) {
      // Measured by `npm run bench` (bench/kernels.spec.ts): the faster of the two loops in each engine.
      const kept = { chromium: 'WebAssembly', firefox: 'WebAssembly', webkit: 'JavaScript' }[driver.name];
      const pages = [
        ['', kept, 'the faster here'],
        ['?kernel=js', 'JavaScript', 'as the link asks'],
        ['?kernel=wasm', 'WebAssembly', 'as the link asks'],
      ] as const;
      for (const [search, kernel, why] of pages) {
        await openLab(driver, search);
        same((await machineFacts(driver)).get('Counting kernel'), `${kernel} (${why}; no run yet)`, `${search || 'the plain page'}: the kernel before a run`);
        const cell = await runAndWait(driver, 1, '30000001');
        same(await cell('Check'), 'Counted 30,000,001', `${search || 'the plain page'}: Check`);
        same((await machineFacts(driver)).get('Counting kernel'), `${kernel} (${why})`, `${search || 'the plain page'}: the kernel that ran`);
      }
      report(`counts with ${kept}`);
    },
  },
  {
    name: 'Stop ends a long run of each model within moments, says it stopped, and leaves no worker',
    async run(driver) {
      await openLab(driver);
      await stopLongRun(driver, 'parallel', '1e11');
      await choose(driver, 'lock', 'cpu');
      await stopLongRun(driver, 'lock', '1e11');
      await choose(driver, 'main-thread', 'cpu');
      await stopLongRun(driver, 'main-thread', '1e11');
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
      await waitFor('the summary', () => driver.text(ui.summary), (text) =>
        // A winner only beyond the spread of the runs (issue 15); otherwise the tie is said.
        /Fastest with \d workers?: |\d(, \d)* and \d workers were as fast as each other within the spread of their runs/.test(text),
      );
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
      const machine = await machineFacts(driver);
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
  {
    name: 'each model counts and waits on 2 lanes: the row says what, the timeline names the lanes, and the waits overlap',
    async run(driver) {
      await openLab(driver);
      for (const model of EXECUTION_MODELS) {
        for (const task of TASK_KINDS) {
          const what = `${MODELS[model].who}, ${task === 'io' ? 'waiting' : 'counting'}`;
          await choose(driver, model, task);
          let wait: { text: string; ms: number } | null = null;
          if (task === 'io') wait = await prepareWaits(driver);
          else await prepareRun(driver, 2, '2e7');
          const cell = await runPrepared(driver, what);
          same(await cell('Check'), wait ? `Waited 2 × ${wait.text}` : 'Counted 20,000,000', `${what}: Check`);
          same(await cell('Mode'), `${MODELS[model].inMode}${wait ? 'waiting, ' : ''}split${model === 'main-thread' ? '' : ', fresh'}`, `${what}: Mode`);
          same(await cell('Workers'), '2', `${what}: Workers`);
          await expectTimelineDone(driver, model, what);
          const doing = wait ? 'waiting-io' : 'counting';
          same([await laneSegments(driver, 1, `[data-state="${doing}"]`) > 0, await laneSegments(driver, 2, `[data-state="${doing}"]`) > 0], [true, true], `${what}: a ${doing} segment in each lane`);
          if (wait) {
            const busyMs = cellNumber(await cell('Wall-clock (ms)')) - cellNumber(await cell('Start-up (ms)'));
            // Two waits that overlap take about one wait, not two (the cells and the wait are rounded).
            if (!(busyMs >= wait.ms * 0.99 - 2 && busyMs < wait.ms * 1.5 + 50)) {
              throw new Error(`${what}: two waits of ${wait.text} took ${String(busyMs)} ms after start-up; overlapping, they take about one. ${await timelineInWords(driver)}`);
            }
          }
          await expectWorkersOf(driver, model, what);
        }
      }
    },
  },
  {
    name: 'under one lock the lanes hand over, and This machine names the engine’s lock and what a hand-over cost',
    async run(driver) {
      await openLab(driver);
      await choose(driver, 'lock', 'cpu');
      // Turns last 5 ms on a CPU of any speed: 10^9 under the lock lasts over 100 ms even on a CPU twice as fast as the 2-core Xeon.
      const cell = await runAndWait(driver, 2, '1e9');
      same(await cell('Check'), 'Counted 1,000,000,000', 'Check of the run under the lock');
      await expectTimelineDone(driver, 'lock', 'the run under the lock');
      // Turns of 5 ms are too short to draw apart in the whole run: the magnified drawing of its first 40 ms shows them.
      same(await driver.count(ui.timelineMagnified), 1, 'magnified drawings of the turns');
      for (const lane of [1, 2]) {
        const turns = {
          'counting, then waiting for the lock': await laneSegments(driver, lane, '[data-state="counting"] + [data-state="waiting-lock"]', ui.timelineMagnified),
          'waiting for the lock, then counting': await laneSegments(driver, lane, '[data-state="waiting-lock"] + [data-state="counting"]', ui.timelineMagnified),
        };
        if (Object.values(turns).some((count) => count < 2)) throw new Error(`Worker ${String(lane)}'s magnified lane hands over fewer than twice each way: ${JSON.stringify(turns)}.`);
      }
      await expectWorkersOf(driver, 'lock', 'the run under the lock');
      // WebKitGTK has no SharedArrayBuffer even in an isolated page: there the page passes a token.
      const sharedMemory = await driver.evaluate(() => typeof SharedArrayBuffer === 'function' && crossOriginIsolated);
      const lock = sharedMemory ? 'a real lock: Atomics on shared memory' : 'a token passed from worker to worker by messages through the page';
      const said = (await machineFacts(driver)).get('Lock for “Workers sharing one lock”') ?? '';
      const handOver = new RegExp(`\\. Hand-over in run ${await cell('#')}: [\\d.]+ ms on average, over (\\d+) hand-overs\\.$`).exec(said);
      if (!said.startsWith(lock) || !handOver || Number(handOver[1]) < 2) {
        throw new Error(`This machine says the lock is "${said}"; expected "${lock}…", then the hand-overs of run ${await cell('#')}.`);
      }
    },
  },
  {
    name: 'frames keep coming while workers count, and stop while the main thread counts frozen',
    async run(driver) {
      await openLab(driver);
      // The meter looks for long frames from 2 s after the page opened; the meter and the checkbox are touched while the page is idle.
      // 2.5 s after the lab opened, not 3 s after navigation: a slow CPU takes over a second to start the meter.
      const openedMs = await driver.evaluate(() => performance.now());
      await waitFor('2.5 s since the lab opened', () => driver.evaluate(() => performance.now()), (ms) => ms > openedMs + 2500);
      await waitFor('a frame rate', () => framesPerSecond(driver), (fps) => fps !== null && fps > 0);
      same(await driver.attribute(ui.freeze, 'disabled'), '', 'Freeze the page with workers in parallel (disabled)');
      const rates: (number | null)[] = [];
      // The meter looks for its longest frame from the run's start: in Firefox frames of 0.4–1.4 s came before any run,
      // while the driver first queried controls by role and name, and none of them may be named while the workers count.
      const longestMs: number[] = [];
      // Far too long to end by itself on any machine (4e10 on 2 workers was 5 s here, too close on a CPU twice as fast).
      // Read by CSS alone while the workers count: a query by role and name would hold Firefox's page for its accessibility tree.
      await stopLongRun(driver, 'parallel', '1e12', async () => {
        longestMs.push(await longestFrameMs(driver, ui.frameRate.css));
        await sleep(500);
        for (let sample = 0; sample < 4; sample += 1) {
          rates.push(await framesPerSecond(driver));
          await sleep(250);
        }
        longestMs.push(await longestFrameMs(driver, ui.frameRate.css));
      });
      if (!rates.every((rate) => rate !== null && rate > 10)) throw new Error(`Frame rates while 2 workers counted: ${rates.join(', ')}; expected more than 10 a second.`);
      for (const named of longestMs) if (named >= 1000) throw new Error(`The meter names a frame of ${String(named)} ms while 2 workers counted (readings: ${longestMs.join(', ')} ms).`);

      await choose(driver, 'main-thread', 'cpu');
      await enabled(driver, ui.freeze, 'Freeze the page on the main thread, counting');
      await driver.click(ui.freeze);
      await waitFor('Freeze the page checked', () => driver.count(`${ui.freeze.css}:checked`), (checked) => checked === 1);
      await prepareRun(driver, 1, '1e12');
      const cell = await runPrepared(driver, 'a frozen run');
      same(await cell('Check'), 'Stopped at the freeze cap', 'Check of the frozen run');
      // The cap is 3 s of counting, all in one task: no frame meanwhile.
      const frozenMs = await waitFor('the longest frame after the freeze', () => longestFrameMs(driver), (ms) => ms >= 2000, 5000);
      if (frozenMs > 6000) throw new Error(`The meter names a frame of ${String(frozenMs)} ms after a freeze capped at 3 s.`);
      await expectWorkersOf(driver, 'main-thread', 'the frozen run');
    },
  },
  {
    name: 'a link chooses the model and the task; an unknown model gets a notice and leaves workers in parallel',
    async run(driver) {
      await openLab(driver, '?model=lock&task=io');
      same(await driver.evaluate(chosen), ['Workers sharing one lock', 'I/O-bound: waiting'], 'the radios from ?model=lock&task=io');
      same(await driver.count(ui.linkNotices.css), 0, 'notices for a good link');

      await openLab(driver, '?model=gil');
      const notices = await driver.text(ui.linkNotices);
      const notice = 'The link’s model=“gil” is not one of parallel, lock, main-thread, so it was ignored.';
      if (!notices.includes(notice)) throw new Error(`The notices "${notices}" do not say "${notice}".`);
      same(await driver.evaluate(chosen), ['Workers in parallel', 'CPU-bound: counting'], 'the radios from ?model=gil');
    },
  },
  {
    name: 'presentation mode: a link or the toggle turns it on, a reload remembers it, at 1280×720 the stage fits with no scrolling through a run, and Full screen follows the Fullscreen API',
    async run(driver, report) {
      const link = '?workers=2&count=100000000000';
      await openLab(driver, `${link}&present=1`);
      same(await driver.attribute(ui.presentation, 'aria-pressed'), 'true', 'Presentation mode from ?present=1');
      // Off, then on again: the page remembers a change of the toggle, not what a link asked for.
      for (const pressed of ['false', 'true']) {
        await driver.click(ui.presentation);
        await waitFor(`Presentation mode pressed ${pressed} after a click`, () => driver.attribute(ui.presentation, 'aria-pressed'), (now) => now === pressed);
      }
      await driver.setViewport(1280, 720);
      await expectOnStage(driver, STAGE, 'before a run');
      await stopLongRun(driver, 'parallel', null, async () => {
        await waitFor('2 lanes in the timeline during the run', () => driver.count(ui.timelineNames), (lanes) => lanes === 2);
        await expectOnStage(driver, STAGE_WITH_LANES, 'during a run');
      });
      await expectOnStage(driver, STAGE_WITH_LANES, 'after a run');
      await expectFullScreenButton(driver, report);
      // The link without present=1: only what the page remembered (localStorage) turns it on.
      await reloadLab(driver, link);
      same(await driver.attribute(ui.presentation, 'aria-pressed'), 'true', 'Presentation mode after a reload');
      await expectOnStage(driver, STAGE, 'after a reload');
    },
  },
  {
    name: 'results survive a reload: a run comes back with its Wall-clock, unreadable stored runs are set aside with a notice and the readable ones come back, and Clear results asks, then forgets them',
    async run(driver) {
      const link = '?workers=1&count=20000000';
      await openLab(driver, link);
      await prepareRun(driver, 1, null);
      const wall = await (await runPrepared(driver, 'a run to keep'))('Wall-clock (ms)');
      // What an older or broken page left behind, written beside the open lab and read by its next load. (A page of
      // the origin that is not the lab, its icon /favicon.svg, would do, but Chromium then asks for /favicon.ico and logs the 404.)
      const records = mixedRecords('an-earlier-tab');
      await driver.evaluate(storeRecords, { store: STORE, records });
      await reloadLab(driver, link);
      const notice = await waitFor('the Stored results notice', () => driver.text(ui.storedResults), (text) => text !== '');
      const expected = '4 stored results were set aside (2 unreadable, 1 from a newer version of this page, 1 too large); the readable ones are back, and the page works as usual.';
      if (!notice.startsWith(expected)) throw new Error(`The Stored results notice reads "${notice}"; expected it to start "${expected}".`);
      // The stored runs are older than the one just made: they come first.
      const walls = await waitFor('the runs after a reload', () => column(driver, 'Wall-clock (ms)'), (cells) => cells.length === 3);
      same(walls, ['1,200', '1,100', wall], 'Wall-clock of the readable stored runs and of the run made before the reload');
      same(await column(driver, '#'), ['1', '2', '3'], 'the numbers of the runs after a reload');
      same(await driver.evaluate(countRecords, STORE), [3, 4], 'records kept and set aside');
      // The earlier visit's readable runs are stored again in version 2, under the stable ids made of their tab and number.
      const keys = await driver.evaluate(recordKeys, STORE);
      same(
        keys.filter((key) => key.startsWith('v1-')),
        ['v1-an-earlier-tab-1', 'v1-an-earlier-tab-4'],
        'the keys of the earlier visit’s runs after a reload',
      );
      same(keys.filter((key) => key.startsWith('a ')), [], 'records kept under a number instead of a stable id');

      await driver.click(ui.clearResults);
      await waitFor('the "Clear results?" dialog open', () => driver.count(`${ui.clearDialog.css}[open]`), (open) => open === 1);
      same(await driver.attribute(ui.clearDialog, 'open'), '', 'the alertdialog named "Clear results?" is open');
      await driver.click(ui.confirmClear);
      await waitFor('result rows after Clear', () => driver.count(ui.resultRows), (rows) => rows === 0);
      await reloadLab(driver, link);
      same(await driver.evaluate(countRecords, STORE), [0, 4], 'records kept and set aside after Clear');
      same(await driver.count(ui.resultRows), 0, 'result rows after Clear and a reload');
    },
  },
  {
    name: 'shortcuts: R runs, + adds a worker, ? opens Keyboard shortcuts with focus inside until Escape gives it back, and Escape stops a long run',
    async run(driver) {
      await openLab(driver, '?workers=1&count=20000000');
      await prepareRun(driver, 1, null);
      const cell = await runPrepared(driver, 'a run started with R', 'shortcuts');
      same([await cell('Workers'), await cell('Check')], ['1', 'Counted 20,000,000'], 'Workers and Check of the run started with R');
      await pressOnPage(driver, '+');
      await waitFor('the slider after +', () => driver.value(ui.slider), (value) => value === '2');

      // Opened from the slider, so that focus has somewhere to come back to other than the page's body.
      await driver.press(ui.slider, '?');
      await waitFor('the Keyboard shortcuts dialog open', () => driver.count(`${ui.shortcutsDialog.css}[open]`), (open) => open === 1);
      same(await driver.attribute(ui.shortcutsDialog, 'open'), '', 'the dialog named "Keyboard shortcuts" is open');
      same(await driver.evaluate(focusPlace), 'in the open dialog', 'focus as the dialog opens');
      for (let press = 1; press <= 3; press += 1) {
        await driver.keyboard('Tab');
        same(await driver.evaluate(focusPlace), 'in the open dialog', `focus after Tab ${String(press)}`);
      }
      await driver.keyboard('Escape');
      await waitFor('the Keyboard shortcuts dialog closed', () => driver.count(`${ui.shortcutsDialog.css}[open]`), (open) => open === 0);
      same(await driver.evaluate(focusPlace), ui.slider.css, 'focus after Escape (back on the slider it was opened from)');

      await stopLongRun(driver, 'parallel', '1e11', undefined, 'shortcuts');
    },
  },
  {
    name: 'a prediction stands beside the measurement: its column, its error in percent, and a mark on the wall-clock chart',
    async run(driver) {
      await openLab(driver, '?workers=1&count=20000000');
      await driver.fill(ui.prediction, '3000');
      await prepareRun(driver, 1, null);
      const cell = await runPrepared(driver, 'a run predicted to take 3,000 ms');
      same(await cell('Prediction (ms)'), '3,000', 'Prediction (ms) of the run');
      const error = await cell('Error');
      const wall = cellNumber(await cell('Wall-clock (ms)'));
      // The signs the page writes: + when slower than predicted, − (U+2212) when faster.
      const sign = wall < 3000 ? '−' : '+';
      if (!/^[+−]\d[\d,]*%$|^0%$/.test(error) || (error !== '0%' && !error.startsWith(sign))) {
        throw new Error(`The Error of a run predicted at 3,000 ms that took ${String(wall)} ms reads "${error}".`);
      }
      await waitFor('prediction marks on the wall-clock chart', () => driver.count(ui.timePredictions), (marks) => marks === 1);
    },
  },
  {
    name: 'a frozen run on the main thread: the longest frame the meter names covers at least 90% of its Compute time',
    async run(driver, report) {
      await openLab(driver);
      const openedMs = await driver.evaluate(() => performance.now());
      // By CSS alone from here: Firefox's first query of a target by role and name walks its accessibility tree on
      // the page's thread (the meter's status: 777 ms), and the meter rightly keeps that as its longest frame.
      for (const radio of [ui.mainThread.css, ui.cpu.css]) await driver.click(radio);
      await waitFor('Main thread and CPU-bound: counting checked', () => driver.evaluate(chosen), (labels) => labels.join(' and ') === 'Main thread and CPU-bound: counting');
      await enabled(driver, ui.freeze.css, 'Freeze the page on the main thread, counting');
      await driver.click(ui.freeze.css);
      await waitFor('Freeze the page checked', () => driver.count(`${ui.freeze.css}:checked`), (checked) => checked === 1);
      await driver.press(ui.slider.css, 'Home');
      await waitFor('the slider at 1', () => driver.value(ui.slider.css), (value) => value === '1');
      // About FROZEN_COUNTING_MS at this engine's speed, as the calibration measured it.
      await driver.fill(ui.totalCount.css, '1000000000');
      const estimate = /^1 billion counts, all on 1 worker\. ≈ ([\d.]+) (m?s) on 1 worker here\.$/;
      const help = await waitFor('the estimate for 1 billion on 1 worker', () => driver.text(ui.countHelp), (text) => estimate.test(text));
      const [, number, unit] = estimate.exec(help) ?? ['', '', ''];
      const estimateMs = Number(number) * (unit === 's' ? 1000 : 1);
      const count = Math.max(1e7, Math.round((1e9 * FROZEN_COUNTING_MS) / estimateMs / 1e7) * 1e7);
      await driver.fill(ui.totalCount.css, String(count));
      await enabled(driver, ui.run.css, 'Run');
      // The meter looks for long frames from 2 s after it started; 2.5 s after the lab opened is past that on a slow CPU too.
      await waitFor('2.5 s since the lab opened', () => driver.evaluate(() => performance.now()), (ms) => ms > openedMs + 2500);
      const beforeMs = await longestFrameMs(driver, ui.frameRate.css);
      const before = await driver.count(ui.resultRows);
      await driver.evaluate(resetWorkerWatch);
      // The page's clock just before the click: no frame of the run can have begun before it.
      const clickedFromMs = await driver.evaluate(() => performance.now());
      await driver.click(ui.run.css);
      await waitFor('a result row for the frozen run', () => driver.count(ui.resultRows), (rows) => rows === before + 1, 20_000);
      const cell = async (header: string) => (await column(driver, header))[before] ?? '';
      if (!(await cell('Check')).startsWith('Counted ')) throw new Error(`A frozen run of ${String(count)} did not end by itself: its Check reads "${await cell('Check')}".`);
      same(await cell('Mode'), 'main thread, frozen, split', 'Mode of the frozen run');
      const computeMs = cellNumber(await cell('Compute (ms)'));
      const wallMs = cellNumber(await cell('Wall-clock (ms)'));
      // Two measurements of the same run: the page drew nothing while it counted, so its longest frame covers the counting.
      // Read with the page's clock: the meter can name a frame only once it has ended.
      const { longestMs, readAtMs } = await waitFor(
        `a longest frame of at least 90% of the frozen run's ${String(computeMs)} ms`,
        // The text first, then the clock: the frame named had ended before the clock was read.
        async () => {
          const named = await longestFrameMs(driver, ui.frameRate.css);
          return { longestMs: named, readAtMs: await driver.evaluate(() => performance.now()) };
        },
        (reading) => reading.longestMs >= 0.9 * computeMs,
        5000,
      );
      // And no longer than the page's own clock allows: the frame began after the click was sent and ended before the meter was read
      // (it also holds the click and the drawing after the run, which a slow or busy machine makes longer, so the run's Wall-clock is no bound).
      // One frame at 60 Hz more: a long animation frame may begin with the task that read the clock before the click.
      const elapsedMs = Math.ceil(readAtMs - clickedFromMs) + 17;
      if (longestMs > elapsedMs) throw new Error(`The meter names a frame of ${String(longestMs)} ms, though at most ${String(elapsedMs)} ms passed from the click to the reading (Wall-clock of the run: ${String(wallMs)} ms).`);
      const longFrames = await driver.evaluate(() => typeof PerformanceObserver === 'function' && PerformanceObserver.supportedEntryTypes.includes('long-animation-frame'));
      report(
        `a frozen run counted ${String(count)} (1 billion estimated at ${String(estimateMs)} ms) in ${String(computeMs)} ms, Wall-clock ${String(wallMs)} ms; the meter's longest frame: ${String(longestMs)} ms of the ${String(elapsedMs)} ms from the click to the reading (before the run: ${String(beforeMs)} ms), from ${longFrames ? 'long animation frames' : 'its heartbeat'}`,
      );
      await expectWorkersOf(driver, 'main-thread', 'the frozen run');
    },
  },
  {
    name: 'a small sweep under one lock: the Summary names the lock and no start-up cost or count too small, and This machine claims no cores from it',
    async run(driver, report) {
      await openLab(driver, '?workers=1&count=100000000&model=lock');
      same(await driver.evaluate(chosen), ['Workers sharing one lock', 'CPU-bound: counting'], 'the radios from ?model=lock');
      await driver.fill(ui.workerCounts, '1-2');
      await driver.fill(ui.repeats, '1');
      await waitFor('the sweep plan', () => driver.text(ui.sweepHelp), (text) => text === '2 worker counts × 1 repeat + 1 warm-up = 3 runs.');
      await enabled(driver, ui.sweep, 'Run sweep');
      await driver.click(ui.sweep);
      await waitFor('the sweep to end', () => driver.count(ui.resultRows), (rows) => rows === 2, 60_000);
      await waitFor('the sweep status to go', () => driver.count(ui.sweepStatus), (count) => count === 0);
      same(await column(driver, 'Check'), ['Counted 100,000,000', 'Counted 100,000,000'], 'Check of the rows');
      const reason = 'Under one lock one worker counts at a time, so more workers cannot count faster, whatever the cores or the count: 2 workers took';
      const summary = await waitFor('the Summary of the lock sweep', () => driver.text(ui.summary), (text) => text.includes(reason));
      same(
        CORES_ONLY.filter((wrong) => wrong.test(summary)).map(String),
        [],
        `what the Summary of a sweep under one lock says that only workers in parallel can ("${summary}")`,
      );
      same(
        (await machineFacts(driver)).get('Cores the runs measured'),
        'not measured: runs under one lock do not measure them, since one worker counts at a time. A sweep of workers in parallel that count measures them',
        'This machine’s cores after a sweep under one lock',
      );
      const ideal = await driver.text(ui.speedUpCaption);
      if (!ideal.includes('which stays at 1×: one worker holds the lock at a time, whatever the cores')) throw new Error(`The speed-up caption after a sweep under one lock reads "${ideal}".`);
      report(`the lock sweep: ${summary.slice(summary.indexOf(reason) + reason.length - '2 workers took'.length).split('. ')[0]}`);
    },
  },
  {
    name: 'more counting workers than cores: while they count, the timeline says the operating system takes turns between them',
    async run(driver, report) {
      await openLab(driver);
      const cores = await driver.evaluate(() => navigator.hardwareConcurrency);
      // One more worker than the cores is enough to outnumber them, and the lightest way to.
      const workers = Math.min(await maxWorkers(driver), cores + 1);
      if (workers <= cores) throw new Error(`The slider stops at ${String(workers)} workers, not above the ${String(cores)} cores.`);
      same(await driver.count(coreTurns), 0, 'sentences on turns before a run');
      // Stop is touched while the page is idle (Firefox's driver checks its role and name once, slowly when cores are busy).
      same(await driver.attribute(ui.stop, 'disabled'), '', 'Stop while nothing runs (disabled)');
      // Far too long to end by itself on any machine: it ends with Stop.
      await prepareRun(driver, workers, '1000000000000');
      const before = await pressRun(driver);
      await waitFor('Worker 1 counting', () => driver.attribute(ui.progressBar(1), 'aria-valuenow'), (now) => Number(now) > 0, 20_000);
      const sentence = `${String(workers)} workers, ${String(cores)} ${cores === 1 ? 'core' : 'cores'}: the operating system takes turns between the workers, out of the page’s sight, so each lane’s “counting” means its turn comes and goes.`;
      const during = await waitFor('the sentence on turns while the workers count', () => driver.evaluate(turnsNow), (now) => now.live && now.turns === sentence);
      same((await workerWatch(driver)).live, workers, 'live workers while the sentence is shown');
      same(await driver.count(ui.resultRows), before, 'result rows while the sentence is shown (the run is still going)');
      await driver.click(ui.stop);
      await waitFor('the status after Stop', () => driver.text(ui.runState), (text) => text.startsWith('Stopped'), 5000);
      await waitFor('the sentence on turns after Stop', () => driver.text(coreTurns), (text) => /the operating system took turns between the workers, .* was its turn coming and going\.$/.test(text));
      await expectNoWorkers(driver, `${String(workers)} workers, stopped`);
      report(`navigator.hardwareConcurrency is ${String(cores)}; ${String(workers)} workers counting: "${during.turns ?? ''}"`);
    },
  },
  {
    name: 'the Total count reads “2 billion” as the page writes it, and refuses “2,5 Mrd” in one sentence',
    async run(driver) {
      await openLab(driver, '?workers=2');
      await driver.fill(ui.totalCount, '2 billion');
      await waitFor('the help under “2 billion”', () => driver.text(ui.countHelp), (text) => text.startsWith('2 billion counts, 1 billion for each of 2 workers.'));
      same(await driver.attribute(ui.totalCount, 'aria-invalid'), 'false', 'aria-invalid of “2 billion”');
      await enabled(driver, ui.run, 'Run with “2 billion”');
      await driver.fill(ui.totalCount, '2,5 Mrd');
      const refusal = 'Write the count in digits or in English words, with a decimal point: 2500000000, 2.5e9 or 2.5 billion.';
      await waitFor('the help under “2,5 Mrd”', () => driver.text(ui.countHelp), (text) => text === refusal);
      same(await driver.attribute(ui.totalCount, 'aria-invalid'), 'true', 'aria-invalid of “2,5 Mrd”');
      same(await driver.attribute(ui.run, 'disabled'), '', 'Run with “2,5 Mrd” (disabled)');
    },
  },
];

/** No console error, no uncaught error, no alert on the page, and no request to another origin. */
export async function expectCleanVisit(driver: EngineDriver): Promise<void> {
  const foreign = (await driver.requests()).filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== driver.origin);
  const alerts = await driver.texts(ui.alert);
  same({ errors: await driver.errors(), alerts, foreign }, { errors: [], alerts: [], foreign: [] }, 'errors, alerts and requests to other origins');
}
