import type { Page, Route } from '@playwright/test';
import { expect, test, type LabPage } from './labPage';
import { grouped, typed } from './speed';

// Faults, each injected from the test with no hook in the app: the worker's script is
// replaced with page.route, browser APIs are taken away with page.addInitScript. In
// every case the page says one clear sentence, every worker is terminated, the runs so
// far are kept, and the next run counts exactly.

/** The built worker's script, /assets/counter.worker-<hash>.js. */
const WORKER_SCRIPT = '**/counter.worker*';

/** The Comlink call that starts a count reaches the worker as this message. */
const IS_COUNT_CALL = `(data) => data !== null && typeof data === 'object' && data.type === 'APPLY' && Array.isArray(data.path) && data.path[0] === 'count'`;

/** A first run that finishes, so that there are results to keep. */
async function firstRun(lab: LabPage) {
  const row = await lab.runAndWait(2, '1000000');
  expect(await lab.cell(row, 'Check')).toBe('Counted 1,000,000');
}

/** The page has recovered: no worker alive, the first run's row still there, and a new run that counts exactly. */
async function expectRecovered(lab: LabPage, page: Page, rows: number) {
  await expect.poll(() => page.workers().length).toBe(0);
  await expect(lab.resultRows).toHaveCount(rows);
  expect(await lab.cell(lab.resultRows.first(), 'Check')).toBe('Counted 1,000,000');
  const next = await lab.runAndWait(3, '3000001');
  expect(await lab.cell(next, 'Check')).toBe('Counted 3,000,001');
  await expect(lab.status).toContainText('3 workers counted to about 3 million');
  await expect.poll(() => page.workers().length).toBe(0);
}

/** Serves the worker script as `rewrite` makes it from the real one, with the real headers (the page's COEP needs them). */
async function routeWorkerScript(page: Page, rewrite: (script: string) => string) {
  await page.route(WORKER_SCRIPT, async (route: Route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: rewrite(await response.text()) });
  });
}

test.describe('faults', () => {
  test('a worker script that fails to load ends the run with a clear message, and the lab stays usable', async ({ lab, page }) => {
    // A broken deployment: the worker script cannot be served (on load too, so the calibration meets it first).
    let broken = true;
    await page.route(WORKER_SCRIPT, (route) => (broken ? route.fulfill({ status: 404, body: 'missing' }) : route.fallback()));
    await lab.goto();
    broken = false;
    await firstRun(lab);

    broken = true;
    await lab.setWorkers(2);
    await lab.setTotal('1000000');
    await lab.runButton.click();
    await expect(page.getByRole('alert')).toHaveText(/^The run with 2 workers failed\. Worker \d failed: its script could not be loaded\.$/);
    expect(await lab.cell(lab.resultRows.last(), 'Check')).toMatch(/^Error: Worker \d failed/);

    broken = false;
    await expectRecovered(lab, page, 2);
  });

  // The page cancels the worker's 'error' event, so the browser logs nothing: the console check stays strict.
  test('a worker that throws while counting ends the run with one sentence naming it', async ({ lab, page }) => {
    await lab.goto();
    await firstRun(lab);
    // Worker 2 throws from a task of its own once it counts: no call can report it, only its 'error' event.
    await routeWorkerScript(
      page,
      (script) => `${script}
        if (self.name === 'Worker 2') self.addEventListener('message', (event) => {
          if ((${IS_COUNT_CALL})(event.data)) setTimeout(() => { throw new Error('The counter broke.'); }, 300);
        });`,
    );
    await lab.setWorkers(3);
    // Still counting 300 ms after the count call on a machine of any speed.
    await lab.setTotal(typed('1e12'));
    await lab.runButton.click();
    await expect(page.getByRole('alert')).toHaveText('The run with 3 workers failed. Worker 2 failed: The counter broke.', { timeout: 10_000 });
    expect(await lab.cell(lab.resultRows.last(), 'Check')).toBe('Error: Worker 2 failed: The counter broke.');
    await page.unroute(WORKER_SCRIPT);
    await expectRecovered(lab, page, 2);
  });

  test('a worker that never answers ready ends the run after the time-out with one sentence', async ({ lab, page }) => {
    test.setTimeout(60_000);
    await lab.goto();
    await firstRun(lab);
    // A script that loads but never runs Comlink: the ready call is never answered.
    await routeWorkerScript(page, () => '// This worker loads and never answers.\n');
    await lab.setWorkers(2);
    await lab.setTotal('1000000');
    await lab.runButton.click();
    await expect(lab.status).toHaveText('Starting 2 workers…');
    await expect(lab.progressBar(2)).toHaveAttribute('aria-valuetext', 'starting');
    await expect(lab.stopButton).toBeEnabled();
    // COUNTING_READY_LIMIT_MS (spawnWorker.ts) is 15 s; the generous wait is a bound, not a measurement.
    await expect(page.getByRole('alert')).toHaveText(
      'The run with 2 workers failed. Worker 1 and 1 other did not start within 15 s: none of them answered that it was ready.',
      { timeout: 30_000 },
    );
    await page.unroute(WORKER_SCRIPT);
    await expectRecovered(lab, page, 2);
  });

  test('Stop during start-up ends the run at once, with nothing counted', async ({ lab, page }) => {
    await lab.goto();
    await firstRun(lab);
    // The worker script is held back until Stop, so the run is certainly still starting.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(WORKER_SCRIPT, async (route) => {
      await held;
      // The worker may be gone by now, and its request with it.
      await route.fallback().catch(() => undefined);
    });
    await lab.setWorkers(3);
    await lab.setTotal(typed('1e12'));
    await lab.runButton.click();
    await expect(lab.status).toHaveText('Starting 3 workers…');
    await expect(lab.progressBar(3)).toHaveAttribute('aria-valuetext', 'starting');
    await lab.stopButton.click();
    release();
    await expect(lab.status).toHaveText(`Stopped: 3 workers had counted 0 of ${grouped('1e12')} (0%).`);
    const stopped = lab.resultRows.last();
    expect(await lab.cell(stopped, 'Check')).toBe('Stopped');
    expect(await lab.cell(stopped, 'Start-up (ms)')).toBe('—');
    await page.unroute(WORKER_SCRIPT);
    await expectRecovered(lab, page, 2);
  });

  test('a run during which the tab was hidden is flagged and kept off the chart', async ({ lab, page }) => {
    await lab.goto();
    await lab.setWorkers(1);
    await lab.setTotal(typed('1e12'));
    await lab.runButton.click();
    await expect(lab.progressBar(1)).toBeVisible();
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await lab.stopButton.click();
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    });
    await expect.poll(() => page.workers().length).toBe(0);
    const row = await lab.runAndWait(1, '1000000');
    expect(await lab.cell(row, 'Check')).toBe('Counted 1,000,000');
    // Hide during a short run too: its time is recorded but flagged.
    await lab.setTotal('300000000');
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    });
    await lab.runButton.click();
    await expect(lab.resultRows).toHaveCount(3, { timeout: 30_000 });
    expect(await lab.cell(lab.resultRows.last(), 'Check')).toBe('Tab was hidden: not reliable');
    await expect(lab.status).toContainText('The tab was hidden during the run, so the browser may have slowed it: this time is not reliable.');
    // The chart draws the latest series (300 million): its one run is a hollow dot, not a measured one.
    await expect(lab.chartPoints).toHaveCount(0);
    await expect(lab.timeFigure.locator('.unreliable-dots .recharts-scatter-symbol')).toHaveCount(1);
    // The runs before are kept.
    expect(await lab.cell(lab.resultRows.first(), 'Check')).toBe('Stopped');
    expect(await lab.cell(lab.resultRows.nth(1), 'Check')).toBe('Counted 1,000,000');
    await expect.poll(() => page.workers().length).toBe(0);

    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    });
    const next = await lab.runAndWait(2, '1000000');
    expect(await lab.cell(next, 'Check')).toBe('Counted 1,000,000');
  });

  test('without SharedArrayBuffer the lab works the same and says so', async ({ lab, page }) => {
    await page.addInitScript(() => {
      delete (globalThis as { SharedArrayBuffer?: unknown }).SharedArrayBuffer;
    });
    await lab.goto();
    expect(await page.evaluate(() => 'SharedArrayBuffer' in globalThis)).toBe(false);
    await expect(lab.machine.locator('dt:has-text("SharedArrayBuffer") + dd')).toHaveText('not available in this browser');
    await firstRun(lab);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expectRecovered(lab, page, 1);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('without navigator.hardwareConcurrency the lab assumes a number of cores and says so', async ({ lab, page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => undefined, configurable: true });
    });
    await lab.goto();
    expect(await page.evaluate(() => navigator.hardwareConcurrency)).toBeUndefined();
    const note = page.getByText(/^This browser does not say how many logical cores it has, so the lab assumes \d+\.$/);
    await expect(note).toBeVisible();
    const assumed = Number(/assumes (\d+)/.exec((await note.textContent()) ?? '')?.[1]);
    expect(assumed).toBeGreaterThanOrEqual(1);
    await expect(lab.slider).toHaveValue(String(assumed));
    await expect(lab.slider).toHaveAttribute('max', String(Math.max(8, 2 * assumed)));
    await expect(lab.machine.locator('dt:has-text("Logical cores reported") + dd')).toHaveText('not reported');
    await firstRun(lab);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expectRecovered(lab, page, 1);

    // After a small sweep of waits (whose Summary always names the cores), the Summary and the charts' captions say the cores were assumed, never reported.
    await page.getByRole('group', { name: 'Task' }).getByRole('radio', { name: 'I/O-bound: waiting' }).check();
    await lab.setTotal(typed('2e7'));
    await lab.workerCounts.fill('1, 2');
    await lab.repeats.fill('1');
    await lab.sweepButton.click();
    await expect(lab.sweepStatus).toHaveCount(0, { timeout: 60_000 });
    await expect(lab.resultRows).toHaveCount(4);
    await expect(lab.timeFigure.locator('figcaption')).toContainText(`the ${String(assumed)} cores assumed, since this browser reports no core count`);
    await expect(lab.speedUpFigure.locator('figcaption')).toContainText(`beyond the ${String(assumed)} cores assumed (the browser reports no core count)`);
    await expect(lab.summary).toContainText(`more workers than the ${String(assumed)} cores assumed (the browser reports no core count)`);
    const said = [await lab.summary.textContent(), await lab.timeFigure.locator('figcaption').textContent(), await lab.speedUpFigure.locator('figcaption').textContent()].join(' ');
    expect(said).not.toMatch(new RegExp(`reports ${String(assumed)} cores|cores this browser reports|the number of cores this browser reports`));
  });

  test.describe('an exception while drawing a component', () => {
    // React reports the error it caught, and the page's error boundary logs where it came from.
    test.use({ expectedConsoleErrors: [/^console error: .*The number format broke\./] });

    test('shows one sentence, keeps the results, and the lab comes back', async ({ lab, page }) => {
      // Once the test sets the flag, formatting 2,121,212 throws: the share of each of 2 workers
      // counting 4,242,424, which the progress bars write out as soon as the run counts.
      await page.addInitScript(() => {
        const descriptor = Object.getOwnPropertyDescriptor(Intl.NumberFormat.prototype, 'format');
        if (!descriptor?.get) throw new Error('Intl.NumberFormat.prototype.format is not a getter here.');
        const { get: realGetter } = descriptor as { get: (this: Intl.NumberFormat) => (value: number) => string };
        Object.defineProperty(Intl.NumberFormat.prototype, 'format', {
          configurable: true,
          get(this: Intl.NumberFormat) {
            const format = realGetter.call(this);
            return (value: number) => {
              if ((window as { breakFormat?: boolean }).breakFormat && value === 2_121_212) throw new Error('The number format broke.');
              return format(value);
            };
          },
        });
      });
      await lab.goto();
      await firstRun(lab);
      await page.evaluate(() => ((window as { breakFormat?: boolean }).breakFormat = true));
      await lab.setWorkers(2);
      await lab.setTotal('4242424');
      await lab.runButton.click();

      const alert = page.getByRole('alert');
      await expect(alert).toHaveCount(1);
      await expect(alert).toContainText('The number format broke.');
      // The results so far are still on the page, and the run that was going ends and frees its workers.
      const results = page.getByRole('table', { name: 'Results' });
      await expect(results.locator('tbody tr').first()).toContainText('Counted 1,000,000');
      await expect.poll(() => page.workers().length).toBe(0);

      await page.evaluate(() => ((window as { breakFormat?: boolean }).breakFormat = false));
      await page.getByRole('button', { name: 'Show the lab again' }).click();
      await expect(lab.runButton).toBeVisible();
      await expect(lab.resultRows).toHaveCount(2);
      expect(await lab.cell(lab.resultRows.last(), 'Check')).toBe('Counted 4,242,424');
      await expect(page.getByRole('alert')).toHaveCount(0);
      await expectRecovered(lab, page, 2);
    });
  });
});
