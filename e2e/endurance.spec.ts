import type { CDPSession, ElementHandle } from '@playwright/test';
import { expect, test, type LabPage } from './labPage';
import { typed } from './speed';

/** Run/Stop cycles in a row: the even ones stopped during start-up, the odd ones while counting. */
const CYCLES = 50;
/** The sweep: 5 worker counts × 20 repeats = 100 runs, after one warm-up run. */
const SWEEP_COUNTS = '1-5';
const SWEEP_REPEATS = 20;
const SWEEP_RUNS = 100;

/**
 * What the page's JavaScript heap may grow by (bytes) over the 50 cycles, and over the
 * 100-run sweep, each measured after Clear results and two full garbage collections, from a
 * baseline taken after a short warm-up of the same kind (2 cycles, a 6-run sweep).
 *
 * Measured on the 2-core VM (Chromium 156 headless, busy with other tests), in two runs:
 * baseline 11.03 and 11.09 MB; +1.13 and +1.16 MB after the cycles; +1.18 and +1.39 MB more
 * after the sweep. That growth is V8 compiling and caching along the way, not runs kept: on a
 * fresh page, every 30 cycles after the first 30 added 506, 290, then 141 KB, halving; and
 * after either phase the page holds no Worker object and no MessagePort beyond the baseline's
 * (checked exactly below). The bounds are a little over 2× the most growth measured: they
 * catch a run's data kept past Clear results, or the memory of the 400 workers, not a few
 * bytes a run.
 */
const HEAP_GROWTH_CYCLES = 3_000_000;
const HEAP_GROWTH_SWEEP = 3_000_000;

/** The page's JavaScript heap in use after a full garbage collection (bytes), read over the DevTools protocol. */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  // Twice: the first collection can leave what only a finalizer lets go of.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/** How many objects made by the global constructor `name` the page's heap holds, read over the DevTools protocol. */
async function liveObjects(cdp: CDPSession, name: 'Worker' | 'MessagePort'): Promise<number> {
  const { result: prototype } = await cdp.send('Runtime.evaluate', { expression: `${name}.prototype` });
  if (!prototype.objectId) throw new Error(`${name}.prototype is not an object.`);
  const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: prototype.objectId });
  if (!objects.objectId) throw new Error(`No list of ${name} objects.`);
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId: objects.objectId,
    functionDeclaration: 'function () { return this.length; }',
    returnByValue: true,
  });
  await cdp.send('Runtime.releaseObject', { objectId: objects.objectId });
  await cdp.send('Runtime.releaseObject', { objectId: prototype.objectId });
  return result.value as number;
}

/** Every cell of one column of the Results table, found by its header. */
async function column(lab: LabPage, header: string): Promise<string[]> {
  const headers = await lab.results.locator('thead th').allTextContents();
  const index = headers.indexOf(header);
  expect(index, `column "${header}"`).toBeGreaterThanOrEqual(0);
  return lab.resultRows.locator(`td:nth-child(${String(index + 1)})`).allTextContents();
}

/**
 * One Run/Stop cycle with 2 workers counting to a trillion. An even cycle clicks Run and then
 * Stop from inside the page, before any worker can have started (start-up takes 30 ms or
 * more); an odd one waits until the first progress bar has moved.
 */
async function cycle(lab: LabPage, index: number, buttons: { run: ElementHandle; stop: ElementHandle }) {
  const rows = await lab.resultRows.count();
  if (index % 2 === 0) {
    await lab.page.evaluate(
      async ([run, stop]) => {
        if (!(run instanceof HTMLButtonElement) || !(stop instanceof HTMLButtonElement)) throw new Error('Run and Stop are not buttons.');
        run.click();
        // React enables Stop within the click's task or soon after.
        for (let turn = 0; turn < 10 && stop.disabled; turn += 1) await new Promise((resolve) => setTimeout(resolve, 0));
        if (stop.disabled) throw new Error('Stop never became enabled after Run.');
        stop.click();
      },
      [buttons.run, buttons.stop] as const,
    );
  } else {
    await lab.runButton.click();
    await expect
      .poll(async () => Number(await lab.progressBar(1).getAttribute('aria-valuenow')), { timeout: 10_000, intervals: [50] })
      .toBeGreaterThan(0);
    await lab.stopButton.click();
  }
  await expect(lab.resultRows).toHaveCount(rows + 1);
  await expect(lab.runButton).toBeEnabled();
}

/** Runs a sweep of `repeats` rounds over SWEEP_COUNTS, each counting to a million, and waits for its end. */
async function sweep(lab: LabPage, repeats: number) {
  await lab.setTotal('1000000');
  await lab.workerCounts.fill(SWEEP_COUNTS);
  await lab.repeats.fill(String(repeats));
  await lab.sweepButton.click();
  await expect(lab.sweepStatus).toBeVisible();
  await expect(lab.sweepStatus).toHaveCount(0, { timeout: 180_000 });
}

async function clearResults(lab: LabPage) {
  await lab.page.getByRole('button', { name: 'Clear results' }).click();
  // The page asks first, in its own dialog.
  await lab.page.getByRole('alertdialog', { name: 'Clear results?' }).getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(lab.resultRows).toHaveCount(0);
}

test('50 Run/Stop cycles and a 100-run sweep leave no worker, a bounded heap, no console error and an exact next run', async ({ lab, page, workerWatch }) => {
  test.setTimeout(300_000);
  await lab.goto(`?workers=2&count=${typed('1e12')}`);
  const cdp = await page.context().newCDPSession(page);
  const handles = { run: await lab.runButton.elementHandle(), stop: await lab.stopButton.elementHandle() };

  // A short warm-up of the same kind, so that the baseline holds what the page compiles and caches once.
  await cycle(lab, 0, handles);
  await cycle(lab, 1, handles);
  await sweep(lab, 1);
  await clearResults(lab);
  const baseline = await heapAfterGc(cdp);
  const baselinePorts = await liveObjects(cdp, 'MessagePort');
  workerWatch.reset();

  await lab.setTotal(typed('1e12'));
  for (let index = 0; index < CYCLES; index += 1) await cycle(lab, index, handles);
  await expect.poll(() => page.workers().length).toBe(0);
  expect(await column(lab, 'Check')).toEqual(Array.from({ length: CYCLES }, () => 'Stopped'));
  // The even cycles stopped before every worker was ready (no start-up time), the odd ones after.
  const startups = await column(lab, 'Start-up (ms)');
  expect(startups.filter((_, index) => index % 2 === 0)).toEqual(Array.from({ length: CYCLES / 2 }, () => '—'));
  for (const startup of startups.filter((_, index) => index % 2 === 1)) expect(startup).toMatch(/^[\d,]+$/);
  await clearResults(lab);
  const afterCycles = await heapAfterGc(cdp);
  expect(await liveObjects(cdp, 'Worker')).toBe(0);
  expect(await liveObjects(cdp, 'MessagePort')).toBe(baselinePorts);

  await sweep(lab, SWEEP_REPEATS);
  expect(await column(lab, 'Check')).toEqual(Array.from({ length: SWEEP_RUNS }, () => 'Counted 1,000,000'));
  expect(await column(lab, 'Workers')).toEqual(Array.from({ length: SWEEP_RUNS }, (_, index) => String((index % 5) + 1)));
  await expect.poll(() => page.workers().length).toBe(0);
  expect(workerWatch.alive).toBe(0);
  await clearResults(lab);
  const afterSweep = await heapAfterGc(cdp);
  expect(await liveObjects(cdp, 'Worker')).toBe(0);
  expect(await liveObjects(cdp, 'MessagePort')).toBe(baselinePorts);

  test.info().annotations.push({ type: 'heap (bytes)', description: JSON.stringify({ baseline, afterCycles, afterSweep }) });
  expect(afterCycles - baseline).toBeLessThan(HEAP_GROWTH_CYCLES);
  expect(afterSweep - afterCycles).toBeLessThan(HEAP_GROWTH_SWEEP);

  const next = await lab.runAndWait(3, '3000001');
  expect(await lab.cell(next, 'Check')).toBe('Counted 3,000,001');
  await expect.poll(() => page.workers().length).toBe(0);
});
