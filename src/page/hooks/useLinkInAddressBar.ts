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
 * refuses the write leaves the address as it was; the page goes on. When a run starts (`running`
 * turns true), a write still waiting goes at once, in the task that started it: else its timer
 * could fire while the run's workers start (a `replaceState` clones the history's state on the
 * page's thread, which Chromium needs free to start each worker's thread).
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
    if (running) writerRef.current?.flush();
  }, [running]);
}
