import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test, type LabPage } from './labPage';
import { typed } from './speed';

/** WCAG 2.2 A and AA, as axe tags them, and axe's best practices (as e2e/a11y.spec.ts). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

const figure = (page: Page) => page.getByRole('figure', { name: /^Timeline/ });
/** The run's own lanes: a run that took turns has a magnified drawing too, a figure of its own inside this one. */
const lanes = (page: Page) => figure(page).locator(':scope > .timeline-drawing .timeline-lane');

/** The segments' text equivalent, as rows: lane, state, from, to, duration. */
async function segmentRows(page: Page): Promise<string[][]> {
  const table = figure(page).getByRole('table', { name: 'Timeline of the latest run, as a table' });
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)));
}

/** "1,234 ms" or "12.3 s" in ms. */
function ms(text: string): number {
  const match = /^([\d,.]+) (ms|s)$/.exec(text);
  if (!match) throw new Error(`"${text}" is not a duration.`);
  return Number(match[1].replace(/,/g, '')) * (match[2] === 's' ? 1000 : 1);
}

/** The states of one lane's segments, in order, as drawn. */
const drawnStates = (lane: Locator) => lane.locator('.timeline-segment').evaluateAll((segments) => segments.map((segment) => segment.getAttribute('data-state')));

/** How long Worker `lane` has counted so far, by the table (ms). */
async function countedMs(page: Page, lane: number): Promise<number> {
  const row = (await segmentRows(page)).find((cells) => cells[0] === `Worker ${String(lane)}` && cells[1] === 'counting');
  return row ? ms(row[4]) : 0;
}

async function expectNoViolationsInFigure(page: Page) {
  const { violations } = await new AxeBuilder({ page }).include('figure.timeline').withTags(TAGS).analyze();
  expect(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`)).toEqual([]);
}

/** WCAG's contrast ratio of two CSS colours ("#rrggbb" or "rgb(r, g, b)"). */
function contrast(first: string, second: string): number {
  const channels = (css: string) => {
    const hex = /^#([\da-f]{2})([\da-f]{2})([\da-f]{2})$/i.exec(css.trim());
    const parts = hex ? hex.slice(1).map((part) => parseInt(part, 16)) : (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    return parts.map((part) => part / 255);
  };
  const luminance = (css: string) => {
    const [r = 0, g = 0, b = 0] = channels(css).map((value) => (value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [luminance(first), luminance(second)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

async function runTwo(lab: LabPage) {
  return lab.runAndWait(2, typed('4e8'));
}

test('after a run with 2 workers: a lane each, counting from the common start, ending done, with its share', async ({ lab, page }) => {
  await lab.goto();
  await expect(figure(page)).toHaveCount(0);
  const row = await runTwo(lab);

  await expect(figure(page)).toBeVisible();
  await expect(lanes(page)).toHaveCount(2);
  expect(await lanes(page).locator('.timeline-name').allTextContents()).toEqual(['Worker 1', 'Worker 2']);
  for (const lane of await lanes(page).all()) {
    const states = await drawnStates(lane);
    expect(states).toContain('counting');
    expect(states.at(-1)).toBe('done');
    const width = await lane.locator('.timeline-segment[data-state="counting"]').evaluate((segment) => segment.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(10);
  }

  // The text equivalent says the same: each lane starts up, counts from the moment start-up ended, and ends done.
  const rows = await segmentRows(page);
  const startup = Number((await lab.cell(row, 'Start-up (ms)')).replace(/,/g, ''));
  const wall = Number((await lab.cell(row, 'Wall-clock (ms)')).replace(/,/g, ''));
  for (const worker of ['Worker 1', 'Worker 2']) {
    const mine = rows.filter((cells) => cells[0] === worker);
    expect(mine.map((cells) => cells[1])).toEqual(['starting up', 'counting', 'done']);
    const counting = mine[1];
    expect(Math.abs(ms(counting[2]) - startup)).toBeLessThanOrEqual(1);
    expect(ms(counting[4])).toBeGreaterThan(0);
    expect(ms(counting[3])).toBeLessThanOrEqual(wall + 1);
  }

  const sentence = (await figure(page).locator('.timeline-shares').textContent()) ?? '';
  const shares = /^Share of time spent counting: Worker 1 (\d+)%, Worker 2 (\d+)%\.$/.exec(sentence);
  expect(shares, sentence).not.toBeNull();
  for (const share of shares?.slice(1) ?? []) {
    expect(Number(share)).toBeGreaterThan(0);
    expect(Number(share)).toBeLessThanOrEqual(100);
  }
  // The legend names every state.
  expect(await figure(page).getByRole('list', { name: 'States' }).getByRole('listitem').allTextContents()).toEqual([
    'starting up',
    'waiting for the lock',
    'counting',
    'waiting for I/O',
    'done',
    'stopped',
  ]);
});

test('during a long run the counting segments grow, and end stopped after Stop', async ({ lab, page }) => {
  await lab.goto();
  await lab.setWorkers(2);
  // Far too long to end by itself on any machine: it ends with Stop.
  await lab.setTotal(typed('1e11'));
  await lab.runButton.click();
  await expect(lanes(page)).toHaveCount(2);
  await expect.poll(() => countedMs(page, 1), { timeout: 10_000 }).toBeGreaterThan(0);
  const first = await countedMs(page, 1);
  await expect.poll(() => countedMs(page, 1), { timeout: 5_000 }).toBeGreaterThan(first);
  await expect.poll(() => countedMs(page, 2), { timeout: 5_000 }).toBeGreaterThan(first);
  for (const lane of await lanes(page).all()) expect((await drawnStates(lane)).at(-1)).toBe('counting');

  await lab.stopButton.click();
  await expect(lab.status).toContainText(/^Stopped/);
  for (const lane of await lanes(page).all()) await expect.poll(async () => (await drawnStates(lane)).at(-1)).toBe('stopped');
  const rows = await segmentRows(page);
  expect(rows.filter((cells) => cells[1] === 'stopped').map((cells) => cells[0])).toEqual(['Worker 1', 'Worker 2']);
  // The run is over: the drawing holds still.
  const after = await countedMs(page, 1);
  await page.waitForTimeout(600);
  expect(await countedMs(page, 1)).toBe(after);
  expect(await figure(page).locator('.timeline-shares').textContent()).toMatch(/^Share of time spent counting: Worker 1 \d+%, Worker 2 \d+%\.$/);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`${scheme}: axe finds no violation in the figure, and every state's colours have 3:1 on the paper`, async ({ lab, page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await lab.goto();
    await runTwo(lab);
    await expect(lanes(page)).toHaveCount(2);
    await expectNoViolationsInFigure(page);

    const paper = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const colours = await figure(page).evaluate((element) => {
      const style = getComputedStyle(element);
      const names = ['starting', 'starting-2', 'lock', 'lock-2', 'counting', 'io', 'io-2', 'done', 'done-2', 'stopped', 'stopped-2'];
      return names.map((name) => [name, style.getPropertyValue(`--tl-${name}`)] as const);
    });
    expect(colours).toHaveLength(11);
    for (const [name, value] of colours) expect(contrast(value, paper), `--tl-${name} ${value} on ${paper}`).toBeGreaterThanOrEqual(3);
  });
}

test('under the lock, the magnified first 40 ms is a figure of its own, apart from the run’s lanes, and axe finds no violation', async ({ lab, page }) => {
  await lab.goto();
  await page.getByRole('group', { name: 'Execution model' }).getByRole('radio', { name: 'Workers sharing one lock' }).check();
  // Turns last 5 ms however fast this machine counts: 10^9 under the lock takes many.
  await lab.runAndWait(2, typed('1e9'));
  await expect(lab.magnified).toBeVisible();
  await expect(lab.magnified.locator('figcaption')).toContainText(/^First 40 ms, magnified/);
  // Two lanes of the run, named once each; the magnified figure holds its own two, drawn on its own axis up to 40 ms.
  expect(await lanes(page).locator('.timeline-name').allTextContents()).toEqual(['Worker 1', 'Worker 2']);
  await expect(lab.magnified.locator('.timeline-lane')).toHaveCount(2);
  await expect(lab.magnified.locator('.timeline-tick').last()).toHaveText('40 ms');
  await expectNoViolationsInFigure(page);
});
