import { jsLoop, type CountLoop } from './kernel';
import { browserName } from './machine';
import type { KernelKind, KernelLanguage } from '../types';

/** The JavaScript engine behind a browser, as far as the kernel's speed goes. */
export type Engine = 'v8' | 'spidermonkey' | 'javascriptcore' | 'unknown';

/** The engine, from the browser's name as "This machine" gives it (src/lab/measurement/machine.ts). */
export function engineOf(userAgent: string, maxTouchPoints = 0): Engine {
  const name = browserName(userAgent, maxTouchPoints);
  // Every browser on an iPad or iPhone, and Safari and WebKitGTK themselves.
  if (name.includes('Safari’s engine') || name.startsWith('Safari ')) return 'javascriptcore';
  if (name.startsWith('Firefox ')) return 'spidermonkey';
  if (/^(?:Chrome|Chromium|Edge|Opera|Samsung Internet) /.test(name)) return 'v8';
  return 'unknown';
}

/**
 * The kernel each engine counts with unless asked, measured by `npm run bench` (bench/kernels.spec.ts,
 * README "The kernel"): ns per count at 10^9 and 4·10^9 on one worker, on an Intel Xeon VM in
 * Chromium 156, Firefox ESR 153 and WebKitGTK 2.50. SpiderMonkey counts faster in WebAssembly (0.25
 * against 0.37–0.42 ns), JavaScriptCore in JavaScript (0.15 against 0.27). V8 counts alike in both
 * (0.25), and its WebAssembly loop starts sooner: once a worker has warmed up the module the page
 * holds, a fresh worker gets its optimized code and needs no warm-up (see warmsUp, and
 * src/page/boundary/pageCountLoop.ts).
 * An engine not measured counts in JavaScript.
 */
const KEPT: Readonly<Record<Engine, KernelKind>> = {
  v8: 'wasm',
  spidermonkey: 'wasm',
  javascriptcore: 'js',
  unknown: 'js',
};

/** The kernel a worker counts with in this engine when nothing else is asked. */
export function kernelFor(engine: Engine): KernelKind {
  return KEPT[engine];
}

/**
 * The loop a worker's JavaScript kernel counts with in `engine`: `jsLoop`, a function of its own, in
 * JavaScriptCore (see jsLoop); elsewhere null, the loop written out in the counter's step (see
 * createCounter). V8 keeps its loop in the step: with jsLoop a long count slowed to 0.5 ns a count
 * after about 2 s (README, "The kernel").
 */
export function loopFor(engine: Engine): CountLoop | null {
  return engine === 'javascriptcore' ? jsLoop : null;
}

/**
 * Whether a worker in `engine` counts with the WebAssembly module the page hands it (pageCountLoop.ts)
 * rather than compiling its own: V8 and SpiderMonkey share a posted module's code across threads,
 * the optimized code of its tier-up included, so once a worker has warmed the module up, a fresh
 * worker counts at full speed from its first chunk. Measured on a 2-core AMD EPYC VM (a fresh worker's first chunk of 2^24 counts, ms; later
 * chunks 4.6): Chromium 156 4.6–5.0 (10.6–19.8 with nothing holding the module), Firefox ESR 153
 * 4.6–5.0 (9.6–13.5 compiling its own). Not JavaScriptCore: WebKitGTK 2.50's worker counted at 7–8.5
 * ms a chunk with the posted module against about 5 compiling its own (and it counts in JavaScript).
 */
export function sharesHeldModule(engine: Engine): boolean {
  return engine === 'v8' || engine === 'spidermonkey';
}

/**
 * Whether a worker warms its `kernel` up (kernel.ts's warmUp) before the first timed count in
 * `engine`; `onWarmModule` when it counts with the module the page holds (sharesHeldModule) and a
 * worker before it has warmed that module up (the calibration's, on a page's first load).
 * Not WebAssembly on the warm held module: its shared code is at full speed for every worker after. Measured on a 2-core AMD EPYC VM (bench, engines' part, builds
 * alternated, busy): in Chromium 156 a fresh worker ready 16–22 ms after Run (2 workers: 22–33 ms),
 * with the JavaScript loop and its warm-up 26–34 ms (35–50 ms), each counting alike (0.279–0.292
 * against 0.288–0.316 ns at 10^9); in Firefox ESR 153 16–28 ms, with its WebAssembly warm-up 31–39
 * ms, counting alike (0.277–0.316 against 0.280–0.318 ns at 4·10^9).
 * Nor JavaScriptCore counting in JavaScript: its compilers bring jsLoop, a tiny
 * function, to full speed within a count's first chunk, and a warm-up only delayed the start.
 * Measured in WebKitGTK 2.50 on a busy 2-core VM (fresh workers through the page, builds
 * alternated, 9–12 runs a cell; ms, with the 20-round warm-up → its first round only → none):
 * start-up of 1 worker 81 → 46 → 31 and of 2 workers 112 → 63 → 38 at 10^9, and start-up plus
 * compute 281 → 227 → 190 (1 worker) and 240 → 181 → 144 (2 workers), and long counts as fast.
 * Every other loop warms up: V8 counting with jsLoop and no warm-up started sooner but slowed after
 * about 2 s of a long count, V8's WebAssembly with no warm-up and no module held by the page counted
 * its first chunks in Liftoff (compute at 10^8: 44 against 38 ms), and Firefox's WebAssembly compiled
 * by the worker itself paid a skipped warm-up back in the count (README, "The kernel").
 */
export function warmsUp(engine: Engine, kernel: KernelKind, onWarmModule: boolean): boolean {
  if (kernel === 'wasm') return !onWarmModule;
  return engine !== 'javascriptcore';
}

/**
 * Whether the warm-up keeps real turns of the event loop between its chunks in `engine`
 * (warmUp's `warmsUpInRealTurns`): JavaScriptCore's timer turns can be fast, yet its WebAssembly
 * loop counted slower after a warm-up through microtasks (see warmUp).
 */
export function warmsUpInRealTurns(engine: Engine): boolean {
  return engine === 'javascriptcore';
}

/** The run's kernel: WebAssembly when every worker counted with it (a page asks all its workers for the same one). */
export function runKernel(kernels: readonly KernelKind[]): KernelKind {
  return kernels.length > 0 && kernels.every((kernel) => kernel === 'wasm') ? 'wasm' : 'js';
}

const KERNEL_NAMES: Readonly<Record<KernelKind, string>> = { js: 'JavaScript', wasm: 'WebAssembly' };

/** The kernel's name for people. */
export function kernelName(kernel: KernelKind): string {
  return KERNEL_NAMES[kernel];
}

/** The Pyodide the app serves (package.json's `pyodide`, exact; a test keeps them equal). */
export const PYODIDE_VERSION = '314.0.7';

/** "Counting kernel" while Python is chosen. */
export const PYTHON_KERNEL_WORDS = `Python (Pyodide ${PYODIDE_VERSION}, one interpreter per worker, counting with the lesson’s function as written)`;

/**
 * "Counting kernel" in "This machine": the one the latest run's workers counted with (`ran`),
 * or before any, the one they will be asked for (`wanted`), and why. While Python is the
 * chosen `language`, the interpreter counts, whatever the JavaScript loop would be.
 */
export function kernelInWords({ wanted, linked, ran, language }: { wanted: KernelKind; linked: boolean; ran: KernelKind | null; language?: KernelLanguage }): string {
  if (language === 'python') return PYTHON_KERNEL_WORDS;
  // Only WebAssembly can fail to compile, and then JavaScript counts.
  if (wanted === 'wasm' && ran === 'js') return `${kernelName(ran)} (${kernelName(wanted)} could not be compiled here)`;
  const why = linked ? 'as the link asks' : 'the faster here';
  if (ran === null) return `${kernelName(wanted)} (${why}; no run yet)`;
  // A page asking for JavaScript never counts in WebAssembly: that run was kept from an earlier visit or another tab.
  if (ran !== wanted) return `${kernelName(wanted)} (${why}; the latest run, kept from before, counted with ${kernelName(ran)})`;
  return `${kernelName(wanted)} (${why})`;
}
