import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test, type LabPage } from './labPage';
import { typed } from './speed';

/** WCAG 2.2 A and AA, as axe tags them, and axe's best practices. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = violations.map((violation) => `${violation.id} (${violation.impact ?? ''}): ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
  expect(found).toEqual([]);
}

/** A sweep small enough for two shared cores: a warm-up, then 1 and 2 workers once each, counting to 20 million. */
async function smallSweep(lab: LabPage) {
  await lab.workerCounts.fill('1, 2');
  await lab.repeats.fill('1');
  await lab.setTotal('2e7');
  await lab.sweepButton.click();
  await expect(lab.sweepStatus).toHaveCount(0, { timeout: 60_000 });
  await expect(lab.resultRows).toHaveCount(2);
  await expect(lab.chartPoints).toHaveCount(2);
}

/** WCAG's contrast ratio of two computed CSS colours ("rgb(r, g, b)"). */
function contrast(first: string, second: string): number {
  const luminance = (css: string) => {
    const [r = 0, g = 0, b = 0] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => Number(part) / 255);
    const linear = (value: number) => (value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4);
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const [a, b] = [luminance(first), luminance(second)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

const colour = (locator: Locator, property: 'color' | 'backgroundColor' | 'outlineColor') =>
  locator.evaluate((element, name) => getComputedStyle(element)[name], property);

const paper = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

/** Presses Tab until `target` has focus; fails after `most` presses. */
async function tabTo(page: Page, target: Locator, most = 40) {
  for (let press = 0; press < most; press += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Tab did not reach ${target.toString()} in ${String(most)} presses.`);
}

test.describe('axe finds no violation', () => {
  test('idle', async ({ lab, page }) => {
    await lab.goto();
    await expectNoViolations(page);
  });

  test('running, then stopped', async ({ lab, page }) => {
    await lab.goto();
    await lab.setWorkers(2);
    await lab.setTotal(typed('1e11'));
    await lab.runButton.click();
    await expect.poll(async () => Number(await lab.progressBar(2).getAttribute('aria-valuenow')), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect(lab.status).toHaveText('Counting with 2 workers…');
    await expectNoViolations(page);
    await lab.stopButton.click();
    await expect(lab.status).toContainText(/^Stopped: 2 workers had counted/);
    await expectNoViolations(page);
  });

  test('after a small sweep', async ({ lab, page }) => {
    await lab.goto();
    await smallSweep(lab);
    await expectNoViolations(page);
  });

  test('with a bad count', async ({ lab, page }) => {
    await lab.goto();
    await lab.setTotal('12 apples');
    await expect(lab.totalCount).toHaveAttribute('aria-invalid', 'true');
    await expect(lab.runButton).toBeDisabled();
    await expectNoViolations(page);
  });

  test('with link notices', async ({ lab, page }) => {
    await lab.goto('?workers=999&count=abc');
    await expect(page.getByRole('status', { name: 'Link' })).toContainText('is not a number');
    await expectNoViolations(page);
  });

  test('in the dark scheme, charts drawn', async ({ lab, page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await lab.goto();
    // The dark scheme is in force: a dark page, and "Run" in dark ink on light blue.
    expect(contrast(await paper(page), 'rgb(0, 0, 0)')).toBeLessThan(1.5);
    await smallSweep(lab);
    expect(contrast(await colour(lab.runButton, 'color'), await colour(lab.runButton, 'backgroundColor'))).toBeGreaterThanOrEqual(4.5);
    await expectNoViolations(page);
  });

  test('390 px wide', async ({ lab, page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await lab.goto();
    await smallSweep(lab);
    await expectNoViolations(page);
    // The Results table is wider than the screen: its box scrolls, so it must take focus (axe's scrollable-region-focusable).
    const box = page.getByRole('region', { name: 'Results table' });
    expect(await box.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  });
});

test.describe('colours axe does not check', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`${scheme}: the focus ring has 3:1 on the panel and the paper; legends and tooltips 4.5:1`, async ({ lab, page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await lab.goto();
      await smallSweep(lab);

      await lab.totalCount.focus();
      await tabTo(page, lab.runButton);
      const panel = await colour(page.getByRole('form', { name: 'Run settings' }), 'backgroundColor');
      const ring = await colour(lab.runButton, 'outlineColor');
      expect(contrast(ring, panel)).toBeGreaterThanOrEqual(3);
      expect(contrast(ring, await paper(page))).toBeGreaterThanOrEqual(3);

      const legends = page.locator('.recharts-legend-item-text');
      expect(await legends.count()).toBeGreaterThanOrEqual(6);
      for (const legend of await legends.all()) {
        // The colour of the text itself: the innermost element that holds it.
        const ink = await legend.evaluate((element) => getComputedStyle(element.querySelector('*') ?? element).color);
        expect(contrast(ink, await paper(page)), await legend.textContent() ?? '').toBeGreaterThanOrEqual(4.5);
      }

      // Hover the wall-clock chart: its tooltip in the page's colours.
      const plot = lab.timeFigure.locator('.recharts-cartesian-grid');
      await plot.scrollIntoViewIfNeeded();
      const box = await plot.boundingBox();
      if (!box) throw new Error('The wall-clock chart has no grid.');
      await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2);
      const tooltip = lab.timeFigure.locator('.recharts-default-tooltip');
      await expect(tooltip).toBeVisible();
      const background = await colour(tooltip, 'backgroundColor');
      expect(contrast(await colour(tooltip.locator('.recharts-tooltip-label'), 'color'), background)).toBeGreaterThanOrEqual(4.5);
      for (const item of await tooltip.locator('.recharts-tooltip-item').all()) {
        expect(contrast(await colour(item, 'color'), background), await item.textContent() ?? '').toBeGreaterThanOrEqual(4.5);
      }
    });
  }
});

test.describe('keyboard', () => {
  test('the Results scroll box is a named region that Tab reaches and the arrow keys scroll', async ({ lab, page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await lab.goto();
    const box = page.getByRole('region', { name: 'Results table' });
    await expect(box.getByRole('table', { name: 'Results' })).toBeVisible();
    await tabTo(page, box);
    await expect(box).toBeFocused();
    expect(await box.evaluate((element) => element.scrollLeft)).toBe(0);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => box.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
  });

  test('focus goes to Stop when Run disables itself, and back to Run when Stop does', async ({ lab, page }) => {
    await lab.goto();
    await lab.setWorkers(1);
    await lab.setTotal(typed('1e11'));
    await lab.runButton.focus();
    await page.keyboard.press('Enter');
    await expect(lab.runButton).toBeDisabled();
    await expect(lab.stopButton).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(lab.stopButton).toBeDisabled();
    await expect(lab.runButton).toBeFocused();
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);

    // Enter in the count field disables the field too: focus goes to Stop as well.
    await lab.totalCount.focus();
    await page.keyboard.press('Enter');
    await expect(lab.stopButton).toBeFocused();
    await lab.stopButton.press('Enter');
    await expect(lab.runButton).toBeFocused();
  });

  test('"Run sweep" hands focus to Stop, and a sweep that ends by itself hands it back to Run', async ({ lab }) => {
    await lab.goto();
    await lab.workerCounts.fill('1');
    await lab.repeats.fill('1');
    await lab.setTotal('2e7');
    await lab.sweepButton.focus();
    await lab.sweepButton.press('Enter');
    await expect(lab.stopButton).toBeFocused();
    await expect(lab.sweepStatus).toHaveCount(0, { timeout: 60_000 });
    await expect(lab.runButton).toBeFocused();
  });

  test('Escape stops a run from anywhere on the page', async ({ lab, page, workerWatch }) => {
    await lab.goto();
    await lab.setWorkers(2);
    await lab.setTotal(typed('1e11'));
    await lab.runButton.click();
    await expect(lab.progressBar(2)).toBeVisible();
    // Focus on nothing in particular: a click on the heading leaves it on the page's body.
    await page.getByRole('heading', { level: 1 }).click();
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    await page.keyboard.press('Escape');
    await expect(lab.status).toContainText(/^Stopped: 2 workers had counted/);
    expect(await lab.cell(lab.resultRows.last(), 'Check')).toBe('Stopped');
    await expect.poll(() => workerWatch.alive).toBe(0);
    await expect(lab.stopButton).toHaveAttribute('aria-keyshortcuts', 'Escape');
  });

  test('the charts add no tab stop and no unnamed application', async ({ lab, page }) => {
    await lab.goto();
    await smallSweep(lab);
    await expect(page.locator('.recharts-wrapper > svg')).toHaveCount(3);
    await expect(page.locator('[role="application"]')).toHaveCount(0);
    // Recharts' tooltips were six empty assertive live regions.
    await expect(page.locator('[aria-live="assertive"]')).toHaveCount(0);
    // Once round the page: every tab stop, until focus comes back to the first.
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.outerHTML);
    const stops: Array<{ html: string; inFigure: boolean }> = [];
    for (let press = 0; press < 80; press += 1) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => ({
        html: document.activeElement?.outerHTML.slice(0, 80) ?? '',
        whole: document.activeElement?.outerHTML,
        inFigure: document.activeElement?.closest('figure') != null,
      }));
      if (stop.whole === first) break;
      stops.push({ html: stop.html, inFigure: stop.inFigure });
    }
    expect(stops.filter((stop) => stop.inFigure)).toEqual([]);
    // The walk went round the page: it met the three table boxes after the charts (Results, Statistics, and Compare machines' Machines).
    expect(stops.filter((stop) => stop.html.includes('table-scroll')).map((stop) => /aria-label="([^"]*)"/.exec(stop.html)?.[1])).toEqual(['Results table', 'Statistics table', 'Machines table']);
  });
});

test.describe('screen readers', () => {
  test('each figure has a name and its data as a table, and the drawing is hidden', async ({ lab, page }) => {
    await lab.goto();
    await smallSweep(lab);
    const figures = [
      // Two worker counts are too few to fit the model: no "Model" column yet.
      { figure: lab.timeFigure, columns: ['Workers', 'Runs', 'Median', 'Fastest – slowest', 'Ideal'] },
      { figure: lab.speedUpFigure, columns: ['Workers', 'Measured (median)', 'Ideal'] },
      { figure: page.getByRole('figure', { name: /^Start-up and compute/ }), columns: ['Workers', 'Start-up (median)', 'Compute (median)'] },
    ];
    for (const { figure, columns } of figures) {
      await expect(figure).toBeVisible();
      // The drawing is there to see, and out of the accessibility tree: the only table a screen reader meets is the data.
      await expect(figure.locator('.recharts-wrapper > svg')).toBeVisible();
      const table = figure.getByRole('table');
      await expect(table).toHaveCount(1);
      await expect(table).toHaveAccessibleName(/, as a table$/);
      expect(await table.getByRole('columnheader').allTextContents()).toEqual(columns);
      const rows = table.locator('tbody tr');
      await expect(rows).toHaveCount(2);
      expect(await rows.locator('td:first-child').allTextContents()).toEqual(['1', '2']);
    }
    // The numbers are the measured ones: the 1-worker median is the one wall-clock time the sweep kept for 1 worker.
    const oneWorkerWall = Number((await lab.cell(lab.resultRows.nth(0), 'Wall-clock (ms)')).replace(/,/g, ''));
    const median = await lab.timeFigure.getByRole('table').locator('tbody tr').first().locator('td').nth(2).textContent();
    expect(median).toBe(`${oneWorkerWall.toLocaleString('en-US')} ms`);
  });

  test('a sweep is announced rarely, says when it finished, and never repeats an older sentence', async ({ lab, page }) => {
    await lab.goto();
    const older = await lab.runAndWait(1, '1000000');
    expect(await lab.cell(older, 'Check')).toBe('Counted 1,000,000');
    const olderSentence = (await lab.status.textContent()) ?? '';
    expect(olderSentence).toMatch(/^1 worker counted to 1 million/);

    await lab.workerCounts.fill('1, 2');
    await lab.repeats.fill('1');
    await lab.setTotal('2e7');
    // Record what a screen reader would hear (text changes of live regions that are not aria-live="off"), and every line the Run region shows.
    await page.evaluate(() => {
      const said: string[] = [];
      const shown: string[] = [];
      const last = new Map<Element, string>();
      const liveRoot = (node: Node): Element | null => {
        for (let element = node instanceof Element ? node : node.parentElement; element; element = element.parentElement) {
          const live = element.getAttribute('aria-live');
          if (live !== null) return live === 'off' ? null : element;
          if (['status', 'alert', 'log'].includes(element.getAttribute('role') ?? '')) return element;
        }
        return null;
      };
      new MutationObserver((mutations) => {
        const roots = new Set<Element>();
        for (const mutation of mutations) {
          const root = liveRoot(mutation.target);
          if (root) roots.add(root);
          const line = (mutation.target instanceof Element ? mutation.target : mutation.target.parentElement)?.closest('.run-state');
          if (line && shown.at(-1) !== line.textContent) shown.push(line.textContent);
        }
        for (const root of roots) {
          const text = root.textContent.trim();
          if (text !== '' && text !== last.get(root)) said.push(text);
          last.set(root, text);
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
      Object.assign(window, { said, shown, sweepStart: performance.now() });
    });
    await lab.sweepButton.click();
    await expect(lab.sweepStatus).toHaveCount(0, { timeout: 60_000 });
    await expect(lab.resultRows).toHaveCount(3);
    const { said, shown, elapsedMs } = await page.evaluate(() => {
      const recorded = window as unknown as { said: string[]; shown: string[]; sweepStart: number };
      return { said: recorded.said, shown: recorded.shown, elapsedMs: performance.now() - recorded.sweepStart };
    });

    // The old page made 37 announcements in a 9-run sweep of 7 s. Now: the start, the end, and at most one progress note
    // every 10 s between them (SWEEP_NEWS_MS in src/lab/texts/announce.ts); this sweep of 3 short runs usually takes 1–3 s.
    expect(said.length).toBeGreaterThanOrEqual(2);
    expect(said.length).toBeLessThanOrEqual(2 + Math.floor(elapsedMs / 10_000));
    expect(said[0]).toBe('Sweep started: 3 runs, the first a warm-up that is not kept.');
    expect(said.at(-1)).toMatch(/^Sweep finished: 2 runs in [\d.]+ s, 1 to 2 workers\. The summary, the charts and the tables are updated\.$/);

    // The line under the controls said the warm-up ended, and never went back to the run before the sweep.
    expect(shown).toContain('The warm-up run is done; it is not kept.');
    expect(shown).not.toContain(olderSentence);
    await expect(lab.status).toContainText(/^2 workers counted to 20 million/);
  });
});
