import { expect, test } from './labPage';
import { grouped, scaledCount, typed } from './speed';

test.describe('sweep', () => {
  test('a small sweep fills the table, the statistics, both charts and the summary', async ({ lab, page }) => {
    await lab.goto(`?workers=1&count=${typed('3e8')}`);
    await lab.workerCounts.fill('1-3');
    await lab.repeats.fill('2');
    await expect(page.locator('#worker-counts-help')).toHaveText('3 worker counts × 2 repeats + 1 warm-up = 7 runs.');
    await lab.sweepButton.click();
    await expect(lab.sweepStatus).toContainText(/Sweep: (warm-up run 1|run \d) of 7/);
    await expect(lab.sweepStatus).toHaveCount(0, { timeout: 60_000 });

    // The warm-up is not kept: 6 rows, 1, 2, 3, then again.
    await expect(lab.resultRows).toHaveCount(6);
    const workers = await lab.results.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(workers).toEqual(['1', '2', '3', '1', '2', '3']);
    // The runs shown are numbered from 1 with no gap: neither the sweep nor its warm-up takes a number.
    expect(await lab.results.locator('tbody tr td:nth-child(1)').allTextContents()).toEqual(['1', '2', '3', '4', '5', '6']);
    for (const row of await lab.resultRows.all()) expect(await lab.cell(row, 'Check')).toBe(`Counted ${grouped('3e8')}`);
    expect(await lab.cell(lab.resultRows.nth(1), 'Efficiency')).toMatch(/^\d+%$/);

    await expect(lab.stats.locator('tbody tr')).toHaveCount(3);
    await expect(lab.stats.locator('tbody tr').first().locator('td').nth(1)).toHaveText('2');
    await expect(lab.chartPoints).toHaveCount(6);
    // Only the measured line has dots; the ideal line has none.
    await expect(lab.speedUpFigure.locator('.recharts-line-dot')).toHaveCount(3);
    await expect(page.getByRole('figure', { name: /^Start-up and compute/ }).locator('.recharts-bar-rectangle')).not.toHaveCount(0);
    // Issue 15: a fastest worker count is named only beyond the spread of the runs; otherwise those as fast as each other are.
    await expect(lab.summary).toContainText(/Fastest with \d workers?: |\d(, \d)* and \d workers were as fast as each other within the spread of their runs/);
    await expect(lab.summary).toContainText('Fitted model:');
    await expect(lab.machine).not.toContainText('run a sweep to measure them');
    await expect.poll(() => page.workers().length).toBe(0);
  });

  test('Stop ends a sweep at once, keeps what was measured, and frees every worker', async ({ lab, page }) => {
    await lab.goto('?workers=1');
    // The count the page sized for this machine (about 3 s on 1 worker): run 3's 2 workers take about 1.5 s on a CPU of any speed.
    const total = typed(await lab.totalCount.inputValue());
    await lab.setTotal(total);
    await lab.workerCounts.fill('1, 2');
    await lab.repeats.fill('5');
    await lab.sweepButton.click();
    // Run 3 has 2 workers: well under way once both bars move.
    await expect(lab.sweepStatus).toContainText('Sweep: run 3 of 11', { timeout: 30_000 });
    await expect
      .poll(async () => Number(await lab.progressBar(2).getAttribute('aria-valuenow')), { timeout: 10_000, intervals: [50] })
      .toBeGreaterThan(0);
    await lab.stopButton.click();
    await expect.poll(() => page.workers().length, { timeout: 1000, intervals: [25] }).toBe(0);
    await expect(lab.sweepStatus).toHaveCount(0);
    await expect(lab.sweepButton).toBeEnabled();
    // The warm-up is not kept; run 2 (1 worker) was measured, run 3 (2 workers) was stopped.
    await expect(lab.resultRows).toHaveCount(2);
    expect(await lab.cell(lab.resultRows.nth(0), 'Check')).toBe(`Counted ${Number(total).toLocaleString('en-US')}`);
    expect(await lab.cell(lab.resultRows.nth(1), 'Workers')).toBe('2');
    expect(await lab.cell(lab.resultRows.nth(1), 'Check')).toBe('Stopped');
    // Nothing runs on after Stop.
    await page.waitForTimeout(600);
    await expect(lab.resultRows).toHaveCount(2);
    expect(page.workers()).toHaveLength(0);
  });

  test('Escape in the pause between two runs stops the sweep, and the page says so, on screen and aloud', async ({ lab, page }) => {
    await lab.goto(`?workers=1&count=${typed('2e8')}`);
    await lab.workerCounts.fill('1, 2');
    await lab.repeats.fill('2');
    await expect(page.locator('#worker-counts-help')).toHaveText('2 worker counts × 2 repeats + 1 warm-up = 5 runs.');
    // Escape as the second kept run's row appears: the page then waits SETTLE_BETWEEN_RUNS_MS (250 ms) before the next
    // run, too short to catch from here for sure, so the key is sent from the page, as a keyboard's would come.
    await page.evaluate(() => {
      const body = document.querySelector('table.results:not(.stats) tbody');
      if (!body) throw new Error('No Results table.');
      const observer = new MutationObserver(() => {
        if (body.querySelectorAll('tr:not(:has(td.empty))').length < 2) return;
        observer.disconnect();
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
      });
      observer.observe(body, { childList: true });
    });
    await lab.sweepButton.click();
    await expect(lab.sweepStatus).toHaveCount(0, { timeout: 30_000 });
    await expect(lab.resultRows).toHaveCount(2);
    expect(await lab.results.locator('tbody tr td:nth-child(1)').allTextContents()).toEqual(['1', '2']);
    for (const row of await lab.resultRows.all()) expect(await lab.cell(row, 'Check')).toMatch(/^Counted /);
    // Seen: the run's line says the sweep stopped, and where, before the last run's sentence.
    const run = page.getByRole('region', { name: 'Run' });
    await expect(run.locator('.run-state')).toHaveText(/^Sweep stopped after 3 of 5 runs\. 2 workers counted to /);
    // Heard: the live region says it stopped, not that it finished.
    await expect(run.locator('[aria-live="polite"]')).toHaveText('Sweep stopped after 3 of 5 runs: 2 kept.');
    // Nothing runs on after the stop.
    await page.waitForTimeout(600);
    await expect(lab.resultRows).toHaveCount(2);
    // The next run takes the note away.
    await lab.runAndWait(1, typed('2e7'));
    await expect(run.locator('.run-state')).not.toContainText('Sweep stopped');
  });

  test('bad worker counts or repeats get one sentence and no sweep', async ({ lab, page }) => {
    await lab.goto();
    const help = page.locator('#worker-counts-help');
    await lab.workerCounts.fill('1, 99');
    await expect(help).toHaveText(/^Worker counts go up to \d+ here\.$/);
    await expect(lab.sweepButton).toBeDisabled();
    await lab.workerCounts.fill('1-4');
    await lab.repeats.fill('0');
    await expect(help).toHaveText('Enter a whole number of repeats from 1 to 20.');
    await expect(lab.sweepButton).toBeDisabled();
    await lab.repeats.fill('3');
    await expect(lab.sweepButton).toBeEnabled();
  });
});

test.describe('choices', () => {
  test('same count per worker: each worker counts the whole count', async ({ lab, page }) => {
    await lab.goto();
    await page.getByRole('radio', { name: 'Same count per worker' }).check();
    const each = scaledCount('5e7');
    const row = await lab.runAndWait(2, String(each));
    expect(await lab.cell(row, 'Total count')).toBe((2 * each).toLocaleString('en-US'));
    expect(await lab.cell(row, 'Mode')).toBe('each, fresh');
    expect(await lab.cell(row, 'Check')).toBe(`Counted ${(2 * each).toLocaleString('en-US')}`);
  });

  test('a reused pool skips the start-up after its first run, and going back to fresh workers lets it go', async ({ lab, page }) => {
    await lab.goto();
    await page.getByRole('radio', { name: 'Reuse a pool started once' }).check();
    const first = await lab.runAndWait(2, '20000000');
    expect(page.workers()).toHaveLength(2);
    const second = await lab.runAndWait(2, '20000000');
    expect(page.workers()).toHaveLength(2);
    const startup = async (row: typeof first) => Number((await lab.cell(row, 'Start-up (ms)')).replace(/,/g, ''));
    // A fresh worker warms up (thousands of short chunks); a pooled one only answers.
    expect(await startup(second)).toBeLessThan((await startup(first)) / 2);
    expect(await lab.cell(second, 'Mode')).toBe('split, pool');

    await page.getByRole('radio', { name: 'Fresh workers for every run' }).check();
    await lab.runAndWait(1, '20000000');
    await expect.poll(() => page.workers().length).toBe(0);
  });

  test('Stop keeps a reused pool’s workers: none terminated, none started, and the next run only shakes hands', async ({ lab, page, workerWatch }) => {
    await lab.goto();
    await page.getByRole('radio', { name: 'Reuse a pool started once' }).check();
    await lab.setWorkers(2);
    // Far too long to end by itself on any machine: it ends with Stop.
    await lab.setTotal(typed('1e12'));
    workerWatch.reset();
    await lab.runButton.click();
    await lab.waitUntilCounting(1);
    await lab.waitUntilCounting(2);
    await lab.stopButton.click();
    await expect(lab.runButton).toBeEnabled();
    await expect(lab.resultRows).toHaveCount(1);
    const stopped = lab.resultRows.nth(0);
    expect(await lab.cell(stopped, 'Check')).toBe('Stopped');
    expect(page.workers()).toHaveLength(2);

    const next = await lab.runAndWait(2, typed('2e7'));
    expect(await lab.cell(next, 'Check')).toBe(`Counted ${grouped('2e7')}`);
    // The same two workers counted it: none was terminated at Stop, so none had to be started again.
    expect(workerWatch.created).toBe(2);
    expect(workerWatch.alive).toBe(2);
    expect(page.workers()).toHaveLength(2);
    const startup = async (row: typeof next) => Number((await lab.cell(row, 'Start-up (ms)')).replace(/,/g, ''));
    // The stopped run's start-up warmed the workers up (thousands of short chunks); the next one only answers.
    expect(await startup(next)).toBeLessThan((await startup(stopped)) / 2);
  });
});

test('“This machine” tells the cores, isolation, timer and browser', async ({ lab, page }) => {
  await lab.goto();
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(lab.machine).toContainText(`Logical cores reported${String(cores)}`);
  // The preview server sends COOP and COEP (vite.config.ts).
  await expect(lab.machine).toContainText('Cross-origin isolatedyes');
  await expect(lab.machine).toContainText(/Timer resolution \(measured\)[\d.]+ (ms|µs)/);
  await expect(lab.machine).toContainText(/BrowserChrom/);
});
