import { expect, test, type LabPage } from './labPage';
import type { Page, Request } from '@playwright/test';

/** The "Kernel language" radio group and its two choices. */
const languageOf = (page: Page) => page.getByRole('group', { name: 'Kernel language' });
const javascript = (page: Page) => languageOf(page).getByRole('radio', { name: 'JavaScript' });
const python = (page: Page) => languageOf(page).getByRole('radio', { name: 'Python' });
/** The bar in the run settings (the Code region's program has one of its own). */
const loadingBar = (page: Page) => page.getByRole('form', { name: 'Run settings' }).getByRole('progressbar', { name: 'Loading Python' });
const kernelSaid = (lab: LabPage) => lab.machine.locator('dt:has-text("Counting kernel") + dd');
/** Any of Pyodide's files, wherever the app serves them from. */
const isPyodide = (url: string) => /pyodide|python_stdlib/i.test(url);

/** Chooses Python and waits until it has loaded (Run no longer waits for it). */
async function choosePython(lab: LabPage) {
  await python(lab.page).check();
  await expect(lab.page.getByText(/^Python loaded: [\d.]+ of [\d.]+ MB\.$/)).toBeVisible({ timeout: 60_000 });
  await expect(lab.countHelp).not.toContainText('Measuring', { timeout: 30_000 });
}

test.describe('the kernel language', () => {
  test('is a radio group, JavaScript by default; Python goes into the link, and only Python', async ({ lab, page }) => {
    await lab.goto();
    await expect(javascript(page)).toBeChecked();
    await expect(python(page)).not.toBeChecked();
    await expect.poll(() => page.url()).not.toContain('language');
    await python(page).check();
    await expect.poll(() => page.url()).toContain('language=python');
    await javascript(page).check();
    await expect.poll(() => page.url()).not.toContain('language');
  });

  test('?language=python opens with Python chosen; a language the page does not know gets one sentence', async ({ lab, page }) => {
    await page.goto('/?language=python&workers=1');
    await expect(python(page)).toBeChecked();
    await lab.goto('?language=cobol');
    await expect(javascript(page)).toBeChecked();
    await expect(page.getByRole('status', { name: 'Link' })).toHaveText(/The link’s language=“cobol” is not one of javascript, python, so it was ignored\./);
  });

  test('fetches nothing of Python until it is chosen, then fills the "Loading Python" bar while Run waits, and names Python after', async ({ lab, page }) => {
    const fetched: string[] = [];
    page.on('request', (request: Request) => fetched.push(request.url()));
    // The wasm held back until the test has seen Run wait, then let through.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/pyodide.asm.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await lab.goto();
    await lab.setTotal('1000000');
    expect(fetched.filter(isPyodide)).toEqual([]);

    await python(page).check();
    await expect(loadingBar(page)).toBeVisible();
    await expect(lab.runButton).toBeDisabled();
    await expect(page.getByText('Run waits until Python has loaded.')).toBeVisible();
    // R, the Run shortcut, does nothing while Python loads.
    await page.locator('body').press('r');
    await expect(lab.resultRows).toHaveCount(0);
    await expect(page.getByText(/^Loading Python: ([\d.]+ of [\d.]+ MB|Starting…)$/)).toBeVisible();

    release();
    // The bar fills to its end and stays there, full, once Python is ready.
    await expect
      .poll(async () => {
        const [now, max] = await Promise.all([loadingBar(page).getAttribute('value'), loadingBar(page).getAttribute('max')]);
        return now !== null && max !== null && Number(now) === Number(max) && Number(max) > 1_000_000;
      }, { timeout: 60_000 })
      .toBe(true);
    // Starting the interpreter after the last byte took over 5 s on a slower CPU (an AMD EPYC VM): the same patience as Run's below.
    await expect(page.getByText(/^Python loaded: ([\d.]+) of \1 MB\.$/)).toBeVisible({ timeout: 30_000 });
    expect(fetched.filter(isPyodide).length).toBeGreaterThan(0);
    await expect(lab.runButton).toBeEnabled({ timeout: 30_000 });
    await expect(kernelSaid(lab)).toHaveText(/^Python \(Pyodide 314\.0\.7, one interpreter per worker/);
  });

  test('the default count is sized for Python by its own calibration: about 3 s on one Python worker', async ({ lab }) => {
    await lab.goto();
    const javascriptCount = Number(await lab.totalCount.inputValue());
    await choosePython(lab);
    await expect(lab.countHelp).toContainText(/≈ [\d.]+ s on 1 worker here\./);
    const estimate = Number(/≈ ([\d.]+) s/.exec((await lab.countHelp.textContent()) ?? '')?.[1]);
    expect(estimate).toBeGreaterThanOrEqual(2);
    expect(estimate).toBeLessThanOrEqual(4.5);
    const pythonCount = Number(await lab.totalCount.inputValue());
    expect(String(pythonCount)).toMatch(/^(1|15|2|25|3|4|5|6|7|8)0*$/);
    // Python counts tens of times slower than the JavaScript loop: its default is that much smaller.
    expect(pythonCount * 10).toBeLessThan(javascriptCount);
    await javascript(lab.page).check();
    await expect(lab.totalCount).toHaveValue(String(javascriptCount));
  });

  test.describe('when a file of Python is missing', () => {
    // The browser reports the 404 it was served in the console.
    test.use({ expectedConsoleErrors: [/status of 404/] });

  test('a failed load leaves one sentence, goes back to JavaScript, and JavaScript still counts', async ({ lab, page }) => {
    await page.route('**/pyodide.asm.wasm', (route) => route.fulfill({ status: 404, body: 'Not found' }));
    await lab.goto();
    await python(page).check();
    const notice = page.getByRole('status', { name: 'Python' });
    await expect(notice).toBeVisible({ timeout: 30_000 });
    await expect(notice.getByRole('listitem')).toHaveCount(1);
    await expect(notice.getByRole('listitem')).toHaveText('Python could not be loaded: pyodide.asm.wasm was not found (404).');
    await expect(javascript(page)).toBeChecked();
    await expect(loadingBar(page)).toHaveCount(0);
    const row = await lab.runAndWait(2, '2000001');
    expect(await lab.cell(row, 'Check')).toBe('Counted 2,000,001');
    expect(await lab.cell(row, 'Mode')).toBe('split, fresh');
  });
  });

  test('Python runs with 1 and 2 workers count a small total exactly, one Python worker each', async ({ lab, page, workerWatch }) => {
    await lab.goto();
    await choosePython(lab);
    await expect(page.locator('#workers-note')).toHaveText(/^Python: (at most|up to) \d+ workers?/);
    for (const workers of [1, 2]) {
      workerWatch.reset();
      const created = workerWatch.created;
      const row = await lab.runAndWait(workers, '200001');
      expect(await lab.cell(row, 'Check')).toBe('Counted 200,001');
      expect(await lab.cell(row, 'Mode')).toBe('Python, split, fresh');
      // Fresh workers: one started for each, and none left once the run ended.
      expect(workerWatch.created - created).toBe(workers);
      await expect.poll(() => page.workers().length).toBe(0);
    }
  });

  test('a pool of Python workers is started once and reused, and let go when JavaScript is chosen again', async ({ lab, page, workerWatch }) => {
    await lab.goto();
    await choosePython(lab);
    await page.getByRole('radio', { name: 'Reuse a pool started once' }).check();
    workerWatch.reset();
    for (const run of [1, 2]) {
      const row = await lab.runAndWait(2, '200002');
      expect(await lab.cell(row, 'Check'), `run ${String(run)}`).toBe('Counted 200,002');
      expect(await lab.cell(row, 'Mode')).toBe('Python, split, pool');
    }
    // Two interpreters for both runs: the second run started none.
    expect(workerWatch.created).toBe(2);
    expect(page.workers()).toHaveLength(2);
    // Back to JavaScript: the two interpreters (about 45 MB each) are terminated, not kept until the page closes.
    await javascript(page).check();
    await expect.poll(() => page.workers().length).toBe(0);
  });

  test('a Python sweep runs in Python, and its caption, Summary and table say so', async ({ lab, page }) => {
    await lab.goto('?workers=1&count=2000000');
    await choosePython(lab);
    await lab.workerCounts.fill('1-2');
    await lab.repeats.fill('1');
    await lab.sweepButton.click();
    await expect(lab.sweepStatus).toHaveCount(0, { timeout: 60_000 });
    await expect(lab.resultRows).toHaveCount(2);
    for (const row of await lab.resultRows.all()) {
      expect(await lab.cell(row, 'Check')).toBe('Counted 2,000,000');
      expect(await lab.cell(row, 'Mode')).toBe('Python, split, fresh');
    }
    await expect(lab.timeFigure).toHaveAccessibleName(/^Wall-clock time against the number of workers, counting to 2 million split over the workers, in Python\./);
    await expect(lab.summary).toContainText('These runs counted in Python, the lesson’s own function in one interpreter per worker');
    await expect(page.getByRole('status', { name: 'Sweep progress' })).toHaveCount(0);
  });

  test('a model Python does not offer says why beside the choice, and Run refuses it', async ({ lab, page }) => {
    await lab.goto('?count=1000000');
    await choosePython(lab);
    await page.getByRole('radio', { name: 'Main thread' }).check();
    const why = "Counting on the main thread runs with JavaScript only: with Python, the page's own thread would have to load a 10 MB interpreter and would freeze while Python runs.";
    await expect(page.locator('.model-unavailable')).toHaveText(why);
    await expect(page.locator('#run-wait-reason')).toHaveText(why);
    await expect(lab.runButton).toBeDisabled();
    await expect(lab.sweepButton).toBeDisabled();
    // The user's model is kept: JavaScript runs it.
    await javascript(page).check();
    await expect(page.locator('.model-unavailable')).toHaveCount(0);
    await expect(lab.runButton).toBeEnabled();
  });

  test('Python workers sharing one lock count a small total exactly, the lanes taking turns as the GIL hands over', async ({ lab, page }) => {
    await lab.goto();
    await choosePython(lab);
    await page.getByRole('radio', { name: 'Workers sharing one lock' }).check();
    await expect(page.locator('.model-unavailable')).toHaveCount(0);
    // About 50 ms of Python at 26 ns a count: some ten switch intervals, every one in the magnified first 40 ms.
    const row = await lab.runAndWait(2, '2000000');
    expect(await lab.cell(row, 'Check')).toBe('Counted 2,000,000');
    expect(await lab.cell(row, 'Mode')).toBe('Python, one lock, split, fresh');
    await expect(lab.timelineLanes).toHaveCount(2);
    await expect(lab.timeline.locator('.timeline-state')).toHaveText(['done', 'done']);
    // The lanes alternate between counting and waiting for the lock, and never count at the same moment.
    const spans: { lane: number; from: number; to: number }[] = [];
    const tracks = await lab.magnified.locator('.timeline-track').all();
    expect(tracks).toHaveLength(2);
    for (const [lane, track] of tracks.entries()) {
      expect(await track.locator('[data-state="waiting-lock"]').count()).toBeGreaterThanOrEqual(1);
      const counting = track.locator('[data-state="counting"]');
      expect(await counting.count()).toBeGreaterThanOrEqual(1);
      for (const box of await counting.all()) {
        const { x, width } = (await box.boundingBox()) ?? { x: 0, width: 0 };
        spans.push({ lane, from: x, to: x + width });
      }
    }
    spans.sort((a, b) => a.from - b.from);
    // Taking turns: the lock went from one lane to the other and back.
    expect(new Set(spans.slice(0, 3).map((span) => span.lane)).size).toBe(2);
    // A pixel of rounding where one lane's turn ends and the next one's begins.
    for (let index = 1; index < spans.length; index += 1) expect(spans[index].from).toBeGreaterThanOrEqual(spans[index - 1].to - 1);
    await expect(lab.machine).toContainText(/Hand-over in run \d+: [\d.]+ ms on average, over \d+ hand-overs\./);
  });

  test('Stop ends pooled Python workers counting under one lock, and the pool counts exactly again', async ({ lab, page, workerWatch }) => {
    await lab.goto();
    await choosePython(lab);
    workerWatch.reset();
    await page.getByRole('radio', { name: 'Workers sharing one lock' }).check();
    await page.getByRole('radio', { name: 'Reuse a pool started once' }).check();
    await lab.setWorkers(2);
    // Minutes in Python: it ends with Stop.
    await lab.setTotal('10000000000');
    await lab.runButton.click();
    await lab.waitUntilCounting(1);
    await lab.waitUntilCounting(2);
    const stoppedAt = Date.now();
    await lab.stopButton.click();
    await expect(lab.resultRows).toHaveCount(1, { timeout: 1000 });
    expect(Date.now() - stoppedAt).toBeLessThan(1000);
    expect(await lab.cell(lab.resultRows.last(), 'Check')).toBe('Stopped');
    expect(await lab.cell(lab.resultRows.last(), 'Mode')).toBe('Python, one lock, split, pool');
    // The pool keeps both interpreters (a worker that did not stop would have been terminated and replaced), and neither counts on.
    expect(page.workers()).toHaveLength(2);
    const row = await lab.runAndWait(2, '200002');
    expect(await lab.cell(row, 'Check')).toBe('Counted 200,002');
    expect(workerWatch.created).toBe(2);
  });

  test('Stop, and Escape, end a Python count at once, and no Python worker is left', async ({ lab, page }) => {
    await lab.goto();
    await choosePython(lab);
    await lab.setWorkers(2);
    // Minutes in Python: it ends with Stop.
    await lab.setTotal('10000000000');
    await lab.runButton.click();
    await lab.waitUntilCounting(1);
    expect(page.workers()).toHaveLength(2);
    await lab.stopButton.click();
    await expect.poll(() => page.workers().length, { timeout: 1000, intervals: [25] }).toBe(0);
    const row = lab.resultRows.last();
    expect(await lab.cell(row, 'Check')).toBe('Stopped');
    expect(await lab.cell(row, 'Mode')).toBe('Python, split, fresh');
    await expect(lab.runButton).toBeEnabled();

    await lab.runButton.click();
    await lab.waitUntilCounting(2);
    await page.locator('body').press('Escape');
    await expect.poll(() => page.workers().length, { timeout: 1000, intervals: [25] }).toBe(0);
    await expect(lab.resultRows).toHaveCount(2);
    expect(await lab.cell(lab.resultRows.last(), 'Check')).toBe('Stopped');
  });
});
