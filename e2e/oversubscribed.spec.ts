import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type LabPage } from './labPage';
import { typed } from './speed';

/** A share of a core as the lanes say it ("about 25% of a core"), in percent. */
function percentOfACore(text: string): number {
  if (text === 'about a whole core') return 100;
  if (text === 'under 5% of a core') return 2.5;
  const match = /^about (\d+)% of a core$/.exec(text);
  if (!match) throw new Error(`"${text}" is not a share of a core.`);
  return Number(match[1]);
}

/** The cores this browser reports, as the page reads them. */
const reportedCores = (page: Page) => page.evaluate(() => navigator.hardwareConcurrency);

/** What the run region shows at one moment: whether the timeline still grows, its sentence on turns, and how many shares of a core. */
const atOnce = (page: Page) =>
  page.evaluate(() => ({
    live: document.querySelector('figure.timeline-live') !== null,
    turns: document.querySelector('.timeline-core-turns')?.textContent ?? null,
    shares: document.querySelectorAll('.lane-core-share').length,
  }));

const shares = (page: Page) => page.getByRole('list', { name: /^Workers of run/ }).locator('.lane-core-share');
const turns = (lab: LabPage) => lab.timeline.locator('.timeline-core-turns');

test('more counting workers than cores: the system’s turns said while they count, each worker’s share of a core after', async ({ lab, page }) => {
  await lab.goto();
  const cores = await reportedCores(page);
  const top = Number(await lab.slider.getAttribute('max'));
  const workers = Math.min(top, 2 * cores);
  expect(workers, 'the slider goes past the cores').toBeGreaterThan(cores);
  await lab.setWorkers(workers);
  // Far too long to end by itself on any machine: it ends with Stop.
  await lab.setTotal(typed('1e12'));
  await lab.runButton.click();
  await lab.waitUntilCounting(1);

  // Read at one moment: while the run goes, the turns in the present and no share of a core yet.
  await expect
    .poll(() => atOnce(page))
    .toEqual({
      live: true,
      turns: `${String(workers)} workers, ${String(cores)} ${cores === 1 ? 'core' : 'cores'}: the operating system takes turns between the workers, out of the page’s sight, so each lane’s “counting” means its turn comes and goes.`,
      shares: 0,
    });

  // A stopped run took its turns too, but says no share: its workers' counts were cut short.
  await lab.stopButton.click();
  await expect(lab.status).toContainText(/^Stopped/);
  await expect(turns(lab)).toHaveText(/the operating system took turns between the workers, .* was its turn coming and going\.$/);
  await expect(shares(page)).toHaveCount(0);

  // One worker counting alone just before, with the same loop: the shares are measured against it, not against the speed
  // measured as the page opened, which a busy machine can make so slow that a share passes MOST_PLAUSIBLE_SHARE and all are hidden.
  // A run that ends by itself: each worker's share of a core under its bar. A machine busy with other work can leave the
  // workers under half the cores (LEAST_SHARES_OF_CORES): then no share is shown and the sentence promises none, so up to 3 tries.
  let aloneRun = '';
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const alone = await lab.runAndWait(1, typed('1e9'));
    aloneRun = await lab.cell(alone, '#');
    expect(aloneRun).toMatch(/^\d+$/);
    await lab.runAndWait(workers, typed(String(1e9 * cores)));
    await expect(lab.timelineLanes.locator('.timeline-state')).toHaveText(Array<string>(workers).fill('done'));
    await expect(turns(lab)).toContainText('took turns between');
    if ((await shares(page).count()) > 0) break;
    await expect(turns(lab)).not.toContainText('share of a core');
  }
  await expect(shares(page)).toHaveCount(workers);
  for (const share of await shares(page).allTextContents()) {
    const percent = percentOfACore(share);
    expect(percent).toBeGreaterThan(0);
    expect(percent).toBeLessThanOrEqual(100);
  }
  // Each share sits in its worker's lane, under its bar.
  const lanes = page.getByRole('list', { name: /^Workers of run/ }).getByRole('listitem');
  for (const [index, lane] of (await lanes.all()).entries()) {
    await expect(lane.locator('.lane-name')).toHaveText(`Worker ${String(index + 1)}`);
    await expect(lane.locator('.lane-core-share')).toHaveCount(1);
  }
  await expect(turns(lab)).toContainText('the system took turns between them');
  // The sentence and the shares read as the rest of the run region does (WCAG 2.2 AA, as e2e/a11y.spec.ts).
  const { violations } = await new AxeBuilder({ page }).include('section.now').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  expect(violations.map((violation) => violation.id)).toEqual([]);
  await expect(turns(lab)).toContainText(new RegExp(`Each bar shows its worker’s share of a core against one worker alone in run ${aloneRun}\\.$`));
});

test('no more workers than cores: no word of turns, and no share of a core', async ({ lab, page }) => {
  await lab.goto();
  const cores = await reportedCores(page);
  const top = Number(await lab.slider.getAttribute('max'));
  const workers = Math.min(top, cores);
  await lab.setWorkers(workers);
  await lab.setTotal(typed('1e12'));
  await lab.runButton.click();
  await lab.waitUntilCounting(1);
  await expect(lab.timelineLanes).toHaveCount(workers);
  expect(await atOnce(page)).toEqual({ live: true, turns: null, shares: 0 });
  await lab.stopButton.click();
  await expect(lab.status).toContainText(/^Stopped/);

  await lab.runAndWait(workers, typed(String(1e9 * cores)));
  await expect(lab.timelineLanes.locator('.timeline-state')).toHaveText(Array<string>(workers).fill('done'));
  await expect(page.getByRole('list', { name: /^Workers of run/ }).getByRole('listitem')).toHaveCount(workers);
  await expect(shares(page)).toHaveCount(0);
  await expect(turns(lab)).toHaveCount(0);
});

test('waiting tasks beyond the cores need no core: no word of turns, and no share of a core', async ({ lab, page }) => {
  await lab.goto();
  const cores = await reportedCores(page);
  const top = Number(await lab.slider.getAttribute('max'));
  const workers = Math.min(top, 2 * cores);
  await page.getByRole('group', { name: 'Task' }).getByRole('radio', { name: 'I/O-bound: waiting' }).check();
  await lab.runAndWait(workers, typed('1e9'));
  await expect(lab.timelineLanes).toHaveCount(workers);
  await expect(shares(page)).toHaveCount(0);
  await expect(turns(lab)).toHaveCount(0);
});
