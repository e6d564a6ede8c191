import type { Page } from '@playwright/test';
import { expect, test } from './labPage';
import { mixedRecords } from './storedRecords';

/**
 * Writes records into the lab's IndexedDB store from a blank page of the same origin (served
 * by the test, with no icon to fetch), before the lab ever opens: what an older or broken page left behind.
 */
async function storeBeforeLoad(page: Page, records: unknown[]) {
  await page.route('**/seed-storage', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>seed</title><link rel="icon" href="data:,">' }));
  await page.goto('/seed-storage');
  await page.evaluate(async (values) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('parallel-counting-lab', 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore('runs', { autoIncrement: true });
        request.result.createObjectStore('set-aside', { autoIncrement: true });
      };
      request.onsuccess = () => {
        resolve(request.result);
      };
      request.onerror = () => {
        reject(new Error(request.error?.message ?? 'open failed'));
      };
    });
    const transaction = db.transaction('runs', 'readwrite');
    for (const value of values) transaction.objectStore('runs').add(value);
    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => {
        resolve();
      };
      transaction.onerror = () => {
        reject(new Error(transaction.error?.message ?? 'write failed'));
      };
    });
    db.close();
  }, records);
}

/** Counts the records in one of the lab's stores. */
const countRecords = (page: Page, store: 'runs' | 'set-aside') =>
  page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const request = indexedDB.open('parallel-counting-lab');
        request.onsuccess = () => {
          const count = request.result.transaction(name).objectStore(name).count();
          count.onsuccess = () => {
            resolve(count.result);
            request.result.close();
          };
        };
        request.onerror = () => {
          reject(new Error('open failed'));
        };
      }),
    store,
  );

test.describe('Results survive a reload', () => {
  test('a run is back after a reload, with its numbers, and the next run comes after it', async ({ lab, page }) => {
    await lab.goto('?workers=2&count=20000000');
    const row = await lab.runAndWait(2, '2e7');
    const wall = await lab.cell(row, 'Wall-clock (ms)');
    await page.reload();
    await expect(lab.resultRows).toHaveCount(1);
    expect(await lab.cell(lab.resultRows.first(), 'Wall-clock (ms)')).toBe(wall);
    expect(await lab.cell(lab.resultRows.first(), 'Check')).toBe('Counted 20,000,000');
    await expect(lab.countHelp).not.toContainText('Measuring', { timeout: 10_000 });
    const next = await lab.runAndWait(1, '2e7');
    expect(await lab.cell(next, '#')).toBe('2');
    expect(await countRecords(page, 'runs')).toBe(2);
  });

  test('unreadable stored data is set aside with a notice, the readable runs come back, and the page works', async ({ lab, page }) => {
    await storeBeforeLoad(page, mixedRecords('old-tab'));
    await lab.goto();
    const notice = page.getByRole('status', { name: 'Stored results' });
    await expect(notice).toHaveText(/^4 stored results were set aside \(2 unreadable, 1 from a newer version of this page, 1 too large\); the readable ones are back, and the page works as usual\./);
    await expect(lab.resultRows).toHaveCount(2);
    expect(await lab.results.locator('tbody tr td:nth-child(1)').allTextContents()).toEqual(['1', '2']);
    // Set aside, not deleted; and the page still runs.
    expect(await countRecords(page, 'set-aside')).toBe(4);
    expect(await countRecords(page, 'runs')).toBe(2);
    const row = await lab.runAndWait(1, '2e7');
    expect(await lab.cell(row, 'Check')).toBe('Counted 20,000,000');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toHaveCount(0);
    // The next visit finds nothing to set aside.
    await page.reload();
    await expect(lab.resultRows).toHaveCount(3);
    await expect(page.getByRole('status', { name: 'Stored results' })).toHaveCount(0);
  });

  test('two tabs running at once each keep their runs, and both see the union after a reload', async ({ lab, page, context }) => {
    const second = await context.newPage();
    await lab.goto('?workers=1&count=20000000');
    await second.goto('/?workers=1&count=20000000');
    const secondRun = second.getByRole('button', { name: 'Run', exact: true });
    await expect(second.locator('#total-count-help')).not.toContainText('Measuring', { timeout: 10_000 });
    await lab.runAndWait(1, '2e7');
    await secondRun.click();
    await expect(second.locator('table.results:not(.stats) tbody tr:not(:has(td.empty))')).toHaveCount(1, { timeout: 30_000 });
    await lab.runAndWait(2, '2e7');
    // Each tab shows its own; the store holds all three.
    await expect(lab.resultRows).toHaveCount(2);
    expect(await countRecords(page, 'runs')).toBe(3);
    await page.reload();
    await expect(lab.resultRows).toHaveCount(3);
    await second.reload();
    await expect(second.locator('table.results:not(.stats) tbody tr:not(:has(td.empty))')).toHaveCount(3);
    await second.close();
  });

  test('"Clear results" asks first; keeping them keeps them, clearing forgets them for good', async ({ lab, page }) => {
    await lab.goto('?workers=1&count=20000000');
    await lab.runAndWait(1, '2e7');
    await lab.runAndWait(2, '2e7');
    const clear = page.getByRole('button', { name: 'Clear results' });
    const dialog = page.getByRole('alertdialog', { name: 'Clear results?' });
    await clear.click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Keep them' }).click();
    await expect(dialog).toBeHidden();
    await page.reload();
    await expect(lab.resultRows).toHaveCount(2);
    await page.getByRole('button', { name: 'Clear results' }).click();
    await dialog.getByRole('button', { name: 'Clear', exact: true }).click();
    await expect(lab.resultRows).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
    // Give the kept runs time to come back, if any were left.
    await page.waitForTimeout(500);
    await expect(lab.resultRows).toHaveCount(0);
    expect(await countRecords(page, 'runs')).toBe(0);
  });
});

