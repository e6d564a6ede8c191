import type { HandedModule } from '../../lab/types';
import { compileCountModule } from '../../shared/wasmKernel';

/**
 * Holds what `make` gives, made on the first call and kept for as long as the holder lives;
 * every call answers the same (null too: what cannot be made is not tried again).
 */
export function heldOnce<T>(make: () => T | null): () => T | null {
  let tried = false;
  let held: T | null = null;
  return () => {
    if (!tried) {
      tried = true;
      held = make();
    }
    return held;
  };
}

/**
 * The WebAssembly counting loop's module, compiled by the page at its first counting worker's
 * ready, held for the page's life and handed to every counting worker (runOnWorkers.ts's
 * countingProtocol), which instantiates it instead of compiling its own. V8 and SpiderMonkey keep
 * the code of a module for every thread it is posted to, and the optimized code of its tier-up
 * goes there too: the first worker handed it warms it up (`warm` false), and once one has, a fresh
 * worker counts at full speed from its first chunk and needs no warm-up (kernelChoice.ts's
 * sharesHeldModule and warmsUp).
 * Measured on a 2-core AMD EPYC VM (a fresh worker's first chunk of 2^24 counts, ms; the rest 4.6):
 * - Chromium 156: 10.6–19.8 when nothing held the module (Liftoff, V8's baseline), 4.6–5.0 when
 *   the page held it, posted or not (V8 also shares a module compiled from the same bytes);
 * - Firefox ESR 153: 9.6–13.5 compiled from the same bytes, 4.6–5.0 handed the page's module.
 * WebKitGTK 2.50's worker counted slower with a posted module (7–8.5), so JavaScriptCore compiles its own.
 */
export const holdCountModule = heldOnce(compileHandedModule);

/** The loop's module compiled as the page hands it before any worker has warmed it up; null where it cannot compile. */
export function compileHandedModule(): HandedModule<WebAssembly.Module> | null {
  const module = compileCountModule();
  return module === null ? null : { module, warm: false };
}
