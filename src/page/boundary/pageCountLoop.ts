import type { CountLoop } from '../../lab/measurement/kernel';
import { compileCountLoop } from '../../shared/wasmKernel';

/**
 * Holds what `compile` gives, made on the first call and kept for as long as the holder lives;
 * every call answers the same (null too: a loop that cannot compile is not tried again).
 */
export function countLoopHolder(compile: () => CountLoop | null): () => CountLoop | null {
  let tried = false;
  let held: CountLoop | null = null;
  return () => {
    if (!tried) {
      tried = true;
      held = compile();
    }
    return held;
  };
}

/**
 * The WebAssembly counting loop, compiled on the page before its first counting worker starts and
 * held for the page's life. V8 keeps one compiled copy of a WebAssembly module for every thread of
 * the page's process that compiles the same bytes, while anything holds it, and the optimized code
 * of its tier-up (TurboFan, after the baseline Liftoff) goes into that copy. Held by the page, the
 * code the calibration's worker brought to full speed is there for every fresh worker, which counts
 * at full speed from its first chunk and needs no warm-up (kernelChoice.ts's warmsUp). Not held,
 * the copy goes with the last worker that had it, and each fresh worker starts again in Liftoff.
 * Measured in Chromium 156 on a 2-core AMD EPYC VM (a worker's chunks of 2^24 counts, ms): its first
 * chunk 10.6–19.8 against 4.6 for the rest when nothing held the module, 4.6–5.0 when the page held
 * it; a fresh worker ready 16–22 ms after Run instead of 26–34 ms with the JavaScript loop and its
 * warm-up (the bench's engines' part, builds alternated; README, "The target, side by side").
 */
export const holdCountLoop = countLoopHolder(compileCountLoop);
