import { expect, test, type LabPage } from './labPage';
import { grouped, scaledCount, typed } from './speed';

/** Two waits in a row (2 × this) cannot pass for two that overlap (under 1.5 × this + 50 ms). */
const LEAST_WAIT_MS = 200;

/** Chooses a model and a task by their radio buttons, as a student does. */
async function choose(lab: LabPage, model: string, task: string) {
  const page = lab.page;
  await page.getByRole('group', { name: 'Execution model' }).getByRole('radio', { name: model }).check();
  await page.getByRole('group', { name: 'Task' }).getByRole('radio', { name: task }).check();
}

/** The names of the run's lanes in the timeline (never the magnified drawing's, a figure of its own). */
const laneNames = (lab: LabPage) => lab.timelineLanes.locator('.timeline-name').allTextContents();

test.describe('Execution model and Task', () => {
  test('offer the lesson’s three models and two tasks, in the link too', async ({ lab, page }) => {
    await lab.goto('?workers=2&count=1e8&model=lock&task=io');
    await expect(page.getByRole('group', { name: 'Execution model' }).getByRole('radio', { name: 'Workers sharing one lock' })).toBeChecked();
    await expect(page.getByRole('group', { name: 'Task' }).getByRole('radio', { name: 'I/O-bound: waiting' })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'Freeze the page' })).toBeDisabled();
    await choose(lab, 'Main thread', 'CPU-bound: counting');
    await expect(page.getByRole('checkbox', { name: 'Freeze the page' })).toBeEnabled();
    await expect(page).toHaveURL(/[?&]model=main-thread(&|$)/, { timeout: 5000 });
    await expect(page).not.toHaveURL(/task=/);
  });

  for (const [model, lanes, mode] of [
    ['Workers in parallel', 'Worker', ''],
    ['Workers sharing one lock', 'Worker', 'one lock, '],
    ['Main thread', 'Task', 'main thread, '],
  ] as const) {
    test(`"${model}" counts exactly, on its own lanes`, async ({ lab }) => {
      await lab.goto();
      await choose(lab, model, 'CPU-bound: counting');
      // Whether the lanes took turns (and a magnified drawing appeared) depends on this machine's speed: the run's lanes are the same either way.
      const row = await lab.runAndWait(2, typed('2e7'));
      expect(await lab.cell(row, 'Check')).toBe(`Counted ${grouped('2e7')}`);
      expect(await lab.cell(row, 'Mode')).toBe(`${mode}split${model === 'Main thread' ? '' : ', fresh'}`);
      const timeline = lab.timeline;
      expect(await laneNames(lab)).toEqual([`${lanes} 1`, `${lanes} 2`]);
      await expect(lab.timelineLanes).toHaveCount(2);
      await expect(lab.progressBar(2, lanes)).toHaveAttribute('aria-valuenow', String(Math.floor(scaledCount('2e7') / 2)));
      await expect(timeline.locator('.timeline-state')).toHaveText(['done', 'done']);
      await expect(timeline.locator('.timeline-shares')).toContainText(`Share of time spent counting: ${lanes} 1`);
    });

    test(`"${model}" waits as long as asked, and the waits overlap`, async ({ lab, page }) => {
      await lab.goto();
      await choose(lab, model, 'I/O-bound: waiting');
      const hint = page.locator('.model-hint');
      await lab.setWorkers(2);
      // The waits follow this machine's measured speed: read them from the page.
      const hintedWaitMs = async () => {
        const text = (await hint.textContent()) ?? '';
        const match = /each of 2 tasks waits ([\d.,]+) (ms|s)/.exec(text);
        expect(match, text).not.toBeNull();
        return Number(match?.[1].replace(/,/g, '')) * (match?.[2] === 's' ? 1000 : 1);
      };
      let total = scaledCount('1e9');
      await lab.setTotal(String(total));
      // Two waits in a row (2 × the wait) must not fit under the bound for two that overlap (1.5 × the wait + 50 ms):
      // on a fast machine 10^9 waits too little for that, so the total grows until each wait is at least LEAST_WAIT_MS.
      const firstWaitMs = await hintedWaitMs();
      if (firstWaitMs < LEAST_WAIT_MS) {
        total = Math.ceil((1.25 * LEAST_WAIT_MS * total) / firstWaitMs / 1e8) * 1e8;
        await lab.setTotal(String(total));
        await expect.poll(hintedWaitMs).toBeGreaterThanOrEqual(LEAST_WAIT_MS);
      }
      const waitMs = await hintedWaitMs();
      const row = await lab.runAndWait(2, String(total));
      expect(await lab.cell(row, 'Check')).toMatch(/^Waited 2 × [\d.,]+ (ms|s)$/);
      const wall = Number((await lab.cell(row, 'Wall-clock (ms)')).replace(/,/g, ''));
      const startup = Number((await lab.cell(row, 'Start-up (ms)')).replace(/,/g, ''));
      // Two waits that overlap take about one wait, not two: this holds for the lock and the main thread too.
      expect(wall - startup).toBeGreaterThanOrEqual(waitMs - 1);
      expect(wall - startup).toBeLessThan(waitMs * 1.5 + 50);
      await expect(lab.timelineLanes.locator('.timeline-segment[data-state="waiting-io"]')).toHaveCount(2);
      await expect(lab.timeline.locator('.timeline-shares')).toContainText('Waiting for I/O:');
    });
  }

  test('the lock lets one worker count at a time, handing over as the lanes show', async ({ lab }) => {
    await lab.goto();
    await choose(lab, 'Workers sharing one lock', 'CPU-bound: counting');
    // Turns last 5 ms however fast this machine counts: 10^9 under the lock lasts about 260 ms here, over 100 ms on a CPU twice as fast.
    const row = await lab.runAndWait(2, typed('1e9'));
    expect(await lab.cell(row, 'Check')).toBe(`Counted ${grouped('1e9')}`);
    // Many turns each: in the magnified part, the lanes alternate between counting and waiting for the lock,
    // and never count at the same moment.
    const magnified = lab.magnified;
    await expect(magnified).toContainText('One worker holds the lock and counts for about a switch interval (5 ms)');
    // The magnified drawing is a figure of its own: the run's lanes are still two, and named as before.
    expect(await laneNames(lab)).toEqual(['Worker 1', 'Worker 2']);
    const spans: { lane: number; from: number; to: number }[] = [];
    const tracks = await magnified.locator('.timeline-track').all();
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
    // A pixel of rounding where one lane's turn ends and the next one's begins.
    for (let index = 1; index < spans.length; index += 1) expect(spans[index].from).toBeGreaterThanOrEqual(spans[index - 1].to - 1);
    await expect(lab.machine).toContainText(/Hand-over in run \d+: [\d.]+ ms on average, over \d+ hand-overs\./);
  });

  test('Stop ends a run under the lock, and on the main thread, within moments', async ({ lab, page }) => {
    // One page, both models: the second run's row comes after the first's.
    await lab.goto();
    for (const [index, model] of (['Workers sharing one lock', 'Main thread'] as const).entries()) {
      await choose(lab, model, 'CPU-bound: counting');
      await lab.setWorkers(2);
      // Far too long to end by itself on any machine: it ends only with Stop, once it is counting.
      await lab.setTotal(typed('1e11'));
      await lab.runButton.click();
      await expect(lab.stopButton).toBeEnabled();
      await lab.waitUntilCounting(1, model === 'Main thread' ? 'Task' : 'Worker');
      await expect(lab.resultRows).toHaveCount(index);
      await lab.stopButton.click();
      await expect(lab.resultRows).toHaveCount(index + 1, { timeout: 5000 });
      expect(await lab.cell(lab.resultRows.nth(index), 'Check')).toBe('Stopped');
      await expect.poll(() => page.workers().length).toBe(0);
    }
  });

  test('a frozen main-thread run stops at its cap and says so', async ({ lab, page }) => {
    await lab.goto();
    await choose(lab, 'Main thread', 'CPU-bound: counting');
    await page.getByRole('checkbox', { name: 'Freeze the page' }).check();
    await expect(page.getByText(/A frozen run stops after 3 s of counting/)).toBeVisible();
    // Far more than 3 s of counting on any machine: the cap ends it.
    const row = await lab.runAndWait(1, typed('1e12'));
    expect(await lab.cell(row, 'Check')).toBe('Stopped at the freeze cap');
  });

  test('the summary contrasts waiting with counting, with the measured times', async ({ lab }) => {
    await lab.goto();
    for (const task of ['I/O-bound: waiting', 'CPU-bound: counting'] as const) {
      for (const model of ['Main thread', 'Workers in parallel'] as const) {
        await choose(lab, model, task);
        await lab.runAndWait(2, typed('1e9'));
      }
    }
    await expect(lab.summary).toContainText(/Waiting: 2 tasks took [\d.]+ m?s on the main thread, [\d.]+ m?s with workers in parallel\./);
    await expect(lab.summary).toContainText(/Counting: 2 tasks took [\d.]+ m?s on the main thread, [\d.]+ m?s with workers in parallel\./);
  });

  for (const [model, mode] of [
    ['Workers sharing one lock', 'one lock, split, pool'],
    ['Main thread', 'main thread, waiting, split'],
  ] as const) {
    test(`a sweep runs "${model}" with ${mode.includes('waiting') ? 'waiting' : 'pooled counting'} tasks, and the chart says which`, async ({ lab, page }) => {
      await lab.goto(`?workers=1&count=${typed('1e8')}`);
      await choose(lab, model, mode.includes('waiting') ? 'I/O-bound: waiting' : 'CPU-bound: counting');
      await page.getByRole('radio', { name: 'Reuse a pool started once' }).check();
      await lab.workerCounts.fill('1, 2');
      await lab.repeats.fill('1');
      await lab.sweepButton.click();
      await expect(lab.sweepStatus).toHaveCount(0, { timeout: 60_000 });
      await expect(lab.resultRows).toHaveCount(2);
      for (const row of await lab.resultRows.all()) {
        expect(await lab.cell(row, 'Mode')).toBe(mode);
        if (mode.includes('waiting')) expect(await lab.cell(row, 'Check')).toMatch(/^Waited \d × /);
        else expect(await lab.cell(row, 'Check')).toBe(`Counted ${grouped('1e8')}`);
      }
      const caption = page.getByRole('figure', { name: /^Wall-clock time/ }).locator('figcaption');
      await expect(caption).toContainText(model === 'Main thread' ? 'split over the tasks, on the main thread' : 'the workers sharing one lock');
      // The pool keeps its 2 workers for the next run; the main thread never took one.
      await expect.poll(() => page.workers().length).toBe(model === 'Main thread' ? 0 : 2);
    });
  }
});
