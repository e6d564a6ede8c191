import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import Papa from 'papaparse';
import { readResultsFile } from '../src/lab/exchange/resultsFile';
import { expect, test } from './labPage';
import { typed } from './speed';

/** Typed by a student: markup, and a first character a spreadsheet would take for a formula. */
const LABEL = '+Desk 4 <b>Chromebook</b>';
/** The label's slug in file names (src/lab/exchange/resultsFile.ts): lowercase letters, digits and dashes. */
const NAMED = /^counting-lab-desk-4-b-chromebook-b-\d{4}-\d{2}-\d{2}\./;

/** What a click saves: its suggested name and its bytes. */
async function saved(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer; download: Download }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path), download };
}

test.describe('export', () => {
  test('JSON and CSV hold every run, the statistics and the machine with its label', async ({ lab, page }) => {
    await lab.goto(`?workers=1&count=${typed('3e7')}`);
    const exportJson = page.getByRole('button', { name: 'Export JSON' });
    await expect(exportJson).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Export chart' })).toBeDisabled();
    await expect(exportJson).toHaveAccessibleDescription(/Nothing to export yet/);

    await page.getByRole('textbox', { name: 'Machine label' }).fill(LABEL);
    await lab.sweepOneAndTwo();

    const json = await saved(page, () => exportJson.click());
    expect(json.name).toMatch(NAMED);
    expect(json.name).toMatch(/\.json$/);
    const text = json.bytes.toString('utf8');
    const reading = readResultsFile(json.name, json.bytes.length, text);
    if (reading.kind !== 'ok') throw new Error(reading.sentence);
    const { file } = reading;
    expect(file.machine.label).toBe(LABEL);
    expect(file.machine.reportedCores).toBe(await page.evaluate(() => navigator.hardwareConcurrency));
    expect(file.machine.crossOriginIsolated).toBe(true);
    expect(file.machine.engine).toBe('v8');
    expect(file.machine.browser).toMatch(/^Chrom/);
    expect(file.runs.map((run) => run.workers)).toEqual([1, 2]);
    expect(file.runs.every((run) => run.count === Number(typed('3e7')))).toBe(true);
    expect(file.statistics.rows.map((row) => row.workers)).toEqual([1, 2]);
    expect(file.statistics.series).not.toBeNull();
    // Pretty-printed, for a teacher who opens it.
    expect(text).toContain('\n  "format": "parallel-counting-lab/results"');
    await expect(page.getByText(`Saved ${json.name}.`)).toBeVisible();

    const csv = await saved(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
    expect(csv.name).toMatch(NAMED);
    expect(csv.name).toMatch(/\.csv$/);
    const table = Papa.parse<Record<string, string>>(csv.bytes.toString('utf8'), { header: true, skipEmptyLines: true });
    expect(table.errors).toEqual([]);
    expect(table.data.filter((row) => row.kind === 'run')).toHaveLength(2);
    expect(table.data.filter((row) => row.kind === 'statistics')).toHaveLength(2);
    expect(table.data).toHaveLength(4);
    expect(table.data.map((row) => row.workers)).toEqual(['1', '2', '1', '2']);
    // The machine on every row, and each run's wall-clock time as the JSON has it.
    // The label as text in a spreadsheet: a leading quote keeps its "+" from being run as a formula.
    expect(new Set(table.data.map((row) => row.machine_label))).toEqual(new Set([`'${LABEL}`]));
    expect(new Set(table.data.map((row) => row.reported_cores))).toEqual(new Set([String(file.machine.reportedCores)]));
    expect(table.data.filter((row) => row.kind === 'run').map((row) => Number(row.wall_ms))).toEqual(file.runs.map((run) => run.wallMs));
  });

  test('the chart exports as SVG and PNG through a menu a keyboard works', async ({ lab, page }) => {
    await lab.goto(`?workers=1&count=${typed('3e7')}`);
    await lab.sweepOneAndTwo();
    const chartButton = page.getByRole('button', { name: 'Export chart', exact: true });
    const menu = page.getByRole('menu', { name: 'Export chart' });
    const svgItem = menu.getByRole('menuitem', { name: 'SVG' });
    const pngItem = menu.getByRole('menuitem', { name: 'PNG' });

    await chartButton.focus();
    await expect(menu).toBeHidden();
    await page.keyboard.press('Enter');
    await expect(menu).toBeVisible();
    await expect(chartButton).toHaveAttribute('aria-expanded', 'true');
    await expect(svgItem).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(pngItem).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(svgItem).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(pngItem).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(chartButton).toBeFocused();
    await expect(chartButton).toHaveAttribute('aria-expanded', 'false');

    const svg = await saved(page, async () => {
      await page.keyboard.press('ArrowDown');
      await expect(svgItem).toBeFocused();
      await page.keyboard.press('Enter');
    });
    await expect(menu).toBeHidden();
    await expect(chartButton).toBeFocused();
    expect(svg.name).toMatch(/^counting-lab-.+-\d{4}-\d{2}-\d{2}\.svg$/);
    const svgText = svg.bytes.toString('utf8');
    expect(svgText.startsWith('<svg')).toBe(true);
    // Titled by the figure's caption, and holding the chart as drawn: its median line and its legend's words.
    const caption = (await lab.timeFigure.locator('figcaption').textContent()) ?? '';
    expect(caption).toMatch(/^Wall-clock time/);
    expect(svgText).toContain(`<title>${caption.replace(/\s+/g, ' ').trim().replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</title>`);
    // The median line through both worker counts, in the page's --point blue resolved to its value, and its name in the legend.
    const median = /<path [^>]*name="median"[^>]*>/.exec(svgText)?.[0] ?? '';
    expect(median).toMatch(/ d="M[\d.]+,[\d.]+L[\d.]+,[\d.]+"/);
    expect(median).toMatch(/style="[^"]*stroke: rgb\(29, 78, 216\)/);
    expect(svgText).toContain('>median<');
    // The axis labels at the size the page's CSS gives them, and no style left that names a CSS variable.
    expect(svgText).toMatch(/class="recharts-text recharts-cartesian-axis-tick-value"[^>]*style="[^"]*font-size: [\d.]+px/);
    expect(svgText).not.toMatch(/style="[^"]*var\(--/);

    await page.keyboard.press('ArrowUp');
    await expect(pngItem).toBeFocused();
    const png = await saved(page, () => page.keyboard.press('Enter'));
    expect(png.name).toMatch(/\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR: width and height, twice the figure's size on the page.
    const box = await lab.timeFigure.boundingBox();
    if (box === null) throw new Error('the figure has no box');
    expect(png.bytes.readUInt32BE(16)).toBe(Math.round(box.width) * 2);
    expect(png.bytes.readUInt32BE(20)).toBe(Math.round(box.height) * 2);
    expect(png.bytes.length).toBeGreaterThan(10_000);
  });

  test('the machine label is kept across a reload, and a bad one gets a sentence and keeps the last good one', async ({ lab, page }) => {
    await lab.goto();
    const field = page.getByRole('textbox', { name: 'Machine label' });
    await expect(field).toHaveValue(/^Chrom.* on \d+ cores?$/);
    await field.fill('Room 12, desk 3');
    await field.fill('');
    await expect(field).toHaveAccessibleDescription(/^The machine label is empty/);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await field.fill('x'.repeat(61));
    await expect(field).toHaveAccessibleDescription(/61 characters/);
    await lab.goto();
    await expect(field).toHaveValue('Room 12, desk 3');
    await expect(field).toHaveAttribute('aria-invalid', 'false');
  });
});
