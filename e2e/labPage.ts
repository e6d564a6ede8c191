import { expect, test as base, type Locator, type Page, type Worker } from '@playwright/test';
import { throttleCpu } from './speed';

/** The lab as a student sees it: controls and regions by role and accessible name. */
export class LabPage {
  readonly slider: Locator;
  readonly totalCount: Locator;
  readonly runButton: Locator;
  readonly stopButton: Locator;
  readonly results: Locator;
  readonly resultRows: Locator;
  readonly timeFigure: Locator;
  readonly chartPoints: Locator;
  readonly status: Locator;
  readonly countHelp: Locator;
  readonly sweepButton: Locator;
  readonly workerCounts: Locator;
  readonly repeats: Locator;
  readonly sweepStatus: Locator;
  readonly stats: Locator;
  readonly summary: Locator;
  readonly machine: Locator;
  readonly speedUpFigure: Locator;
  readonly timeline: Locator;
  readonly timelineLanes: Locator;
  readonly magnified: Locator;
  /** "Quiet run": no progress bars, timeline or frame meter while a run goes. */
  readonly quietRun: Locator;

  constructor(readonly page: Page) {
    this.slider = page.getByRole('slider', { name: 'Workers' });
    this.totalCount = page.getByRole('textbox', { name: 'Total count' });
    this.runButton = page.getByRole('button', { name: 'Run', exact: true });
    this.stopButton = page.getByRole('button', { name: 'Stop', exact: true });
    this.quietRun = page.getByRole('checkbox', { name: 'Quiet run' });
    this.results = page.getByRole('table', { name: 'Results' });
    this.resultRows = this.results.locator('tbody tr:not(:has(td.empty))');
    this.timeFigure = page.getByRole('figure', { name: /^Wall-clock time/ });
    this.chartPoints = this.timeFigure.locator('.run-dots .recharts-scatter-symbol');
    this.status = page.getByRole('region', { name: 'Run' }).getByRole('status').last();
    this.countHelp = page.locator('#total-count-help');
    this.sweepButton = page.getByRole('button', { name: 'Run sweep' });
    this.workerCounts = page.getByRole('textbox', { name: 'Worker counts' });
    this.repeats = page.getByRole('spinbutton', { name: 'Repeats' });
    this.sweepStatus = page.getByRole('status', { name: 'Sweep progress' });
    this.stats = page.getByRole('table', { name: 'Statistics' });
    this.summary = page.getByRole('region', { name: 'Summary' });
    this.machine = page.getByRole('region', { name: 'This machine' });
    this.speedUpFigure = page.getByRole('figure', { name: /^Speed-up/ });
    this.timeline = page.getByRole('figure', { name: /^Timeline/ });
    // The run's own lanes: a run that took turns also has a magnified drawing, a figure of its own inside this one.
    this.timelineLanes = this.timeline.locator(':scope > .timeline-drawing .timeline-lane');
    this.magnified = this.timeline.getByRole('figure', { name: 'First 40 ms, magnified' });
  }

  /** Opens the lab and waits until it has measured this device's speed and let the measuring worker go. */
  async goto(search = '') {
    await this.page.goto(`/${search}`);
    await expect(this.runButton).toBeVisible();
    await expect(this.countHelp).not.toContainText('Measuring', { timeout: 10_000 });
    await expect.poll(() => this.page.workers().length).toBe(0);
  }

  /** Lane `worker`'s progress bar ("Worker 2", or "Task 2" on the main thread). */
  progressBar(worker: number, lane: 'Worker' | 'Task' = 'Worker'): Locator {
    return this.page.getByRole('progressbar', { name: `${lane} ${String(worker)}`, exact: true });
  }

  /** Waits until lane `worker` has counted something: the run is under way, however fast this machine counts. */
  async waitUntilCounting(worker = 1, lane: 'Worker' | 'Task' = 'Worker') {
    await expect.poll(async () => Number(await this.progressBar(worker, lane).getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(0);
  }

  /** Sets the slider with the keyboard: Home, then ArrowRight. */
  async setWorkers(workers: number) {
    await this.slider.focus();
    await this.slider.press('Home');
    for (let step = 1; step < workers; step += 1) await this.slider.press('ArrowRight');
    await expect(this.slider).toHaveValue(String(workers));
  }

  async setTotal(total: string) {
    await this.totalCount.fill(total);
  }

  /** The text of one cell of a result row, by its column's header. */
  async cell(row: Locator, header: string): Promise<string> {
    const headers = await this.results.locator('thead th').allTextContents();
    const index = headers.indexOf(header);
    expect(index, `column "${header}"`).toBeGreaterThanOrEqual(0);
    return (await row.locator('td').nth(index).textContent()) ?? '';
  }

  /** Runs to the end and returns the new row. */
  async runAndWait(workers: number, total: string): Promise<Locator> {
    const before = await this.resultRows.count();
    await this.setWorkers(workers);
    await this.setTotal(total);
    await this.runButton.click();
    await expect(this.resultRows).toHaveCount(before + 1, { timeout: 30_000 });
    return this.resultRows.nth(before);
  }

  /** A quick sweep of 1 and 2 workers, one run each, at the count already set: two runs and two rows of statistics. */
  async sweepOneAndTwo() {
    await this.workerCounts.fill('1, 2');
    await this.repeats.fill('1');
    await this.sweepButton.click();
    await expect(this.stats.locator('tbody tr')).toHaveCount(2, { timeout: 60_000 });
    await expect(this.sweepStatus).toHaveCount(0);
    await expect(this.resultRows).toHaveCount(2);
  }
}

/** Counts the page's dedicated workers as they come and go: how many at once, and in all. */
export class WorkerWatch {
  created = 0;
  alive = 0;
  mostAlive = 0;

  constructor(page: Page) {
    page.on('worker', (worker: Worker) => {
      this.created += 1;
      this.alive += 1;
      this.mostAlive = Math.max(this.mostAlive, this.alive);
      worker.on('close', () => {
        this.alive -= 1;
      });
    });
  }

  reset() {
    this.created = 0;
    this.mostAlive = this.alive;
  }
}

/**
 * Every test gets the lab page, and fails if the page logs a console error,
 * throws, or asks any host but its own for anything. A test that injects a
 * fault the browser itself reports (a render error React logs, say) names those
 * reports in `expectedConsoleErrors`, one pattern each, matched against
 * "console error: …" or "page error: …": each must turn up, and anything else
 * still fails the test.
 */
export const test = base.extend<{ lab: LabPage; workerWatch: WorkerWatch; expectedConsoleErrors: RegExp[] }>({
  expectedConsoleErrors: [[], { option: true }],
  // E2E_CPU_THROTTLE (e2e/speed.ts): the test's page is slowed before the test starts, a second page as it opens.
  page: async ({ page }, use) => {
    await throttleCpu(page);
    page.context().on('page', (opened) => void throttleCpu(opened));
    await use(page);
  },
  lab: async ({ page, baseURL, expectedConsoleErrors }, use) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(baseURL ?? '') && !url.startsWith('data:') && !url.startsWith('blob:')) {
        problems.push(`request to another host: ${url}`);
      }
    });
    await use(new LabPage(page));
    const unexpected = problems.filter((problem) => !expectedConsoleErrors.some((pattern) => pattern.test(problem)));
    expect(unexpected, 'console errors, page errors and requests to other hosts').toEqual([]);
    const missing = expectedConsoleErrors.filter((pattern) => !problems.some((problem) => pattern.test(problem)));
    expect(missing, 'expected console errors that never came').toEqual([]);
  },
  workerWatch: async ({ page }, use) => {
    await use(new WorkerWatch(page));
  },
});

export { expect };
