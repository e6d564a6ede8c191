import { useEffect, useLayoutEffect, useRef } from 'react';
import { createLatestWriter, type LatestWriter } from '../../lab/settings/latestWriter';

/**
 * How long the settings must hold still before the address bar follows them (ms). WebKit throws
 * after 100 `history.replaceState` calls in 10 s; one write per 250 ms stays well below that.
 */
export const LINK_WRITE_DELAY_MS = 250;

/**
 * Keeps the page's link (`?workers=…&count=…`, src/lab/settings/link.ts) in the address bar:
 * the latest query, once the settings have held still for LINK_WRITE_DELAY_MS. A browser that
 * refuses the write leaves the address as it was; the page goes on. While a run goes
 * (`running`), nothing is written: a write still waiting when it starts waits, and goes at once
 * when the run ends. A new address makes Chromium fetch and decode the page's icon again (an SVG:
 * 7–12 ms of the page's thread, and a fetch through the service worker), which, written as a run
 * started, fell inside its workers' start-up; a `replaceState` also clones the history's state on
 * the page's thread, which Chromium needs free to start each worker's thread.
 */
export function useLinkInAddressBar(query: string | null, running = false): void {
  const writerRef = useRef<LatestWriter<string> | null>(null);

  useEffect(() => {
    const writer = createLatestWriter({
      write: (next: string) => {
        if (window.location.search === next) return;
        window.history.replaceState(window.history.state, '', next + window.location.hash);
      },
      // The link is a convenience: a refused write must never take the page down.
      onError: () => undefined,
      delayMs: LINK_WRITE_DELAY_MS,
      timers: { set: (callback, ms) => window.setTimeout(callback, ms), clear: (handle) => window.clearTimeout(handle) },
    });
    writerRef.current = writer;
    return () => {
      writer.flush();
      writerRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (query !== null) writerRef.current?.schedule(query);
  }, [query]);

  // A layout effect: it runs in the commit of the run's start, before the page draws it and the run's clock starts.
  useLayoutEffect(() => {
    // When the run ends (or none was going), what waits goes now, after the run's clock stopped.
    if (running) writerRef.current?.hold();
    else writerRef.current?.release();
  }, [running]);
}
