import { expect, test, type LabPage } from './labPage';
import { typed } from './speed';

/**
 * For each execution model and task, a small sweep, then the Summary and "This machine" are read
 * for the right reason and for the absence of the wrong one. Only sentences decided by the model
 * and the task are checked, never which worker count won: that depends on the machine.
 */

/** A quick sweep: 1, 2 and 3 lanes, once each, of a small count (a warm-up first). */
async function sweep(lab: LabPage, search: string) {
  await lab.goto(`?workers=1&count=${typed('1e8')}${search}`);
  await lab.workerCounts.fill('1-3');
  await lab.repeats.fill('1');
  await lab.sweepButton.click();
  await expect(lab.sweepStatus).toHaveCount(0, { timeout: 60_000 });
  await expect(lab.resultRows).toHaveCount(3);
}

/** What "Cores the runs measured" says. */
const coresMeasured = (lab: LabPage) => lab.machine.locator('dt:has-text("Cores the runs measured") + dd');

/** What only workers in parallel that count can say: cores, start-up costs past the cores, Amdahl's serial fraction. */
const CORES_ONLY = [/start-up cost/, /too small to share/, /Karp–Flatt/, /shared by \d+ cores?/, /Beyond \d/, /Speed-up still grew/];

async function expectNone(lab: LabPage, patterns: readonly RegExp[]) {
  const said = (await lab.summary.textContent()) ?? '';
  for (const pattern of patterns) expect(said, String(pattern)).not.toMatch(pattern);
}

const ideal = (lab: LabPage) => lab.speedUpFigure.locator('figcaption');

test.describe('the Summary and This machine tell the right reason for each model and task', () => {
  test('workers in parallel, counting: the cores, measured', async ({ lab }) => {
    await sweep(lab, '');
    await expect(lab.summary).toContainText(/Beyond \d+|Speed-up still grew at 3 workers/);
    await expect(coresMeasured(lab)).toHaveText(/^\d+/);
    await expect(ideal(lab)).toContainText(/which grows with the workers up to the \d+ cores and stays flat after/);
    await expectNone(lab, [/one worker counts at a time/, /needs no core/, /one thread/, /of waiting/]);
  });

  test('workers sharing one lock, counting: the lock, whatever the cores or the count', async ({ lab }) => {
    await sweep(lab, '&model=lock');
    await expect(lab.summary).toContainText('Under one lock one worker counts at a time, so more workers cannot count faster, whatever the cores or the count: 3 workers took');
    await expectNone(lab, [...CORES_ONLY, /larger total count/, /needs no core/]);
    const fit = lab.summary.getByText(/^Fitted model:/);
    if ((await fit.count()) > 0) await expect(fit).toContainText('of counting, one worker at a time');
    await expect(coresMeasured(lab)).toHaveText(
      'not measured: runs under one lock do not measure them, since one worker counts at a time. A sweep of workers in parallel that count measures them',
    );
    await expect(ideal(lab)).toContainText('which stays at 1×: one worker holds the lock at a time, whatever the cores');
  });

  test('the main thread, counting: one thread taking turns, with no workers to start', async ({ lab }) => {
    await sweep(lab, '&model=main-thread');
    await expect(lab.summary).toContainText('On the main thread one thread counts every task, in turns, so more tasks cannot count faster, whatever the cores or the count: 3 tasks took');
    await expect(lab.summary).toContainText('There are no workers to start: the tasks only take turns.');
    await expectNone(lab, [...CORES_ONLY, /start-up/, /per worker/, /larger total count/]);
    await expect(coresMeasured(lab)).toHaveText(/^not measured: runs on the main thread do not measure them, since one thread counts every task\./);
    await expect(ideal(lab)).toContainText('which stays at 1×: one thread counts every task, whatever the cores');
  });

  test('the main thread frozen, counting: a series of its own, said as frozen', async ({ lab, page }) => {
    await lab.goto(`?workers=1&count=${typed('1e8')}&model=main-thread`);
    await page.getByRole('checkbox', { name: 'Freeze the page' }).check();
    await lab.workerCounts.fill('1-3');
    await lab.repeats.fill('1');
    await lab.sweepButton.click();
    await expect(lab.sweepStatus).toHaveCount(0, { timeout: 60_000 });
    await expect(lab.resultRows).toHaveCount(3);
    for (const row of await lab.resultRows.all()) expect(await lab.cell(row, 'Mode')).toBe('main thread, frozen, split');
    await expect(lab.summary).toContainText('Frozen, the page’s one thread counts the tasks’ slices back to back and draws nothing until they end');
    await expectNone(lab, [...CORES_ONLY, /start-up/, /per worker/]);
  });

  test('after workers in parallel counted, other runs show the cores those measured, and say so', async ({ lab, page }) => {
    await sweep(lab, '');
    await expect(coresMeasured(lab)).toHaveText(/^\d+/);
    await expect(coresMeasured(lab)).not.toContainText('from the latest runs');
    await page.getByRole('group', { name: 'Execution model' }).getByRole('radio', { name: 'Workers sharing one lock' }).check();
    await lab.sweepButton.click();
    await expect(lab.sweepStatus).toHaveCount(0, { timeout: 60_000 });
    await expect(lab.resultRows).toHaveCount(6);
    await expect(lab.summary).toContainText('Under one lock one worker counts at a time');
    await expect(coresMeasured(lab)).toHaveText(
      /^\d+ \(from the latest runs of workers in parallel that count: runs under one lock do not measure them, since one worker counts at a time\)/,
    );
  });

  for (const [model, search, reason, lanes] of [
    ['workers in parallel', '', 'A waiting task needs no core, so the waits overlap beyond the cores', 'workers'],
    [
      'workers sharing one lock',
      '&model=lock',
      'A waiting worker gives the lock up for its wait, as a Python thread gives up the GIL, and a wait needs no core, so the waits overlap beyond the cores',
      'workers',
    ],
    ['the main thread', '&model=main-thread', 'A wait needs no core and no thread of its own: the page’s one thread starts every timer, so the waits overlap beyond the cores', 'tasks'],
  ] as const) {
    test(`${model}, waiting: a wait needs no core`, async ({ lab }) => {
      await sweep(lab, `${search}&task=io`);
      await expect(lab.summary).toContainText(`${reason}: 3 ${lanes} waited at once`);
      await expectNone(lab, [...CORES_ONLY, /of counting/, /one worker counts at a time/]);
      const fit = lab.summary.getByText(/^Fitted model:/);
      if ((await fit.count()) > 0) await expect(fit).toContainText(`of waiting divided among the ${lanes}, all waiting at once`);
      await expect(coresMeasured(lab)).toHaveText(/^not measured: waiting runs do not measure them, since a wait needs no core\./);
      await expect(ideal(lab)).toContainText(/which grows with every (worker|task), beyond the \d+ cores: a wait needs no core/);
    });
  }
});
