import { expect, test } from './labPage';

/** Records every history.replaceState call the page makes, with its time; optionally refuses them all, as WebKit does past its limit. */
function watchReplaceState(refuse: boolean) {
  const calls: number[] = [];
  Object.defineProperty(window, '__replaceStateCalls', { value: calls });
  // The page has one History, window.history: its own method, bound, is the original.
  const original = window.history.replaceState.bind(window.history);
  History.prototype.replaceState = function (this: History, ...args: Parameters<History['replaceState']>) {
    calls.push(performance.now());
    if (refuse) throw new DOMException('Attempt to use history.replaceState() more than 100 times per 10 seconds', 'SecurityError');
    original(...args);
  };
}

/** Records when each worker is created, by a Worker class that notes the time before it constructs. */
function watchWorkerCreation() {
  const created: number[] = [];
  Object.defineProperty(window, '__workersCreated', { value: created });
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url: string | URL, options?: WorkerOptions) {
      created.push(performance.now());
      super(url, options);
    }
  };
}

/** What watchReplaceState and watchWorkerCreation recorded so far, as times on the page's clock (empty where one was not installed). */
const recorded = (page: import('@playwright/test').Page) =>
  page.evaluate(() => {
    const watched = window as unknown as { __replaceStateCalls?: number[]; __workersCreated?: number[] };
    return { writes: watched.__replaceStateCalls ?? [], workers: watched.__workersCreated ?? [] };
  });

const replaceStateCalls = async (page: import('@playwright/test').Page) => (await recorded(page)).writes.length;

test.describe('the link in the address bar', () => {
  // WebKit throws after 100 replaceState calls in 10 s; the page once made one per slider step and went blank.
  test('a slider swept back and forth 150 times writes the link a few times, not 150', async ({ lab, page }) => {
    await page.addInitScript(watchReplaceState, false);
    await lab.goto('?workers=1&count=5000000');
    const before = await replaceStateCalls(page);
    await lab.slider.focus();
    for (let step = 0; step < 75; step += 1) {
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowLeft');
    }
    await page.keyboard.press('ArrowRight');
    await expect(page).toHaveURL(/\?workers=2&count=5000000$/);
    const writes = (await replaceStateCalls(page)) - before;
    expect(writes).toBeGreaterThanOrEqual(1);
    expect(writes).toBeLessThanOrEqual(10);
  });

  test('a browser that refuses every replaceState leaves a working page', async ({ lab, page }) => {
    await page.addInitScript(watchReplaceState, true);
    await lab.goto('?workers=1&count=5000000');
    await lab.slider.focus();
    for (let step = 0; step < 20; step += 1) await page.keyboard.press('ArrowRight');
    await expect.poll(() => replaceStateCalls(page)).toBeGreaterThan(0);
    // The address stays as it was; the page goes on and counts.
    await expect(page).toHaveURL(/\?workers=1&count=5000000$/);
    const row = await lab.runAndWait(2, '4000000');
    expect(await lab.cell(row, 'Check')).toBe('Counted 4,000,000');
    await expect(lab.runButton).toBeEnabled();
  });

  // A new address makes Chromium fetch and decode the page's icon again (7–12 ms of the page's thread): never while a run's workers start.
  test('a Run right after a change writes the link once the run has ended, not while its workers start', async ({ lab, page }) => {
    await page.addInitScript(watchReplaceState, false);
    await page.addInitScript(watchWorkerCreation);
    await lab.goto('?workers=1&count=5000000');
    const before = await recorded(page);
    await lab.totalCount.fill('4000000');
    await page.keyboard.press('Enter');
    await expect(lab.resultRows).toHaveCount(1, { timeout: 30_000 });
    const ended = await page.evaluate(() => performance.now());
    await expect(page).toHaveURL(/\?workers=1&count=4000000$/);
    const seen = await recorded(page);
    expect(seen.workers.length).toBeGreaterThan(before.workers.length);
    expect(seen.writes.length).toBe(before.writes.length + 1);
    // Written after the run's first worker was created (the run was under way), and by the run's end at the latest, not by a timer later.
    expect(seen.writes[before.writes.length]).toBeGreaterThan(seen.workers[before.workers.length]);
    expect(seen.writes[before.writes.length]).toBeLessThanOrEqual(ended);
  });

  test('a link with every parameter sets every control, and the address bar keeps them all', async ({ lab, page }) => {
    await lab.goto('?kernel=wasm&task=io&model=lock&count=5000000&workers=3');
    await expect(lab.slider).toHaveValue('3');
    await expect(lab.totalCount).toHaveValue('5000000');
    await expect(page.getByRole('group', { name: 'Execution model' }).getByRole('radio', { name: 'Workers sharing one lock' })).toBeChecked();
    await expect(page.getByRole('group', { name: 'Task' }).getByRole('radio', { name: 'I/O-bound: waiting' })).toBeChecked();
    await expect(lab.machine.locator('dt:has-text("Counting kernel") + dd')).toHaveText('WebAssembly (as the link asks; no run yet)');
    await expect(page.getByRole('status', { name: 'Link' })).toHaveCount(0);
    // Written back in the page's own order; the kernel stays, so that a reload counts with the same loop.
    await expect(page).toHaveURL(/\?workers=3&count=5000000&model=lock&task=io&kernel=wasm$/);
  });

  test('a model, a task and a switch that are not choices are ignored, each with its sentence', async ({ lab, page }) => {
    await lab.goto('?model=gil&task=sleep&present=maybe');
    await expect(page.getByRole('group', { name: 'Execution model' }).getByRole('radio', { name: 'Workers in parallel' })).toBeChecked();
    await expect(page.getByRole('group', { name: 'Task' }).getByRole('radio', { name: 'CPU-bound: counting' })).toBeChecked();
    await expect(page.getByRole('status', { name: 'Link' }).getByRole('listitem')).toHaveText([
      'The link’s model=“gil” is not one of parallel, lock, main-thread, so it was ignored.',
      'The link’s task=“sleep” is not one of cpu, io, so it was ignored.',
      'The link’s present=“maybe” is not 1 or 0, so it was ignored.',
    ]);
  });
});
