import type { Locator, Page } from '@playwright/test';
import { expect, test, type LabPage } from './labPage';
import { typed } from './speed';
import { resultsFile } from '../src/lab/exchange/resultsFile';
import { makeRun } from '../src/testing/makeRun';

/** A run of 2 workers far too long to end by itself on any machine, watched while it counts, then stopped. */
const LONG_RUN = `?workers=2&count=${typed('1e12')}`;

/** Screens of 1280 px and wider, where the wall-clock chart stands beside the settings: a laptop's and a projector's. */
const WIDE_SCREENS = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

const form = (page: Page) => page.getByRole('form', { name: 'Run settings' });

/** The box of a part, or a failure naming it. */
async function boxOf(part: Locator, name: string) {
  const box = await part.boundingBox();
  if (!box) throw new Error(`${name} has no box.`);
  return box;
}

/** Fails unless the wall-clock chart lies wholly inside the window (as scrolled now) and right of the settings; its box. */
async function expectChartInSightBesideSettings(lab: LabPage, when: string) {
  const viewport = lab.page.viewportSize();
  if (!viewport) throw new Error('The page has no viewport size.');
  const chart = await boxOf(lab.timeFigure, 'the wall-clock chart');
  const settings = await boxOf(form(lab.page), 'the Run settings');
  const size = `${String(viewport.width)}×${String(viewport.height)}, ${when}`;
  expect(chart.y, `the chart's top at ${size}`).toBeGreaterThanOrEqual(0);
  expect(chart.y + chart.height, `the chart's bottom at ${size}`).toBeLessThanOrEqual(viewport.height);
  expect(chart.x + chart.width, `the chart's right at ${size}`).toBeLessThanOrEqual(viewport.width);
  expect(chart.x, `the chart starts right of the settings at ${size}`).toBeGreaterThanOrEqual(settings.x + settings.width);
  return chart;
}

/** Fails unless the chart is where it was: what a class watches must not jump while the workers count or when they end. */
function expectChartNotMoved(before: { x: number; y: number }, now: { x: number; y: number }, when: string) {
  expect(Math.abs(now.y - before.y), `the chart moved up or down ${when}`).toBeLessThanOrEqual(1);
  expect(Math.abs(now.x - before.x), `the chart moved sideways ${when}`).toBeLessThanOrEqual(1);
}

test.describe('the wall-clock chart in sight outside presentation mode', () => {
  for (const size of WIDE_SCREENS) {
    test(`${String(size.width)}×${String(size.height)}: beside the settings and in the window before, during and after a run`, async ({
      lab,
      page,
    }) => {
      await page.setViewportSize(size);
      await lab.goto(LONG_RUN);
      await expect(page.getByRole('button', { name: 'Presentation mode' })).toHaveAttribute('aria-pressed', 'false');
      await expect(lab.timeFigure.locator('.recharts-wrapper')).toBeVisible();
      const before = await expectChartInSightBesideSettings(lab, 'before a run');

      await lab.runButton.click();
      await lab.waitUntilCounting(2);
      await expect(lab.timelineLanes).toHaveCount(2);
      expectChartNotMoved(before, await expectChartInSightBesideSettings(lab, 'while the workers count'), 'while the workers count');

      await lab.stopButton.click();
      await expect(lab.resultRows).toHaveCount(1);
      expectChartNotMoved(before, await expectChartInSightBesideSettings(lab, 'after a run'), 'after a run');
    });
  }

  test('1280×720: in the same place while a sweep runs, and in sight after it, when the Summary has its sentences', async ({ lab, page }) => {
    await page.setViewportSize(WIDE_SCREENS[0]);
    await lab.goto('?count=20000000');
    await expect(lab.timeFigure.locator('.recharts-wrapper')).toBeVisible();
    await lab.workerCounts.fill('1-3');
    await lab.repeats.fill('1');
    const before = await expectChartInSightBesideSettings(lab, 'before a sweep');
    await lab.sweepButton.click();
    await expect(lab.sweepStatus).toHaveCount(1);
    expectChartNotMoved(before, await expectChartInSightBesideSettings(lab, 'during a sweep'), 'during a sweep');
    await expect(lab.sweepStatus).toHaveCount(0, { timeout: 60_000 });
    await expect(lab.resultRows).toHaveCount(3);
    await expect(lab.summary.locator('p')).not.toHaveCount(0);
    // Not asked to stay put after the sweep: Run takes the focus back (RunButtons) and the page scrolls up to it; the chart stays in sight.
    await expectChartInSightBesideSettings(lab, 'after a sweep');
  });
});

test.describe('small things', () => {
  test('"Freeze the page" has a box the size of the radios, with a gap before its label', async ({ lab, page }) => {
    await lab.goto('?model=main&task=cpu');
    const checkbox = page.getByRole('checkbox', { name: 'Freeze the page' });
    const radio = page.getByRole('radio', { name: 'Main thread' });
    const box = await boxOf(checkbox, 'the checkbox');
    const radioBox = await boxOf(radio, 'a radio');
    expect(Math.abs(box.width - radioBox.width), `the checkbox is ${String(box.width)} px wide, a radio ${String(radioBox.width)} px`).toBeLessThanOrEqual(1);
    expect(Math.abs(box.height - radioBox.height), `the checkbox is ${String(box.height)} px high, a radio ${String(radioBox.height)} px`).toBeLessThanOrEqual(1);
    // Where the label's words begin, measured on its text: at least 5 px right of the box.
    const textLeft = await checkbox.evaluate((input) => {
      const text = [...(input.parentElement?.childNodes ?? [])].find((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '');
      if (!text) return Number.NaN;
      const range = document.createRange();
      range.selectNodeContents(text);
      return range.getBoundingClientRect().left;
    });
    expect(textLeft - (box.x + box.width), 'the gap between the box and "Freeze the page"').toBeGreaterThanOrEqual(5);
  });
});

/** An exported results file with one run per worker count, as the page would write it. */
function resultsFileToImport(name: string, label: string, curve: readonly (readonly [workers: number, wallMs: number])[]) {
  const machine = { label, reportedCores: 4, measuredCores: null, browser: 'Firefox 150', engine: 'spidermonkey', crossOriginIsolated: true, timerResolutionMs: 0.02 } as const;
  const runs = curve.map(([workers, wallMs]) => makeRun(workers, wallMs, { stableId: `${label}-${String(workers)}` }));
  const file = resultsFile({ runs, machine, series: null, stats: [], exportedAtMs: Date.UTC(2026, 11, 5) });
  return { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) };
}

test.describe('Compare machines', () => {
  test('390×844: the Machines table keeps its labels in words (it scrolls in its box), and the page does not scroll sideways', async ({ lab, page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await lab.goto();
    await page.getByLabel('Import results').setInputFiles([
      resultsFileToImport('a.json', 'Desktop in room 12, teacher’s desk, with a very long label', [[1, 2500], [2, 1300]]),
      resultsFileToImport('b.json', 'Chromebook by the window', [[1, 3000], [2, 1600]]),
      resultsFileToImport('c.json', '<b>Phone</b><img src=x onerror=alert(1)>', [[1, 4000], [2, 2100]]),
    ]);
    const table = page.getByRole('table', { name: 'Machines' });
    await expect(table.locator('tbody tr')).toHaveCount(4);
    // The label column was squeezed to one letter a line (about 12 px wide).
    const label = await boxOf(table.locator('tbody th[scope="row"]').nth(1), 'the first imported label');
    expect(label.width).toBeGreaterThanOrEqual(100);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  test('a share link copied in presentation mode leaves presentation mode out (a class scans it from the projector)', async ({ lab, page }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await lab.goto(`?workers=1&count=${typed('3e7')}`);
    await lab.sweepOneAndTwo();
    await page.getByRole('button', { name: 'Presentation mode' }).click();
    await expect(page).toHaveURL(/present=1/);
    await page.getByRole('button', { name: 'Copy share link' }).click();
    await expect(page.getByText(/^Link copied/)).toBeVisible();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/\?workers=\d+&count=\d+/);
    expect(link).not.toMatch(/present=/);
  });
});
