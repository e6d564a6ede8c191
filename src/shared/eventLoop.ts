/**
 * Calls `step` after one turn of the event loop (the page's or a worker's), so that a click, a
 * draw or a stop message gets through in between: from the handler of a message to ourselves,
 * which is not clamped to 4 ms as nested timers are, and which the browser calls itself, so no
 * JavaScript caller can inline the step.
 */
export function messageScheduler(): (step: () => void) => void {
  const channel = new MessageChannel();
  return (step) => {
    channel.port1.onmessage = step;
    channel.port2.postMessage(null);
  };
}

/** Resolves after `ms` on a timer: a real wait, during which the event loop turns. */
export function sleep(ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });
}
