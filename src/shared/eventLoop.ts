/**
 * Calls `step` after one turn of the event loop (the page's or a worker's), so that a click, a
 * draw or a stop message gets through in between: from the handler of a message to ourselves,
 * which is not clamped to 4 ms as nested timers are, and which the browser calls itself, so no
 * JavaScript caller can inline the step.
 */
export function messageScheduler(): Turn {
  const channel = new MessageChannel();
  return (step) => {
    channel.port1.onmessage = step;
    channel.port2.postMessage(null);
  };
}

/**
 * Timer turns in a row before a hop: a timer set from a timer's callback is nested one level
 * deeper, and after 5 levels engines wait at least 4 ms (the HTML standard's clamp); a message's
 * handler starts again at level 0.
 */
export const TIMERS_PER_HOP = 4;

/** One way of calling a step after a turn of the event loop, from the event loop itself. */
export type Turn = (step: () => void) => void;

/** This context's SubtleCrypto; null where it has none (it is there only in a secure context). */
export function subtleCryptoHere(): SubtleCrypto | null {
  return (globalThis.crypto as Crypto | undefined)?.subtle ?? null;
}

/**
 * Calls each step after the task that settles SubtleCrypto's digest of an empty message. In WebKit
 * that task is posted by the thread to itself, with no other thread or process taking part: a
 * digest of under 64 bytes is computed at once and its result posted straight back to the calling
 * context's own run loop (WebCore's CryptoAlgorithmSHA1::digest), where a MessageChannel hop goes
 * through another process. It joins the run loop's own message queue, as a message from the page
 * does, and wakes a waiting loop as that does. The settling of `WebAssembly.compile`, tried in the
 * ninth session, came through a JavaScriptCore timer instead, which WebKitGTK's worker loop could
 * miss: it lost 11 and 14 of 49,999 chained turns, where two WebKitGTK 2.50 workers chaining digest
 * turns lost none of 2,000,000 (a loss would have stalled the chain, nothing else waking the worker).
 * A task, not a timer, so a timer set from the step starts at nesting level 0 again, as after a
 * message's handler; a stop message from the page gets its turn before it, as before a hop. What it
 * saves against the hop, measured: README, "Timer turns in WebKit". A step is called whether the
 * digest resolves or fails, and from a microtask of its own, so that an error it throws is reported
 * as any uncaught error is (a promise's reaction would turn it into a rejection nobody hears).
 */
export function digestScheduler(subtle: SubtleCrypto): Turn {
  const empty = new Uint8Array(0);
  return (step) => {
    const run = () => {
      queueMicrotask(step);
    };
    subtle.digest('SHA-1', empty).then(run, run);
  };
}

/**
 * Calls each step after a turn of the event loop, on a 0 ms timer `timersPerHop` times in a row and
 * then after a message to ourselves (`hop`), so that nested timers never reach the 4 ms clamp. For
 * WebKit's workers, where a MessageChannel hop goes through another process: measured in
 * WebKitGTK 2.50, a hop takes 0.25–1.6 ms on average while workers count and takes CPU from
 * another process's IPC threads, a 0 ms timer about 20 times less; with these turns a fresh
 * WebKitGTK worker was ready 36% sooner (its warm-up is mostly turns). The timer calls the step itself
 * (no JavaScript caller), and a stop message from the page is a task that gets its turn between
 * two timers as between two hops. It counts only its own turns: a first step scheduled from inside
 * some other timer's callback may meet the clamp once. JavaScriptCore's workers hop through a task
 * of their own where they can (digestScheduler), which costs no other process anything.
 */
export function timerScheduler(hop: Turn = messageScheduler(), timersPerHop = TIMERS_PER_HOP, timer: Turn = (step) => setTimeout(step, 0)): Turn {
  let timersInARow = 0;
  return (step) => {
    if (timersInARow < timersPerHop) {
      timersInARow += 1;
      timer(step);
    } else {
      timersInARow = 0;
      hop(step);
    }
  };
}

/** Resolves after `ms` on a timer: a real wait, during which the event loop turns. */
export function sleep(ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });
}
