import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { test } from '@playwright/test';
import { openLab, ui } from '../e2e/engines/checks';
import type { EngineDriver, EngineName, PageScript } from '../e2e/engines/driver';
import { pythonLoaded, pythonUi } from '../e2e/engines/pythonChecks';
import { enginesFromEnv, launchEngine } from '../e2e/engines/launch';
import { fitLine, median } from '../src/lab/measurement/stats';
import { pythonProgram } from '../src/lab/texts/lessonCode';
import { browserFacts, lastResult } from './inPage';
import { driverInPage, newResult, runEnabled } from './newResult';
import { findPython3, lessonCountTo, nativeProgram, nativePythonCount, type NativeProgramRun, type NativePython } from './native';
import { budgetLine, measureEngine, partsDir, Report, savedFigures, table } from './report';
import { benchCores, quick } from './settings';

/**
 * Python in each engine (BENCH_ENGINES, all three by default), beside the machine's own `python3`:
 * the lesson's `count_to` on one Python worker (ns per count), what a Python worker costs to
 * start (fresh runs at 1, 2 and 4 workers on a tiny count), and the speed-up at k = cores on
 * a total of about 3 s on one; and the page's own program (`pythonProgram`, model 'parallel')
 * under `python3 -` at 1 and at k processes, so that the app's Python speed-up stands beside
 * native multiprocessing's. An engine where Python does not load says why and measures nothing.
 */
const engines = enginesFromEnv(process.env.BENCH_ENGINES);
const cores = benchCores;
const ROUNDS = quick ? 1 : 5;
/** Seconds one worker (or one process) should count for the per-count cost and the speed-up. */
const TARGET_S = quick ? 0.3 : 2.5;
/** The tiny count of the start-up runs: a few milliseconds of counting, so the row's start-up is all that differs. */
const TINY_TOTAL = 100_000;
/** The worker counts of the start-up runs (at most the page's cap for Python workers). */
const STARTUP_WORKERS = [1, 2, 4];
/** The count that sizes the totals: about half a second of Python. */
const SIZING_TOTAL = quick ? 2e6 : 2e7;
/** Native python3 readings between the rounds, each about this long (s). */
const NATIVE_READING_S = quick ? 0.2 : 1;
/** A Python count costs far more than this; a run below it counted with the JavaScript loop (0.3 ns), not with Python. */
const LEAST_PYTHON_NS = 2;
/** The native loop varying more than this between its readings marks a busy machine. */
const NATIVE_SWING = 0.1;

const middle = (values: number[]) => median(values) ?? Number.NaN;
const range = (values: number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
/** A count that takes about `seconds` at `nsPerCount`, to two significant digits. */
const countFor = (seconds: number, nsPerCount: number) => Number(((seconds * 1e9) / nsPerCount).toPrecision(2));

/** What python3 measured: the figures of the first test, for each engine's ratio and the side-by-side table. */
interface NativeFigures {
  python: NativePython | null;
  /** ns per count of `count_to` in python3 (median of the readings). */
  ns: number | null;
  readings: number[];
  /** The page's program under `python3 -`: the total, and each run at 1 and at `cores` processes. */
  program: { total: number; runs: Record<number, NativeProgramRun[]> } | null;
  /** Median printed time at 1 process ÷ at `cores` processes; and the same by Node's wall-clock (interpreter start-up included). */
  speedUp: number | null;
  wallSpeedUp: number | null;
}

/** What one engine measured with Python. */
interface PythonEngineFigures {
  engine: EngineName;
  userAgent: string;
  /** null where Python loaded; else the page's one sentence on why it did not. */
  failed: string | null;
  /** From opening the page (the link asks for Python) to Python loaded and its speed measured, as the bench saw it (ms). */
  loadMs: number | null;
  /** The Python count the page's calibration put in the field once it had measured. */
  calibratedTotal: number | null;
  /** The start-up of the first Python run on a fresh page (1 worker). */
  firstStartupMs: number | null;
  /** The Mode column of a Python run. */
  mode: string;
  /** The ~3 s total of the per-count cost and the speed-up. */
  total: number;
  /** ns per count on one Python worker (median of compute ÷ total) and each run's. */
  ns: number;
  nsRuns: number[];
  /** python3's ns per count read before, between the rounds and after. */
  native: number[];
  /** Start-up medians (ms) at each worker count, and the least-squares line through them. */
  startup: Array<{ workers: number; ms: number[] }>;
  startupFirstMs: number;
  startupPerWorkerMs: number;
  /** Wall-clock (ms) at 1 and at `cores` workers on `total`, and the ratio of their medians. */
  oneWallMs: number[];
  coresWallMs: number[];
  speedUp: number;
  /** The same ratio of the compute times: what start-up takes from the speed-up. */
  computeSpeedUp: number;
}

const nativeFile = join(partsDir, 'python-native.json');
const figuresFile = (engine: EngineName) => join(partsDir, `python-${engine}.json`);

/** Whether the radio "Python" is checked (a property: React sets no attribute). */
const checked: PageScript<boolean, string> = (css) => document.querySelector<HTMLInputElement>(css)?.checked ?? false;

/** Sets the slider to `workers`, or as near as the page lets Python have (its cap); the count it reached. */
async function setWorkers(driver: EngineDriver, workers: number): Promise<number> {
  await driver.press(ui.slider, 'Home');
  for (let step = 1; step < workers; step += 1) await driver.press(ui.slider, 'ArrowRight');
  return Number(await driver.value(ui.slider));
}

interface RunFigures {
  startupMs: number;
  computeMs: number;
  wallMs: number;
  mode: string;
}

/** One Python run of `workers` on `total` through the page's controls, read from the new row of Results (the page waits for it: see newResult). */
async function run(driver: EngineDriver, workers: number, total: number): Promise<RunFigures> {
  const before = (await driver.evaluate(lastResult)).rows;
  const reached = await setWorkers(driver, workers);
  if (reached !== workers) throw new Error(`The Workers slider reads ${String(reached)}, not ${String(workers)}.`);
  await driver.fill(ui.totalCount, String(total));
  await runEnabled(driver, 60_000);
  await driver.click(ui.run);
  const { cells } = await newResult(driverInPage(driver), before, 180_000, `${String(workers)} Python worker(s) counting to ${String(total)}`);
  if (cells.Check !== `Counted ${total.toLocaleString('en-US')}`) throw new Error(`${String(workers)} Python worker(s) counting to ${String(total)}: ${cells.Check ?? 'no Check cell'}`);
  const number = (header: string) => Number((cells[header] ?? '').replace(/,/g, ''));
  return { startupMs: number('Start-up (ms)'), computeMs: number('Compute (ms)'), wallMs: number('Wall-clock (ms)'), mode: cells.Mode ?? '' };
}

test('python: python3 on this machine, and the page’s program under it', () => {
  const report = new Report();
  const say = (line = '') => report.say(line);
  const python = findPython3();
  if (python === null) {
    const where = process.env.PYTHON3_PATH === undefined ? 'nothing named python3 on the PATH' : `PYTHON3_PATH names ${process.env.PYTHON3_PATH}, which does not run`;
    say(`\npython3: none on this machine (${where}): Python in the browser is not compared with it.`);
    report.save('5-0-python-native');
    const none: NativeFigures = { python, ns: null, readings: [], program: null, speedUp: null, wallSpeedUp: null };
    writeFileSync(nativeFile, JSON.stringify(none));
    return;
  }
  const lesson = (workers: number, total: number) => pythonProgram({ model: 'parallel', task: 'cpu', workers, total, waitMs: 0 });
  const countTo = lessonCountTo(lesson(1, 1));
  const sizing = nativePythonCount(python, countTo, SIZING_TOTAL).nsPerCount;
  const readingTotal = countFor(NATIVE_READING_S, sizing);
  const total = countFor(TARGET_S, sizing);
  const readings: number[] = [];
  const processes = [...new Set([1, cores])];
  const runs: Record<number, NativeProgramRun[]> = Object.fromEntries(processes.map((k) => [k, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    readings.push(nativePythonCount(python, countTo, readingTotal).nsPerCount);
    // Alternated: 1 process first in even rounds, k first in odd ones.
    for (const k of round % 2 === 0 ? processes : [...processes].reverse()) {
      const seen = nativeProgram(python, lesson(k, total));
      if (seen.processes !== k || seen.counted !== total) throw new Error(`python3 - with ${String(k)} processes said ${String(seen.processes)} processes counted to ${String(seen.counted)}.`);
      runs[k].push(seen);
    }
  }
  readings.push(nativePythonCount(python, countTo, readingTotal).nsPerCount);
  const ns = middle(readings);
  const printed = (k: number) => middle(runs[k].map((r) => r.printedS));
  const wall = (k: number) => middle(runs[k].map((r) => r.wallMs));
  const speedUp = printed(1) / printed(cores);
  const wallSpeedUp = wall(1) / wall(cores);

  say(
    `\nPython ${python.version} on this machine (${python.executable}): the lesson's count_to, and the page's program (model "Workers in parallel") run with \`python3 -\`` +
      (quick ? ' (BENCH_QUICK=1: small totals, one round; the figures only show that the bench works)' : ''),
  );
  say(`count_to(${readingTotal.toExponential(1)}): ${readings.map((r) => r.toFixed(1)).join(', ')} ns per count (perf_counter_ns around the call; before, between and after the rounds)`);
  say(
    table(
      ['processes', `program's own time (s), ${total.toExponential(1)}`, 'python3 - start to exit (ms)', 'speed-up (own time)'],
      processes.map((k) => [
        k,
        `${printed(k).toFixed(2)} [${runs[k].map((r) => r.printedS.toFixed(2)).join(', ')}]`,
        `${wall(k).toFixed(0)} [${range(runs[k].map((r) => r.wallMs))}]`,
        `${(printed(1) / printed(k)).toFixed(2)}×`,
      ]),
    ),
  );
  say(budgetLine(`python3's multiprocessing speed-up at k = ${String(cores)}`, `${speedUp.toFixed(2)} (start to exit: ${wallSpeedUp.toFixed(2)})`));
  const swing = Math.max(...readings) / Math.min(...readings) - 1;
  if (swing > NATIVE_SWING) say(`python3's count varied by ${(swing * 100).toFixed(0)}% (more than ${String(NATIVE_SWING * 100)}%): the machine was busy, and these figures say little.`);
  report.save('5-0-python-native');
  const figures: NativeFigures = { python, ns, readings, program: { total, runs }, speedUp, wallSpeedUp };
  writeFileSync(nativeFile, JSON.stringify(figures));
});

for (const [index, engine] of engines.entries()) {
  test(`python: ${engine}`, async ({ baseURL }) => {
    if (!baseURL) throw new Error('The bench needs a baseURL.');
    const report = new Report();
    const say = (line = '') => report.say(line);
    const part = `5-${String(index + 1)}-python-${engine}`;
    const python = findPython3();
    const countTo = lessonCountTo(pythonProgram({ model: 'parallel', task: 'cpu', workers: 1, total: 1, waitMs: 0 }));
    const native: number[] = [];
    const readingTotal = python ? countFor(NATIVE_READING_S, nativePythonCount(python, countTo, SIZING_TOTAL).nsPerCount) : 0;
    const readNative = () => {
      if (python) native.push(nativePythonCount(python, countTo, readingTotal).nsPerCount);
    };
    const driver = await launchEngine(engine, new URL(baseURL).origin);
    await measureEngine({ engine, report, part, figuresFile: figuresFile(engine), driver }, async () => {
      const opened = Date.now();
      await openLab(driver, '?language=python');
      const { userAgent } = await driver.evaluate(browserFacts);
      if (!(await driver.evaluate(checked, pythonUi.python.css))) throw new Error('The link ?language=python left the radio "Python" unchecked.');
      const { failed } = await pythonLoaded(driver, 120_000);
      const loadMs = failed === null ? Date.now() - opened : null;
      const calibrated = Number(await driver.value(ui.totalCount));
      const calibratedTotal = Number.isSafeInteger(calibrated) && calibrated > 0 ? calibrated : null;
      const empty = { engine, userAgent, failed, loadMs, calibratedTotal, firstStartupMs: null, mode: '', total: 0, ns: Number.NaN, nsRuns: [], native };
      if (failed !== null) {
        say(`\n${engine}: Python did not load, and the page says so: "${failed}"`);
        const figures: PythonEngineFigures = { ...empty, startup: [], startupFirstMs: Number.NaN, startupPerWorkerMs: Number.NaN, oneWallMs: [], coresWallMs: [], speedUp: Number.NaN, computeSpeedUp: Number.NaN };
        return figures;
      }
      // The first Python run on this page: its start-up is reported alone; its count sizes the totals.
      const first = await run(driver, 1, SIZING_TOTAL);
      const firstNs = (first.computeMs * 1e6) / SIZING_TOTAL;
      if (!(firstNs >= LEAST_PYTHON_NS)) throw new Error(`The first "Python" run counted at ${firstNs.toFixed(2)} ns per count: that is not Python.`);
      const total = countFor(TARGET_S, firstNs);
      // Never past the page's cap of Python workers (the slider's end).
      const sliderMax = Number(await driver.attribute(ui.slider, 'max'));
      const startupWorkers = STARTUP_WORKERS.filter((workers) => workers <= sliderMax);
      const steps: Array<{ workers: number; total: number }> = [
        { workers: 1, total },
        ...(cores > 1 ? [{ workers: cores, total }] : []),
        ...startupWorkers.map((workers) => ({ workers, total: TINY_TOTAL })),
      ];
      const runs = steps.map((): RunFigures[] => []);
      readNative();
      for (let round = 0; round < ROUNDS; round += 1) {
        for (let offset = 0; offset < steps.length; offset += 1) {
          const step = (round + offset) % steps.length;
          runs[step].push(await run(driver, steps[step].workers, steps[step].total));
        }
        readNative();
      }
      const at = (workers: number, stepTotal: number) => runs[steps.findIndex((step) => step.workers === workers && step.total === stepTotal)];
      const nsRuns = at(1, total).map((r) => (r.computeMs * 1e6) / total);
      const ns = middle(nsRuns);
      const startup = startupWorkers.map((workers) => ({ workers, ms: at(workers, TINY_TOTAL).map((r) => r.startupMs) }));
      const line = fitLine(startup.map(({ workers, ms }) => ({ x: workers, y: middle(ms) })));
      const startupFirstMs = middle(startup[0].ms);
      const startupPerWorkerMs = line?.slope ?? Number.NaN;
      const oneWallMs = at(1, total).map((r) => r.wallMs);
      const coresWallMs = cores > 1 ? at(cores, total).map((r) => r.wallMs) : oneWallMs;
      const speedUp = middle(oneWallMs) / middle(coresWallMs);
      const oneComputeMs = at(1, total).map((r) => r.computeMs);
      const coresComputeMs = cores > 1 ? at(cores, total).map((r) => r.computeMs) : oneComputeMs;
      const computeSpeedUp = middle(oneComputeMs) / middle(coresComputeMs);
      const nativeNs = native.length > 0 ? middle(native) : null;

      say(
        `\n${engine}: Python (the lesson's count_to in each worker's own interpreter), fresh workers, ${String(ROUNDS)} interleaved round(s), medians from the page's Results table` +
          (quick ? ' (BENCH_QUICK=1: small totals, one round; the figures only show that the bench works)' : ''),
      );
      say(
        `From opening the page with ?language=python to Python loaded and its speed measured: ${String(loadMs)} ms; the count the page then offers: ${calibratedTotal === null ? 'none' : calibratedTotal.toExponential(1)}`,
      );
      say(`The first Python run on the page (1 worker, ${SIZING_TOTAL.toExponential(0)}): start-up ${first.startupMs.toFixed(0)} ms, compute ${first.computeMs.toFixed(0)} ms; Mode "${first.mode}"`);
      say(
        table(
          ['figure', 'value', 'from'],
          [
            [`ns per count, 1 worker, ${total.toExponential(1)}`, ns.toFixed(1), `each ${nsRuns.map((value) => value.toFixed(1)).join(', ')}`],
            [
              'python3 on this machine, ns per count',
              nativeNs === null ? 'no python3 here' : nativeNs.toFixed(1),
              nativeNs === null ? '' : `each ${native.map((value) => value.toFixed(1)).join(', ')}`,
            ],
            ['browser ÷ python3', nativeNs === null ? '—' : `${(ns / nativeNs).toFixed(2)}×`, ''],
            ...startup.map(({ workers, ms }) => [`start-up, ${String(workers)} fresh worker${workers === 1 ? '' : 's'}, ${TINY_TOTAL.toExponential(0)} (ms)`, middle(ms).toFixed(0), `each ${ms.join(', ')}`]),
            ['start-up per further worker (slope of the medians)', `${startupPerWorkerMs.toFixed(0)} ms`, `line: ${(line?.intercept ?? Number.NaN).toFixed(0)} ms + ${startupPerWorkerMs.toFixed(0)} ms per worker`],
            [
              `speed-up at k = ${String(cores)}, ${total.toExponential(1)}, wall-clock, start-up included`,
              `${speedUp.toFixed(2)}×`,
              `1 worker ${range(oneWallMs)} ms, ${String(cores)} workers ${range(coresWallMs)} ms`,
            ],
            [
              `speed-up at k = ${String(cores)}, compute alone (start-up left out)`,
              `${computeSpeedUp.toFixed(2)}×`,
              `1 worker ${range(oneComputeMs)} ms, ${String(cores)} workers ${range(coresComputeMs)} ms`,
            ],
          ],
        ),
      );
      const swing = native.length > 0 ? Math.max(...native) / Math.min(...native) - 1 : 0;
      if (swing > NATIVE_SWING) say(`python3's count varied by ${(swing * 100).toFixed(0)}% (more than ${String(NATIVE_SWING * 100)}%): the machine was busy, and these figures say little.`);
      const figures: PythonEngineFigures = {
        ...empty,
        firstStartupMs: first.startupMs,
        mode: first.mode,
        total,
        ns,
        nsRuns,
        startup,
        startupFirstMs,
        startupPerWorkerMs,
        oneWallMs,
        coresWallMs,
        speedUp,
        computeSpeedUp,
      };
      return figures;
    });
  });
}

test('python side by side', () => {
  const all = savedFigures<PythonEngineFigures>(engines.map(figuresFile));
  const nativeFigures = savedFigures<NativeFigures>([nativeFile]).at(0);
  test.skip(all.length === 0, 'no engine measured');
  const report = new Report();
  const nativeNs = nativeFigures?.ns ?? null;
  report.say(
    `\nPython side by side (medians; fresh workers; the machine has ${String(cores)} cores)` +
      (nativeFigures?.python ? `; python3 is ${nativeFigures.python.version}` : '; no python3 on this machine'),
  );
  const loaded = all.filter((figures) => figures.failed === null);
  for (const figures of all) if (figures.failed !== null) report.say(`${figures.engine}: Python did not load: "${figures.failed}"`);
  const cell = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
  report.say(
    table(
      ['figure', ...loaded.map((figures) => figures.engine), 'python3'],
      [
        ['ns per count, 1 worker', ...loaded.map((figures) => cell(figures.ns, 1)), nativeNs === null ? 'none' : nativeNs.toFixed(1)],
        ['÷ python3 (its readings beside each engine)', ...loaded.map((figures) => (figures.native.length > 0 ? `${(figures.ns / middle(figures.native)).toFixed(2)}×` : '—')), nativeNs === null ? '' : '1.00×'],
        ['start-up of the first Python run on a fresh page (ms)', ...loaded.map((figures) => cell(figures.firstStartupMs ?? Number.NaN, 0)), ''],
        ['start-up, 1 fresh worker (ms)', ...loaded.map((figures) => cell(figures.startupFirstMs, 0)), ''],
        ['start-up, each further worker (ms)', ...loaded.map((figures) => cell(figures.startupPerWorkerMs, 0)), ''],
        [
          `speed-up at k = ${String(cores)}, ≈ ${String(TARGET_S)} s on one`,
          ...loaded.map((figures) => `${cell(figures.speedUp, 2)}×`),
          nativeFigures?.speedUp == null ? '—' : `${nativeFigures.speedUp.toFixed(2)}× (the page's program)`,
        ],
        [`speed-up at k = ${String(cores)}, compute alone`, ...loaded.map((figures) => `${cell(figures.computeSpeedUp, 2)}×`), ''],
      ],
    ),
  );
  report.save('5-9-python');
});
