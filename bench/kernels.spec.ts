import { join } from 'node:path';
import { test } from '@playwright/test';
import { openLab, ui } from '../e2e/engines/checks';
import type { EngineDriver, EngineName } from '../e2e/engines/driver';
import { enginesFromEnv, launchEngine } from '../e2e/engines/launch';
import { engineOf, kernelFor, kernelName, sharesHeldModule, warmsUp, type Engine } from '../src/lab/measurement/kernelChoice';
import { fitLine, median } from '../src/lab/measurement/stats';
import { KERNEL_KINDS, type KernelKind } from '../src/lab/models/catalog';
import { browserFacts, lastResult } from './inPage';
import { driverInPage, newResult, runEnabled } from './newResult';
import { compileNativeLoop, nativeNsPerCount } from './native';
import { budgetLine, measureEngine, partsDir, Report, savedFigures, table } from './report';
import { quick } from './settings';

/**
 * The two kernels in each engine (BENCH_ENGINES, all three by default): one worker counts each
 * total with the JavaScript loop (`?kernel=js`) and with the WebAssembly loop (`?kernel=wasm`),
 * alternated round by round, beside the native loop on the same machine; and whether the kernel
 * the page keeps in that engine (`kernelFor`) is the faster one while the honesty rules hold.
 */
const engines = enginesFromEnv(process.env.BENCH_ENGINES);
const ROUNDS = quick ? 1 : 5;
const scale = quick ? 0.1 : 1;
const TOTALS = [1e8, 1e9, 4e9].map((total) => total * scale);
/** Ns per count at the two long totals may differ by this much: the time grows in proportion to the count. */
const PROPORTION_TOLERANCE = 0.1;
/** Ten times the count must take at least this many times as long, or the loop was replaced by its result. */
const LEAST_GROWTH = 5;
const SPREAD_TARGET = 0.1;
/**
 * WebAssembly is kept only where it is faster than JavaScript by more than this (the run-to-run
 * noise); at a tie the lesson's own JavaScript loop stays, which needs no 'wasm-unsafe-eval',
 * unless WebAssembly starts without a warm-up there and JavaScript does not (V8 and SpiderMonkey,
 * which count with the module the page holds: kernelChoice.ts's sharesHeldModule and warmsUp).
 */
const TIE = 0.03;
/** The native loop varying more than this between its readings marks a busy machine, whose figures say little. */
const NATIVE_SWING = 0.1;

const middle = (values: number[]) => median(values) ?? Number.NaN;

/** What one kernel measured in one engine. */
interface KernelFigures {
  kernel: KernelKind;
  /** ns per count at each of TOTALS (medians of the compute times). */
  ns: number[];
  /** ns per count at each of TOTALS from the fastest run: the least disturbed on a shared machine. */
  bestNs: number[];
  /** Compute times (ms) of every run, per total. */
  computeMs: number[][];
  /** Median time at 10^9 ÷ at 10^8: about 10 when the time grows with the count. */
  growth: number;
  /** ns per count at 4·10^9 ÷ at 10^9, less 1. */
  proportion: number;
  /** Largest ÷ smallest ns per count over TOTALS, less 1 (the fixed cost of a run shows at 10^8). */
  spread: number;
  fixedMs: number;
  slopeNs: number;
  /** The time grew with the count and in proportion to it; every count was exact (a run that was not throws). */
  honest: boolean;
}

interface EngineKernels {
  engine: EngineName;
  userAgent: string;
  kernels: KernelFigures[];
  /** The native loop's readings (ns per count) before, between the rounds and after. */
  native: number[];
  /** What the page keeps in this engine. */
  kept: KernelKind;
  /** The faster of the two at 10^9 and 4·10^9 among the honest ones (at a tie, JavaScript unless only it needs a warm-up: see TIE); null when neither is. */
  faster: KernelKind | null;
}

/** One worker counts `total` through the page's controls; the compute time (ms) from the new row of Results. */
async function countOnce(driver: EngineDriver, total: number): Promise<number> {
  const before = (await driver.evaluate(lastResult)).rows;
  await driver.fill(ui.totalCount, String(total));
  await runEnabled(driver);
  await driver.click(ui.run);
  const { cells } = await newResult(driverInPage(driver), before, 120_000, `Counting to ${String(total)}`);
  if (cells.Check !== `Counted ${total.toLocaleString('en-US')}`) throw new Error(`Counting to ${String(total)}: ${cells.Check ?? 'no Check cell'}`);
  return Number((cells['Compute (ms)'] ?? '').replace(/,/g, ''));
}

/** What "This machine" says of the counting kernel. */
async function kernelSaid(driver: EngineDriver): Promise<string> {
  const terms = await driver.texts(ui.machineTerms);
  const values = await driver.texts(ui.machineValues);
  return values[terms.indexOf('Counting kernel')] ?? '';
}

/** A fresh page that asks for `kernel`, one worker, warmed by one count that is not measured; checks the page names the kernel. */
async function openWithKernel(driver: EngineDriver, kernel: KernelKind): Promise<void> {
  await openLab(driver, `?kernel=${kernel}`);
  await driver.press(ui.slider, 'Home');
  const workers = await driver.value(ui.slider);
  if (workers !== '1') throw new Error(`The Workers slider reads ${workers}, not 1.`);
  await countOnce(driver, TOTALS[0]);
  const said = await kernelSaid(driver);
  const meant = `${kernelName(kernel)} (as the link asks)`;
  if (said !== meant) throw new Error(`This machine says the counting kernel is "${said}", not "${meant}".`);
}

function figuresOf(kernel: KernelKind, computeMs: number[][]): KernelFigures {
  const medians = computeMs.map((times) => middle(times));
  const ns = medians.map((ms, index) => (ms * 1e6) / TOTALS[index]);
  const growth = medians[1] / medians[0];
  const proportion = ns[2] / ns[1] - 1;
  const line = fitLine(TOTALS.flatMap((total, index) => computeMs[index].map((ms) => ({ x: total, y: ms }))));
  return {
    kernel,
    ns,
    bestNs: computeMs.map((times, index) => (Math.min(...times) * 1e6) / TOTALS[index]),
    computeMs,
    growth,
    proportion,
    spread: Math.max(...ns) / Math.min(...ns) - 1,
    fixedMs: line?.intercept ?? Number.NaN,
    slopeNs: (line?.slope ?? Number.NaN) * 1e6,
    honest: growth >= LEAST_GROWTH && Math.abs(proportion) <= PROPORTION_TOLERANCE,
  };
}

/** The per-count cost the choice goes by: the mean of 10^9 and 4·10^9, where a run's fixed cost hardly shows. */
const longNs = (figures: KernelFigures) => (figures.ns[1] + figures.ns[2]) / 2;

/**
 * The kernel to keep: WebAssembly when it is honest and faster than JavaScript beyond TIE, or at a
 * tie when only JavaScript needs a warm-up in `engine` (WebAssembly on the page's held module, where
 * the engine counts with it); else JavaScript when honest; null when neither is.
 */
function fasterOf(js: KernelFigures, wasm: KernelFigures, engine: Engine): KernelKind | null {
  if (wasm.honest && (!js.honest || longNs(wasm) < longNs(js) * (1 - TIE))) return 'wasm';
  const tie = longNs(wasm) <= longNs(js) * (1 + TIE);
  if (wasm.honest && tie && !warmsUp(engine, 'wasm', sharesHeldModule(engine)) && warmsUp(engine, 'js', false)) return 'wasm';
  return js.honest ? 'js' : null;
}

const figuresFile = (engine: EngineName) => join(partsDir, `kernels-${engine}.json`);

for (const [index, engine] of engines.entries()) {
  test(`kernels: ${engine}`, async ({ baseURL }) => {
    if (!baseURL) throw new Error('The bench needs a baseURL.');
    const report = new Report();
    const say = (line = '') => report.say(line);
    const part = `4-${String(index + 1)}-kernels-${engine}`;
    const nativeLoop = compileNativeLoop();
    const native: number[] = [];
    const readNative = () => {
      if (nativeLoop !== null) native.push(middle([0, 1, 2].map(() => nativeNsPerCount(nativeLoop, 3e8))));
    };
    const driver = await launchEngine(engine, new URL(baseURL).origin);
    await measureEngine({ engine, report, part, figuresFile: figuresFile(engine), driver }, async () => {
      await openLab(driver);
      const { userAgent } = await driver.evaluate(browserFacts);
      const kept = kernelFor(engineOf(userAgent));
      const computeMs: Record<KernelKind, number[][]> = { js: TOTALS.map(() => []), wasm: TOTALS.map(() => []) };
      readNative();
      for (let round = 0; round < ROUNDS; round += 1) {
        // Alternated: JS first in even rounds, WebAssembly first in odd ones, so a busy spell hits both alike.
        for (const kernel of round % 2 === 0 ? KERNEL_KINDS : [...KERNEL_KINDS].reverse()) {
          await openWithKernel(driver, kernel);
          for (let offset = 0; offset < TOTALS.length; offset += 1) {
            const step = (round + offset) % TOTALS.length;
            computeMs[kernel][step].push(await countOnce(driver, TOTALS[step]));
          }
        }
        readNative();
      }
      const kernels = KERNEL_KINDS.map((kernel) => figuresOf(kernel, computeMs[kernel]));
      const [js, wasm] = kernels;
      const faster = fasterOf(js, wasm, engineOf(userAgent));
      const nativeNs = native.length > 0 ? Math.min(...native) : null;
      const range = (values: number[]) => `${String(Math.min(...values))}–${String(Math.max(...values))}`;
      const versus = (ns: number) => (nativeNs === null ? '' : ` (×${(ns / nativeNs).toFixed(2)} native)`);

      say(
        `\n${engine}: the two kernels, one worker, ${String(ROUNDS)} alternated round(s) of fresh pages (?kernel=js, ?kernel=wasm), medians of the compute times` +
          (quick ? ' (BENCH_QUICK=1: small totals, one round; the figures only show that the bench works)' : ''),
      );
      say(
        table(
          ['figure', ...kernels.map((figures) => kernelName(figures.kernel))],
          [
            ...TOTALS.map((total, step) => [
              `ns per count, ${total.toExponential(0)}`,
              ...kernels.map((figures) => `${figures.ns[step].toFixed(3)}${step === 0 ? '' : versus(figures.ns[step])} [${range(figures.computeMs[step])} ms]`),
            ]),
            ...TOTALS.slice(1).map((total, step) => [`ns per count, ${total.toExponential(0)}, fastest run`, ...kernels.map((figures) => figures.bestNs[step + 1].toFixed(3))]),
            [`time at ${TOTALS[1].toExponential(0)} ÷ at ${TOTALS[0].toExponential(0)} (grows with the count: ≥ ${String(LEAST_GROWTH)})`, ...kernels.map((figures) => `${figures.growth.toFixed(2)}×`)],
            [
              `ns per count at ${TOTALS[2].toExponential(0)} ÷ at ${TOTALS[1].toExponential(0)} (in proportion: within ${String(PROPORTION_TOLERANCE * 100)}%)`,
              ...kernels.map((figures) => `${(figures.proportion >= 0 ? '+' : '')}${(figures.proportion * 100).toFixed(1)}%`),
            ],
            [`spread, ${TOTALS[0].toExponential(0)} to ${TOTALS[2].toExponential(0)} (target ≤ ${String(SPREAD_TARGET * 100)}%)`, ...kernels.map((figures) => `${(figures.spread * 100).toFixed(1)}%`)],
            ['least-squares line: ms every run pays + ns per count', ...kernels.map((figures) => `${figures.fixedMs.toFixed(1)} ms + ${figures.slopeNs.toFixed(3)} ns`)],
            ['honest (exact, grows with the count, in proportion)', ...kernels.map((figures) => (figures.honest ? 'yes' : 'NO'))],
          ],
        ),
      );
      say(
        nativeNs === null
          ? 'Native loop: no C compiler here, not compared.'
          : `Native C loop (cc -O2, bench/native-loop.c) on this machine: ${native.map((ns) => ns.toFixed(3)).join(', ')} ns per count (before, between the rounds, after)`,
      );
      const swing = native.length > 0 ? Math.max(...native) / Math.min(...native) - 1 : 0;
      if (swing > NATIVE_SWING) {
        say(`The native loop varied by ${(swing * 100).toFixed(0)}% (more than ${String(NATIVE_SWING * 100)}%): the machine was busy, and these figures say little.`);
      }
      if (nativeNs !== null) {
        say(
          `Against the native loop (${nativeNs.toFixed(3)} ns), at ${TOTALS[1].toExponential(0)} and ${TOTALS[2].toExponential(0)}: ` +
            `JavaScript ×${(longNs(js) / nativeNs).toFixed(2)}, WebAssembly ×${(longNs(wasm) / nativeNs).toFixed(2)}` +
            (longNs(wasm) < longNs(js) * (1 - TIE) ? '' : `; WebAssembly gets no closer to the native loop than JavaScript here (within ${String(TIE * 100)}% or slower)`),
        );
      }
      say(
        budgetLine(
          `Kernel the page keeps in ${engine}`,
          `${kernelName(kept)}; faster here: ${faster === null ? 'neither is honest' : kernelName(faster)}`,
          { text: 'the faster honest one', pass: faster === kept },
        ),
      );
      const figures: EngineKernels = { engine, userAgent, kernels, native, kept, faster };
      return figures;
    });
  });
}

test('kernels side by side', () => {
  const all = savedFigures<EngineKernels>(engines.map(figuresFile));
  test.skip(all.length === 0, 'no engine measured');
  const report = new Report();
  const nativeNs = Math.min(...all.flatMap((figures) => figures.native));
  report.say(`\nThe kernels side by side: ns per count, 1 worker, medians; the native loop ${Number.isFinite(nativeNs) ? `${nativeNs.toFixed(3)} ns` : 'not measured'}`);
  const cell = (figures: EngineKernels, kernel: KernelKind, step: number) => figures.kernels.find((k) => k.kernel === kernel)?.ns[step].toFixed(3) ?? '';
  report.say(
    table(
      ['engine', ...TOTALS.flatMap((total) => KERNEL_KINDS.map((kernel) => `${kernelName(kernel)} ${total.toExponential(0)}`)), 'kept', 'faster', 'holds'],
      all.map((figures) => [
        figures.engine,
        ...TOTALS.flatMap((_, step) => KERNEL_KINDS.map((kernel) => cell(figures, kernel, step))),
        kernelName(figures.kept),
        figures.faster === null ? 'neither honest' : kernelName(figures.faster),
        figures.faster === figures.kept ? 'yes' : 'NO',
      ]),
    ),
  );
  report.save('4-9-kernels');
});
