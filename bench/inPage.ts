/**
 * Scripts the bench runs in the page. Each is sent as source text (to Playwright and to the other
 * engines' drivers alike), so it uses nothing from the bench's scope: what it needs comes as its
 * one argument.
 */

/** What `watchCounting` leaves in the page. */
export interface BenchWindow {
  __benchLongTasks?: Array<{ startMs: number; durationMs: number }>;
  __benchCounting?: Array<{ startMs: number; endMs: number | null }>;
  /** When the run settings form was last submitted (Run, or Enter in the field). */
  __benchSubmittedMs?: number;
}

/**
 * Installed before the page's own scripts: the Long Tasks the page's thread reports (tasks of
 * 50 ms or more), when Run was last pressed, and when a run's status says "Counting with …" (after every worker is ready)
 * and when it stops saying so, each also as a performance mark ("bench:counting",
 * "bench:counted") so that a trace can find the same span.
 */
export function watchCounting() {
  const bench = window as unknown as BenchWindow;
  const longTasks: NonNullable<BenchWindow['__benchLongTasks']> = [];
  const counting: NonNullable<BenchWindow['__benchCounting']> = [];
  bench.__benchLongTasks = longTasks;
  bench.__benchCounting = counting;
  if (PerformanceObserver.supportedEntryTypes.includes('longtask')) {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push({ startMs: entry.startTime, durationMs: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  }
  document.addEventListener(
    'submit',
    () => {
      bench.__benchSubmittedMs = performance.now();
    },
    { capture: true },
  );
  let now = false;
  new MutationObserver(() => {
    const isCounting = [...document.querySelectorAll('.run-state')].some((status) => status.textContent.startsWith('Counting with'));
    if (isCounting === now) return;
    now = isCounting;
    const at = performance.now();
    if (isCounting) counting.push({ startMs: at, endMs: null });
    else {
      const last = counting.at(-1);
      if (last) last.endMs = at;
    }
    performance.mark(isCounting ? 'bench:counting' : 'bench:counted');
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

/**
 * Clicks Stop while the workers count and resolves with the milliseconds until the status says
 * "Stopped": the app has ended the run, released every worker and drawn it. Clicks at once when
 * the status already says "Counting with …"; else waits for it and lets the workers count for
 * 500 ms first. The click is dispatched in the page: a driver's own click may first wait for the
 * button to hold still. Rejects after 20 s.
 */
export function stopWhileCounting(): Promise<number> {
  return new Promise((resolve, reject) => {
    const statusStarts = (words: string) => [...document.querySelectorAll('.run-state')].some((status) => status.textContent.startsWith(words));
    const giveUp = setTimeout(() => {
      reject(new Error(`No "Stopped" within 20 s; the status says: ${document.querySelector('.run-state')?.textContent ?? 'nothing'}`));
    }, 20_000);
    const stop = () => {
      const button = [...document.querySelectorAll('button')].find((candidate) => candidate.textContent.trim() === 'Stop');
      if (!button || button.disabled) {
        clearTimeout(giveUp);
        reject(new Error('No enabled Stop button while counting.'));
        return;
      }
      const observer = new MutationObserver(() => {
        if (!statusStarts('Stopped')) return;
        observer.disconnect();
        clearTimeout(giveUp);
        resolve(performance.now() - started);
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      const started = performance.now();
      button.click();
    };
    const waitForCounting = () => {
      if (statusStarts('Counting with')) setTimeout(stop, 500);
      else setTimeout(waitForCounting, 20);
    };
    if (statusStarts('Counting with')) stop();
    else waitForCounting();
  });
}

/** What `firstRender` reads from a page that has just loaded. */
export interface FirstRender {
  /** First contentful paint, ms after navigation start; null when the engine has no paint timing. */
  fcpMs: number | null;
  /** The latest largest-contentful-paint candidate so far; null without LCP. */
  lcpMs: number | null;
  /** When the h1 and the Run button were both in the document (from `watchFirstRender`); null if never. */
  domReadyMs: number | null;
  /** The document's response, fully received. */
  responseEndMs: number;
}

/** Installed before the page's own scripts: when the h1 and the Run button are first both in the document. */
export function watchFirstRender() {
  const bench = window as unknown as { __benchShellAt?: number };
  const observer = new MutationObserver(() => {
    const run = [...document.querySelectorAll('button')].some((button) => button.textContent.trim() === 'Run');
    if (document.querySelector('h1') && run) {
      bench.__benchShellAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true });
}

/** Paint timing of the page, once it has a first contentful paint (waits up to 10 s). */
export function firstRender(): Promise<FirstRender> {
  return new Promise((resolve) => {
    const started = performance.now();
    const read = () => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0] as PerformanceEntry | undefined;
      if (!fcp && performance.now() - started < 10_000) {
        setTimeout(read, 20);
        return;
      }
      const lcp = performance.getEntriesByType('largest-contentful-paint').at(-1);
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      resolve({
        fcpMs: fcp ? fcp.startTime : null,
        lcpMs: lcp ? lcp.startTime : null,
        domReadyMs: (window as unknown as { __benchShellAt?: number }).__benchShellAt ?? null,
        responseEndMs: navigation ? navigation.responseEnd : Number.NaN,
      });
    };
    read();
  });
}

/** What `lastResult` reads. */
export interface LastResult {
  rows: number;
  cells: Partial<Record<string, string>>;
}

/** The Results table's last row, cell by column header, and how many rows it has. */
export function lastResult(): LastResult {
  const table = document.querySelector('table.results:not(.stats)');
  const headers = [...(table?.querySelectorAll('thead th') ?? [])].map((th) => th.textContent.trim());
  const rows = [...(table?.querySelectorAll('tbody tr') ?? [])].filter((row) => !row.querySelector('td.empty'));
  const cells: Partial<Record<string, string>> = {};
  const last = rows.at(-1);
  if (last) [...last.querySelectorAll('td')].forEach((td, index) => (cells[headers[index] ?? String(index)] = td.textContent.trim()));
  return { rows: rows.length, cells };
}

/**
 * Presses Run from inside the page: a driver's click (Puppeteer's locator in Firefox) leaves the
 * driver's own objects in the page's process (a sandbox, an IntersectionObserver's callback), which
 * Firefox collects with a major GC a few seconds later, inside a span measured after the click.
 */
export function pressRun(runCss: string): void {
  const run = document.querySelector(runCss);
  if (!(run instanceof HTMLButtonElement)) throw new Error(`No Run button (${runCss}).`);
  run.click();
}

/** Whether a run's status says "Counting with …" (every worker is ready), read from inside the page. */
export function countingNow(): boolean {
  return [...document.querySelectorAll('.run-state')].some((status) => status.textContent.startsWith('Counting with'));
}

/** The browser as it names itself, and the cores it reports. */
export function browserFacts(): { userAgent: string; cores: number } {
  return { userAgent: navigator.userAgent, cores: navigator.hardwareConcurrency };
}

/** How many of the page's workers are live, from the e2e suite's Worker wrapper (null without it). */
export function liveWorkers(): number | null {
  return (window as unknown as { __workerWatch?: { live: number } }).__workerWatch?.live ?? null;
}

/** What `watchFrames` leaves in the page. */
export interface FrameWatch {
  /** Every frame's requestAnimationFrame timestamp since the watch began (ms, the page's clock). */
  frames: number[];
  /** Long Animation Frames (50 ms or more), where the engine reports them. */
  longFrames: Array<{ startMs: number; durationMs: number; blockingMs: number }>;
  /** Whether the engine reports Long Animation Frames at all. */
  longFramesReported: boolean;
}

/**
 * Starts watching every frame the page draws: a requestAnimationFrame loop that keeps each
 * frame's timestamp, and the Long Animation Frames API where there is one. The loop makes the
 * page draw every frame, which costs the page's thread (and on two cores, a worker) a few
 * percent: use it in a run of its own, never in one whose speed is measured.
 */
export function watchFrames() {
  const bench = window as unknown as { __benchFrames?: FrameWatch };
  const watch: FrameWatch = {
    frames: [],
    longFrames: [],
    longFramesReported: PerformanceObserver.supportedEntryTypes.includes('long-animation-frame'),
  };
  bench.__benchFrames = watch;
  const step = (at: number) => {
    watch.frames.push(at);
    requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
  if (watch.longFramesReported) {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const blockingMs = (entry as PerformanceEntry & { blockingDuration?: number }).blockingDuration ?? 0;
        watch.longFrames.push({ startMs: entry.startTime, durationMs: entry.duration, blockingMs });
      }
    }).observe({ type: 'long-animation-frame' });
  }
}

/** What `watchFrames` saw so far; null without it. */
export function framesSeen(): FrameWatch | null {
  return (window as unknown as { __benchFrames?: FrameWatch }).__benchFrames ?? null;
}

/**
 * The "This machine" region's line on the lock of 'Workers sharing one lock': which lock, and
 * after a run under it "Hand-over in run N: X ms on average, over M hand-overs."; null without it.
 */
export function lockInWords(): string | null {
  const terms = [...document.querySelectorAll('section.machine dt')];
  const term = terms.find((dt) => dt.textContent.trim().startsWith('Lock for'));
  const value = term?.nextElementSibling;
  return value?.tagName === 'DD' ? value.textContent.trim() : null;
}

/**
 * Waits inside the page until the Results table has more than `before` rows (true), or `timeoutMs`
 * has passed (false): a MutationObserver on the Results section, which nothing changes while
 * workers count, and one timer. The bench asks this once per run instead of looking every 250 ms.
 */
export function resultsGrown({ before, timeoutMs }: { before: number; timeoutMs: number }): Promise<boolean> {
  // lastResult's row count, written again: a page script is sent as its source text alone, so it cannot call a helper of this module.
  const rows = () => [...document.querySelectorAll('table.results:not(.stats) tbody tr')].filter((row) => !row.querySelector('td.empty')).length;
  return new Promise((resolve) => {
    if (rows() > before) {
      resolve(true);
      return;
    }
    const observer = new MutationObserver(() => {
      if (rows() > before) finish(true);
    });
    const timer = setTimeout(() => {
      finish(rows() > before);
    }, timeoutMs);
    function finish(grown: boolean) {
      observer.disconnect();
      clearTimeout(timer);
      resolve(grown);
    }
    observer.observe(document.querySelector('.results-section') ?? document.body, { childList: true, subtree: true, characterData: true });
  });
}
