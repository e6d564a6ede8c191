import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test, type LabPage } from './labPage';
import { typed } from './speed';

/** WCAG 2.2 A and AA, as axe tags them, and axe's best practices (as in a11y.spec.ts). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = violations.map((violation) => `${violation.id} (${violation.impact ?? ''}): ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
  expect(found).toEqual([]);
}

/** The projector's sizes the stage must fit without scrolling. */
const PROJECTORS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;

/** From a phone to a projector: nothing may overflow sideways at any of them. */
const WIDTHS = [360, 390, 768, 1280, 1920] as const;

/** A run of 2 workers far too long to end by itself on any machine, to be watched while it counts; it is stopped. */
const LONG_RUN = `?workers=2&count=${typed('1e12')}`;

const presentationToggle = (page: Page) => page.getByRole('button', { name: 'Presentation mode' });
const fullScreenButton = (page: Page) => page.getByRole('button', { name: 'Full screen' });
const runRegion = (page: Page) => page.getByRole('region', { name: 'Run' });
const form = (page: Page) => page.getByRole('form', { name: 'Run settings' });

/**
 * Fails unless each part lies wholly inside the viewport with the page not scrolled at all:
 * what a class sees on the projector without anybody touching the page.
 */
async function expectOnStage(page: Page, parts: Record<string, Locator>) {
  const scroll = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY }));
  expect(scroll, 'the page is not scrolled').toEqual({ x: 0, y: 0 });
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('The page has no viewport size.');
  for (const [name, part] of Object.entries(parts)) {
    await expect(part, name).toBeVisible();
    const box = await part.boundingBox();
    if (!box) throw new Error(`${name} has no box.`);
    const size = `${String(viewport.width)}×${String(viewport.height)}`;
    expect(box.x, `${name}'s left at ${size}`).toBeGreaterThanOrEqual(0);
    expect(box.y, `${name}'s top at ${size}`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${name}'s right at ${size}`).toBeLessThanOrEqual(viewport.width);
    expect(box.y + box.height, `${name}'s bottom at ${size}`).toBeLessThanOrEqual(viewport.height);
  }
}

/** What the stage always holds: the slider, Run, Stop, the Run region and the wall-clock chart's drawing. */
function stageParts(lab: LabPage): Record<string, Locator> {
  return {
    'the Workers slider': lab.slider,
    Run: lab.runButton,
    Stop: lab.stopButton,
    'the Run region': runRegion(lab.page),
    'the wall-clock chart': lab.timeFigure,
  };
}

/** The lanes of a run of 2 workers: both progress bars and both lanes of the timeline. */
function laneParts(lab: LabPage): Record<string, Locator> {
  const timelineLanes = lab.timelineLanes;
  return {
    'Worker 1’s progress bar': lab.progressBar(1),
    'Worker 2’s progress bar': lab.progressBar(2),
    'Worker 1’s timeline lane': timelineLanes.nth(0),
    'Worker 2’s timeline lane': timelineLanes.nth(1),
  };
}

/** Whether the page is wider than its window: what a sideways scroll bar would show. */
const overflowsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

/** The window at `width`, once the charts have followed it (they measure their box a frame after it changes). */
async function expectNoSidewaysOverflowAt(page: Page, width: number, what: string) {
  await page.setViewportSize({ width, height: 800 });
  await expect.poll(() => overflowsSideways(page), `${String(width)} px, ${what}`).toBe(false);
}

test.describe('presentation mode', () => {
  for (const size of PROJECTORS) {
    test(`${String(size.width)}×${String(size.height)}: the slider, Run, Stop, the lanes and the wall-clock chart fit on one screen before, during and after a run`, async ({ lab, page }) => {
      await page.setViewportSize(size);
      await lab.goto(LONG_RUN);
      await presentationToggle(page).click();
      await expect(presentationToggle(page)).toHaveAttribute('aria-pressed', 'true');
      expect(await overflowsSideways(page)).toBe(false);
      await expectOnStage(page, stageParts(lab));

      await lab.runButton.click();
      await expect.poll(async () => Number(await lab.progressBar(2).getAttribute('aria-valuenow')), { timeout: 10_000 }).toBeGreaterThan(0);
      await expect(lab.timelineLanes).toHaveCount(2);
      await expectOnStage(page, { ...stageParts(lab), ...laneParts(lab) });

      await lab.stopButton.click();
      await expect(lab.status).toContainText(/^Stopped: 2 workers had counted/);
      await expect(lab.resultRows).toHaveCount(1);
      await expectOnStage(page, { ...stageParts(lab), ...laneParts(lab) });
      expect(await overflowsSideways(page)).toBe(false);
    });

    test(`${String(size.width)}×${String(size.height)}: the charts' labels are at least 18 px and their lines at least 3 px`, async ({ lab, page }) => {
      await page.setViewportSize(size);
      await lab.goto('?present=1&count=20000000');
      // Runs of 1 and 2 workers: the median line joins two points, and the ideal line has its 1-worker time.
      for (const workers of [1, 2]) {
        const before = await lab.resultRows.count();
        await lab.setWorkers(workers);
        await lab.runButton.click();
        await expect(lab.resultRows).toHaveCount(before + 1, { timeout: 30_000 });
      }
      await expect(lab.chartPoints).toHaveCount(2);

      const chart = lab.timeFigure;
      const fontSizes = await chart
        .locator('.recharts-cartesian-axis-tick-value, .recharts-label, .recharts-legend-item-text')
        .evaluateAll((elements) => elements.map((element) => ({ text: element.textContent, px: Number.parseFloat(getComputedStyle(element).fontSize) })));
      expect(fontSizes.length, 'tick labels, axis and reference labels, legend entries').toBeGreaterThanOrEqual(10);
      for (const { text, px } of fontSizes) expect(px, text).toBeGreaterThanOrEqual(18);

      const strokes = await chart
        .locator('.recharts-line-curve, .recharts-reference-line-line')
        .evaluateAll((elements) => elements.map((element) => getComputedStyle(element).strokeWidth));
      expect(strokes.length, 'the median, the ideal and the cores line').toBeGreaterThanOrEqual(3);
      for (const stroke of strokes) expect(Number.parseFloat(stroke)).toBeGreaterThanOrEqual(3);
    });
  }

  test('1280×720: with 8 workers the lanes’ names and the timeline’s names and state words are at least 18 px', async ({ lab, page }) => {
    await page.setViewportSize(PROJECTORS[0]);
    // Long enough that each of 8 workers counts for over LEAST_COUNTING_MS_FOR_SHARES, so their shares of a core are shown.
    await lab.goto('?present=1&workers=1&count=2000000000');
    // One worker alone first: the shares are measured against its speed, not the calibration's as the page opened, which a busy moment then can skew.
    await lab.runButton.click();
    await expect(lab.resultRows).toHaveCount(1, { timeout: 30_000 });
    await lab.setWorkers(8);
    await lab.runButton.click();
    await expect(lab.resultRows).toHaveCount(2, { timeout: 30_000 });
    await expect(lab.timelineLanes).toHaveCount(8);
    const sizes = async (parts: Locator) => parts.evaluateAll((elements) => elements.map((element) => ({ text: element.textContent, px: Number.parseFloat(getComputedStyle(element).fontSize) })));
    const names = await sizes(page.getByRole('region', { name: 'Run' }).locator('.lanes .lane-name'));
    const timelineNames = await sizes(lab.timelineLanes.locator('.timeline-name'));
    const states = await sizes(lab.timelineLanes.locator('.timeline-state'));
    expect([names.length, timelineNames.length, states.length], 'the progress bars’ names, the timeline’s names and states').toEqual([8, 8, 8]);
    for (const { text, px } of [...names, ...timelineNames, ...states]) expect(px, text).toBeGreaterThanOrEqual(18);

    // After the run, where 8 workers outnumber the cores, each worker's share of a core is on its lane's own line, and the 8 lanes still fit the stage.
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const lanes = runRegion(page).getByRole('list', { name: /^Workers of run/ }).getByRole('listitem');
    const coreShares = lanes.locator('.lane-core-share');
    // A machine busy with other work can leave the 8 workers under half the cores (LEAST_SHARES_OF_CORES): then no share is shown, so up to 2 more runs.
    const sharesShown = async () => {
      await expect(lab.timeline.locator('.timeline-core-turns')).toContainText('took turns between');
      return coreShares.count();
    };
    for (let rerun = 1; rerun <= 2 && 8 > cores && (await sharesShown()) === 0; rerun += 1) {
      await lab.runButton.click();
      await expect(lab.resultRows).toHaveCount(2 + rerun, { timeout: 30_000 });
    }
    await expect(coreShares).toHaveCount(8 > cores ? 8 : 0);
    const onStage: Record<string, Locator> = {};
    for (let worker = 1; worker <= 8; worker += 1) {
      const lane = lanes.nth(worker - 1);
      onStage[`Worker ${String(worker)}’s lane`] = lane;
      if (8 <= cores) continue;
      const [name, share] = await Promise.all([lane.locator('.lane-name').boundingBox(), coreShares.nth(worker - 1).boundingBox()]);
      if (!name || !share) throw new Error(`Worker ${String(worker)}’s name or share has no box.`);
      expect(Math.abs(share.y - name.y), `Worker ${String(worker)}’s share of a core on its name’s line`).toBeLessThan(2);
    }
    // The whole Run region is not asked for: after the run its timeline reaches below the stage (the lanes' share is what is checked here).
    await expectOnStage(page, { 'the Workers slider': lab.slider, Run: lab.runButton, Stop: lab.stopButton, 'the wall-clock chart': lab.timeFigure, ...onStage });
  });

  test('1280×720: after a sweep the whole Summary can be read on the stage, under the chart', async ({ lab, page }) => {
    await page.setViewportSize(PROJECTORS[0]);
    await lab.goto('?count=20000000');
    await lab.workerCounts.fill('1-4');
    await lab.repeats.fill('2');
    await presentationToggle(page).click();
    await expect(presentationToggle(page)).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('s');
    await expect(lab.sweepStatus).toHaveCount(1);
    await expect(lab.sweepStatus).toHaveCount(0, { timeout: 90_000 });
    await expect(lab.resultRows).toHaveCount(8);
    await expect(lab.summary.locator('p')).not.toHaveCount(0);
    await expectOnStage(page, { 'the Workers slider': lab.slider, Run: lab.runButton, 'the wall-clock chart': lab.timeFigure, 'the Summary': lab.summary });
    // Every sentence is in the Summary's box, or comes into it as the box scrolls: the box scrolls when it must (more sentences than this
    // sweep's), and is a tab stop, so a keyboard scrolls it too.
    const reading = await lab.summary.evaluate((box) => {
      const style = getComputedStyle(box);
      const scrollable = ['auto', 'scroll'].includes(style.overflowY) && box.tabIndex === 0;
      box.scrollTop = box.scrollHeight;
      const inside = box.getBoundingClientRect();
      const last = box.querySelector('p:last-child')?.getBoundingClientRect();
      const lastShown = last !== undefined && last.top >= inside.top - 1 && last.bottom <= inside.bottom + 1;
      box.scrollTop = 0;
      return { scrollable, lastShown };
    });
    expect(reading.scrollable, 'the Summary’s box scrolls when it must, and takes focus').toBe(true);
    expect(reading.lastShown, 'the last sentence, the Summary scrolled to its end').toBe(true);
  });

  test('the toggle says whether it is on, and the page remembers it across a reload', async ({ lab, page }) => {
    await lab.goto();
    const toggle = presentationToggle(page);
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('html')).toHaveClass(/\bpresent\b/);

    // Reloaded without ?present=1 in the address: the page remembered.
    await lab.goto();
    await expect(presentationToggle(page)).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('html')).toHaveClass(/\bpresent\b/);

    await presentationToggle(page).click();
    await expect(presentationToggle(page)).toHaveAttribute('aria-pressed', 'false');
    await expect(page.locator('html')).not.toHaveClass(/\bpresent\b/);
    await lab.goto();
    await expect(presentationToggle(page)).toHaveAttribute('aria-pressed', 'false');
  });

  test('?present=1 turns it on, ?present=0 off whatever the page remembered, and a remembered value that is not the page’s own is ignored', async ({ lab, page }) => {
    await lab.goto('?present=1');
    await expect(presentationToggle(page)).toHaveAttribute('aria-pressed', 'true');
    // A link that is opened is not remembered until the toggle changes.
    expect(await page.evaluate(() => Object.keys(localStorage).length)).toBe(0);

    await page.evaluate(() => {
      localStorage.setItem('parallel-counting-lab.present', 'on');
    });
    await lab.goto('?present=0');
    await expect(presentationToggle(page)).toHaveAttribute('aria-pressed', 'false');

    await page.evaluate(() => {
      localStorage.setItem('parallel-counting-lab.present', 'true');
    });
    await lab.goto();
    await expect(presentationToggle(page)).toHaveAttribute('aria-pressed', 'false');
  });

  test('the folded settings stay within reach of the keyboard', async ({ lab, page }) => {
    await lab.goto('?present=1&count=20000000');
    await expect(lab.totalCount).toBeHidden();
    const countFold = page.locator('summary', { hasText: /^Total count:/ });
    await expect(countFold).toHaveText('Total count: 20,000,000; no prediction');
    await countFold.focus();
    await page.keyboard.press('Enter');
    await expect(lab.totalCount).toBeVisible();
    await lab.setTotal('3e7');
    await expect(countFold).toHaveText('Total count: 30,000,000; no prediction');

    const moreFold = page.locator('summary', { hasText: 'More settings: sweep, model, task, work' });
    await expect(lab.sweepButton).toBeHidden();
    await moreFold.focus();
    await page.keyboard.press('Space');
    await expect(lab.sweepButton).toBeVisible();

    // Out of presentation mode, everything is open and the summaries are gone.
    await presentationToggle(page).click();
    await expect(countFold).toBeHidden();
    await expect(lab.totalCount).toBeVisible();
    await expect(lab.sweepButton).toBeVisible();
  });

  test('"Full screen" follows the Fullscreen API both ways', async ({ lab, page }) => {
    await lab.goto();
    // Headless Chromium has the Fullscreen API: the button is there.
    expect(await page.evaluate(() => document.fullscreenEnabled)).toBe(true);
    const button = fullScreenButton(page);
    await expect(button).toHaveAttribute('aria-pressed', 'false');
    await button.click();
    await expect.poll(() => page.evaluate(() => document.fullscreenElement === document.documentElement)).toBe(true);
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await button.click();
    await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();
    await expect(button).toHaveAttribute('aria-pressed', 'false');

    // Leaving full screen another way (Escape, F11) is followed too.
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await page.evaluate(() => document.exitFullscreen());
    await expect(button).toHaveAttribute('aria-pressed', 'false');
  });

  test('"Full screen" is left out where the browser has no Fullscreen API', async ({ lab, page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(Document.prototype, 'fullscreenEnabled', { get: () => undefined });
    });
    await lab.goto();
    await expect(presentationToggle(page)).toBeVisible();
    await expect(fullScreenButton(page)).toHaveCount(0);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe finds no violation in presentation mode (${scheme}), folded and unfolded, after a run`, async ({ lab, page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize(PROJECTORS[0]);
      await lab.goto('?present=1&workers=2&count=20000000');
      await expectNoViolations(page);
      await lab.runButton.click();
      await expect(lab.resultRows).toHaveCount(1, { timeout: 30_000 });
      await page.locator('summary', { hasText: 'More settings' }).click();
      await expect(lab.sweepButton).toBeVisible();
      await expectNoViolations(page);
    });
  }
});

test.describe('layout outside presentation mode', () => {
  test('at 1280 px the wall-clock chart stands beside the settings, not below them', async ({ lab, page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await lab.goto();
    await expect(presentationToggle(page)).toHaveAttribute('aria-pressed', 'false');
    const settings = await form(page).boundingBox();
    const chart = await lab.timeFigure.boundingBox();
    if (!settings || !chart) throw new Error('The settings or the chart have no box.');
    expect(chart.x, 'the chart starts right of the settings').toBeGreaterThanOrEqual(settings.x + settings.width);
    expect(chart.y, 'the chart starts before the settings end').toBeLessThan(settings.y + settings.height);
    expect(chart.y + chart.height, 'the chart ends after the settings start').toBeGreaterThan(settings.y);
  });

  test('nothing overflows sideways from 360 to 1920 px, in either mode, before and after a run', async ({ lab, page }) => {
    await lab.goto('?workers=2&count=20000000');
    for (const present of [false, true]) {
      if (present) await presentationToggle(page).click();
      await expect(presentationToggle(page)).toHaveAttribute('aria-pressed', String(present));
      for (const width of WIDTHS) await expectNoSidewaysOverflowAt(page, width, `${present ? 'presentation mode' : 'usual layout'}, idle`);
    }
    await presentationToggle(page).click();
    await page.setViewportSize({ width: 1280, height: 800 });
    await lab.runButton.click();
    await expect(lab.resultRows).toHaveCount(1, { timeout: 30_000 });
    for (const present of [false, true]) {
      if (present) await presentationToggle(page).click();
      for (const width of WIDTHS) await expectNoSidewaysOverflowAt(page, width, `${present ? 'presentation mode' : 'usual layout'}, after a run`);
    }
  });
});
