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

/**
 * Calls each step after a turn of the event loop, on a 0 ms timer `timersPerHop` times in a row and
 * then after a message to ourselves (`hop`), so that nested timers never reach the 4 ms clamp. For
 * WebKit's workers, where a MessageChannel hop goes through another process: measured in
 * WebKitGTK 2.50, a hop takes 0.25–1.6 ms on average while workers count and takes CPU from
 * another process's IPC threads, a 0 ms timer about 20 times less; with these turns a fresh
 * WebKitGTK worker was ready 36% sooner (its warm-up is mostly turns). The timer calls the step itself
 * (no JavaScript caller), and a stop message from the page is a task that gets its turn between
 * two timers as between two hops. It counts only its own turns: a first step scheduled from inside
 * some other timer's callback may meet the clamp once.
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
