import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { resultsFile, RESULTS_FORMAT, RESULTS_VERSION } from '../src/lab/exchange/resultsFile';
import type { MachineDescription } from '../src/lab/exchange/machineDescription';
import { makeRun } from '../src/testing/makeRun';
import { expect, test } from './labPage';
import { typed } from './speed';

/** A file to hand the page: its name and its bytes. */
interface FileToImport {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** An exported results file, made by the page's own format (src/lab/exchange/resultsFile.ts): one run per worker count, taking `wallMs` each. */
function madeFile(name: string, label: string, curve: readonly (readonly [workers: number, wallMs: number])[], reportedCores = 4): FileToImport {
  const machine: MachineDescription = {
    label,
    reportedCores,
    measuredCores: null,
    browser: 'Firefox 150',
    engine: 'spidermonkey',
    crossOriginIsolated: true,
    timerResolutionMs: 0.02,
  };
  const runs = curve.map(([workers, wallMs]) => makeRun(workers, wallMs, { stableId: `${label}-${String(workers)}` }));
  const file = resultsFile({ runs, machine, series: null, stats: [], exportedAtMs: Date.UTC(2026, 11, 5) });
  return { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) };
}

const text = (name: string, body: string): FileToImport => ({ name, mimeType: 'application/json', buffer: Buffer.from(body) });

const importInput = (page: Page) => page.getByLabel('Import results');
const machinesTable = (page: Page) => page.getByRole('table', { name: 'Machines' });
const problems = (page: Page) => page.getByRole('status', { name: 'Imported machines' });
/** The row headers of the Machines table: the machines' labels, in order. */
const labels = (page: Page) => machinesTable(page).locator('tbody th[scope="row"]');
/** The wall-clock chart's data table (read by screen readers): one column per machine, headed by its label. */
const timeData = (page: Page) => page.getByRole('table', { name: 'Wall-clock time per number of workers, as a table' });

/** A column of a table, by its header, as text per row. */
async function column(table: Locator, header: string): Promise<string[]> {
  const headers = await table.locator('thead th').allTextContents();
  const index = headers.indexOf(header);
  expect(index, `column "${header}" in ${headers.join(' | ')}`).toBeGreaterThanOrEqual(0);
  return table.locator('tbody tr').evaluateAll((rows, at) => rows.map((row) => (row.children.item(at)?.textContent ?? '')), index);
}

const DESK = madeFile('desk.json', 'Desk PC', [[1, 2000], [2, 1000], [4, 520]], 4);
const LAPTOP = madeFile('laptop.json', 'Laptop', [[1, 1800], [2, 950]], 2);
const PHONE = madeFile('phone.json', 'Phone', [[1, 3000], [2, 1700], [4, 1100]], 4);

test.describe('compare machines', () => {
  test('imports files: each machine a row after this one, a curve on both charts, and the class in one sentence from three machines', async ({ lab, page }) => {
    await lab.goto();
    await expect(labels(page)).toHaveText([/\(this machine\)$/]);
    await importInput(page).setInputFiles([DESK, LAPTOP]);
    await expect(labels(page)).toHaveText([/\(this machine\)$/, 'Desk PC', 'Laptop']);
    const desk = machinesTable(page).getByRole('row', { name: /^Desk PC/ });
    await expect(desk.getByRole('cell')).toHaveText(['4', '4', 'Firefox 150', '520 ms (4 workers)', '3.85× at 4', /Hide\s*Remove/]);
    // The class sentence needs three machines: this one and two others make three.
    await expect(page.locator('.class-sentence')).toHaveCount(1);
    // Each on the wall-clock chart, named in its legend, and in its data table as a column.
    await expect(lab.timeFigure.locator('.machine-curve')).toHaveCount(2);
    await expect(lab.timeFigure.locator('.recharts-legend-item-text')).toContainText(['Desk PC', 'Laptop']);
    expect(await column(timeData(page), 'Desk PC')).toEqual(['2,000 ms', '1,000 ms', '520 ms']);
    expect(await column(timeData(page), 'Laptop')).toEqual(['1,800 ms', '950 ms', '—']);
    await expect(lab.speedUpFigure.locator('.machine-speed-up')).toHaveCount(2);
    expect(await column(page.getByRole('table', { name: 'Speed-up per number of workers, as a table' }), 'Desk PC')).toEqual(['1.00×', '2.00×', '3.85×']);

    // The same file again replaces itself; a third machine joins.
    await importInput(page).setInputFiles([DESK, PHONE]);
    await expect(labels(page)).toHaveText([/\(this machine\)$/, 'Desk PC', 'Laptop', 'Phone']);
    await expect(page.locator('.class-sentence')).toContainText(/\S/);
    await expect(problems(page)).toHaveCount(0);
  });

  test('a malformed, foreign, too new or oversized file among good ones gets one sentence naming it, and nothing loaded is lost', async ({ lab, page }) => {
    await lab.goto();
    await importInput(page).setInputFiles([DESK]);
    await expect(labels(page)).toHaveCount(2);
    const newer = JSON.parse(DESK.buffer.toString('utf8')) as Record<string, unknown>;
    await importInput(page).setInputFiles([
      text('broken.json', '{"format": "parallel-counting-lab/results", "version": 1, '),
      text('foreign.json', JSON.stringify({ format: 'someone-elses/results', version: 1 })),
      text('newer.json', JSON.stringify({ ...newer, version: RESULTS_VERSION + 1 })),
      LAPTOP,
      text('huge.json', `{"format": "${RESULTS_FORMAT}", "pad": "${'x'.repeat(5_000_001)}"}`),
    ]);
    await expect(labels(page)).toHaveText([/\(this machine\)$/, 'Desk PC', 'Laptop']);
    const sentences = problems(page).getByRole('listitem');
    await expect(sentences).toHaveCount(4);
    await expect(sentences.nth(0)).toHaveText(/^“broken\.json” is not a results file: it is not JSON/);
    await expect(sentences.nth(1)).toHaveText(/^“foreign\.json” is not a results file from the Parallel Counting Lab/);
    await expect(sentences.nth(2)).toHaveText(/^“newer\.json” was made by a newer version of this page/);
    await expect(sentences.nth(3)).toHaveText(/^“huge\.json” is too large/);
    await problems(page).getByRole('button', { name: 'Dismiss' }).click();
    await expect(problems(page)).toHaveCount(0);
    await expect(labels(page)).toHaveCount(3);
  });

  test('markup in a label shows as text: no element is made of it, in the table, the legend or the data table', async ({ lab, page }) => {
    await lab.goto();
    const label = '<b>Bold</b><img src=x onerror=alert(1)>';
    await importInput(page).setInputFiles([madeFile('markup.json', label, [[1, 900], [2, 500]])]);
    await expect(labels(page).nth(1)).toHaveText(label);
    await expect(lab.timeFigure.locator('.recharts-legend-item-text')).toContainText([label]);
    expect(await column(timeData(page), label)).toEqual(['900 ms', '500 ms']);
    await expect(page.locator('main b, main img')).toHaveCount(0);
    await expect(page.getByRole('button', { name: `Remove ${label}` })).toBeVisible();
  });

  test('hidden, shown and removed machines, and what is left survives a reload', async ({ lab, page }) => {
    await lab.goto();
    await importInput(page).setInputFiles([DESK, LAPTOP]);
    await expect(lab.timeFigure.locator('.machine-curve')).toHaveCount(2);
    await page.getByRole('button', { name: 'Hide Desk PC' }).click();
    await expect(lab.timeFigure.locator('.machine-curve')).toHaveCount(1);
    await expect(timeData(page).locator('thead th')).not.toContainText(['Desk PC']);
    // Hidden from the charts, still in the table.
    await expect(labels(page)).toHaveText([/\(this machine\)$/, 'Desk PC', 'Laptop']);

    await page.reload();
    await expect(labels(page)).toHaveText([/\(this machine\)$/, 'Desk PC', 'Laptop']);
    await expect(page.getByRole('button', { name: 'Show Desk PC' })).toBeVisible();
    await expect(lab.timeFigure.locator('.machine-curve')).toHaveCount(1);
    await page.getByRole('button', { name: 'Show Desk PC' }).click();
    await expect(lab.timeFigure.locator('.machine-curve')).toHaveCount(2);
    await page.getByRole('button', { name: 'Remove Laptop' }).click();
    await expect(labels(page)).toHaveText([/\(this machine\)$/, 'Desk PC']);

    await page.reload();
    await expect(labels(page)).toHaveText([/\(this machine\)$/, 'Desk PC']);
    await expect(lab.timeFigure.locator('.machine-curve')).toHaveCount(1);
  });

  test('two machines with the same label (a class’s default labels) are told apart by a number, the same in the table, the legend and the data table', async ({ lab, page }) => {
    await lab.goto();
    const twin = madeFile('twin.json', 'Desk PC', [[1, 2400], [2, 1300]], 2);
    await importInput(page).setInputFiles([DESK, twin]);
    await expect(labels(page)).toHaveText([/\(this machine\)$/, 'Desk PC', 'Desk PC (2)']);
    await expect(page.getByRole('button', { name: 'Remove Desk PC (2)' })).toBeVisible();
    await expect(lab.timeFigure.locator('.recharts-legend-item-text')).toContainText(['Desk PC', 'Desk PC (2)']);
    await expect(timeData(page).locator('thead th')).toContainText(['Desk PC', 'Desk PC (2)']);
  });

  test('after "Remove" the focus stays in the Machines table, not lost to the page', async ({ lab, page }) => {
    await lab.goto();
    await importInput(page).setInputFiles([DESK, LAPTOP]);
    await expect(labels(page)).toHaveCount(3);
    await page.getByRole('button', { name: 'Remove Laptop' }).focus();
    await page.keyboard.press('Enter');
    await expect(labels(page)).toHaveText([/\(this machine\)$/, 'Desk PC']);
    await expect(page.getByRole('region', { name: 'Machines table' })).toBeFocused();
  });

  test('with no runs of its own, "Remove all machines" asks first, then removes every imported machine, kept so after a reload', async ({ lab, page }) => {
    await lab.goto();
    await importInput(page).setInputFiles([DESK, LAPTOP, PHONE]);
    await expect(labels(page)).toHaveCount(4);
    await expect(page.getByRole('button', { name: 'Clear results' })).toHaveCount(0);
    const removeAll = page.getByRole('button', { name: 'Remove all machines' });
    const dialog = page.getByRole('alertdialog', { name: 'Remove all machines?' });

    await removeAll.click();
    await expect(dialog).toContainText('Remove the 3 imported machines? This cannot be undone.');
    await expect(dialog.getByRole('button', { name: 'Keep them' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(labels(page)).toHaveCount(4);
    await expect(removeAll).toBeFocused();

    await removeAll.click();
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(labels(page)).toHaveText([/\(this machine\)$/]);
    await expect(lab.timeFigure.locator('.machine-curve')).toHaveCount(0);
    await expect(removeAll).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Machines table' })).toBeFocused();
    await page.reload();
    await expect(labels(page)).toHaveText([/\(this machine\)$/]);
  });

  test('"Clear results" keeps the imported machines unless its checkbox is ticked', async ({ lab, page }) => {
    await lab.goto(`?workers=1&count=${typed('1e6')}`);
    await importInput(page).setInputFiles([DESK, LAPTOP]);
    await expect(labels(page)).toHaveCount(3);
    const dialog = page.getByRole('alertdialog', { name: 'Clear results?' });
    const option = dialog.getByRole('checkbox', { name: 'Also remove the 2 imported machines' });

    await lab.runAndWait(1, typed('1e6'));
    await page.getByRole('button', { name: 'Clear results' }).click();
    await expect(option).not.toBeChecked();
    await dialog.getByRole('button', { name: 'Clear', exact: true }).click();
    await expect(lab.resultRows).toHaveCount(0);
    await expect(labels(page)).toHaveCount(3);

    await lab.runAndWait(1, typed('1e6'));
    await page.getByRole('button', { name: 'Clear results' }).click();
    // Unticked again each time the dialog opens.
    await expect(option).not.toBeChecked();
    await option.check();
    await dialog.getByRole('button', { name: 'Clear', exact: true }).click();
    await expect(lab.resultRows).toHaveCount(0);
    await expect(labels(page)).toHaveText([/\(this machine\)$/]);
    await page.reload();
    await expect(labels(page)).toHaveText([/\(this machine\)$/]);
  });

  test('an export from one browser imported into a fresh one gives the same curve: the same medians in the chart’s data table and the same Machines row', async ({ lab, page, browser }) => {
    await lab.goto(`?workers=1&count=${typed('3e7')}`);
    await page.getByRole('textbox', { name: 'Machine label' }).fill('Round trip');
    await lab.sweepOneAndTwo();
    const medians = await column(timeData(page), 'Median');
    expect(medians).toHaveLength(2);
    const ownCells = await machinesTable(page).locator('tbody tr').first().getByRole('cell').allTextContents();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    const exported = { name: download.suggestedFilename(), mimeType: 'application/json', buffer: await readFile(await download.path()) };

    const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    try {
      const other = await fresh.newPage();
      await other.goto('/');
      await importInput(other).setInputFiles([exported]);
      await expect(labels(other)).toHaveText([/\(this machine\)$/, 'Round trip']);
      expect(await column(timeData(other), 'Round trip')).toEqual(medians);
      const importedCells = await machinesTable(other).getByRole('row', { name: /^Round trip/ }).getByRole('cell').allTextContents();
      // Every figure but the last column's buttons.
      expect(importedCells.slice(0, -1)).toEqual(ownCells.slice(0, -1));
      await expect(problems(other)).toHaveCount(0);
    } finally {
      await fresh.close();
    }
  });

  test('files dropped anywhere on the page are imported, with a hint while they are held over it; a drop of text is left alone', async ({ lab, page }) => {
    await lab.goto();
    const body = DESK.buffer.toString('utf8');
    const files = await page.evaluateHandle((json) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([json], 'dropped.json', { type: 'application/json' }));
      return transfer;
    }, body);
    const hint = page.locator('.drop-hint');
    await page.dispatchEvent('h1', 'dragenter', { dataTransfer: files });
    await expect(hint).toBeVisible();
    await page.dispatchEvent('h1', 'dragover', { dataTransfer: files });
    await page.dispatchEvent('h1', 'drop', { dataTransfer: files });
    await expect(hint).toHaveCount(0);
    await expect(labels(page)).toHaveText([/\(this machine\)$/, 'Desk PC']);

    const words = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.setData('text/plain', 'just words');
      return transfer;
    });
    await page.dispatchEvent('h1', 'dragenter', { dataTransfer: words });
    await expect(hint).toHaveCount(0);
    await page.dispatchEvent('h1', 'drop', { dataTransfer: words });
    await expect(labels(page)).toHaveCount(2);
    await expect(problems(page)).toHaveCount(0);
  });
});
