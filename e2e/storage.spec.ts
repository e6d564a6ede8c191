import type { Page } from '@playwright/test';
import { build } from 'vite';
import { expect, test } from './labPage';
import { mixedRecords, storedRun, storedRunV2 } from './storedRecords';

/** A blank page of the lab's origin (served by the test, with no icon to fetch), to reach its IndexedDB before the lab opens. */
async function openBlankPage(page: Page) {
  await page.route('**/seed-storage', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>seed</title><link rel="icon" href="data:,">' }));
  await page.goto('/seed-storage');
}

/** A record to store, under the key a version 2 page gives it (its run's stableId), or without one, numbered by the store as version 1 did. */
interface SeedRecord {
  key?: string;
  value: unknown;
}

/** Records as a version 1 page added them: numbered by the store. */
const unkeyed = (values: unknown[]): SeedRecord[] => values.map((value) => ({ value }));

/**
 * Writes records into the lab's IndexedDB store before the lab ever opens: what an older or
 * broken page left behind.
 */
async function storeBeforeLoad(page: Page, seeds: SeedRecord[]) {
  await openBlankPage(page);
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
    for (const { key, value } of values) transaction.objectStore('runs').add(value, key);
    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => {
        resolve();
      };
      transaction.onerror = () => {
        reject(new Error(transaction.error?.message ?? 'write failed'));
      };
    });
    db.close();
  }, seeds);
}

/** The keys of the records in the lab's store of runs, in the store's order (numbers before strings). */
const recordKeys = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<IDBValidKey[]>((resolve, reject) => {
        const request = indexedDB.open('parallel-counting-lab');
        request.onsuccess = () => {
          const keys = request.result.transaction('runs').objectStore('runs').getAllKeys();
          keys.onsuccess = () => {
            resolve(keys.result);
            request.result.close();
          };
        };
        request.onerror = () => {
          reject(new Error('open failed'));
        };
      }),
  );

/** What the spec calls of the lab's store of runs (src/page/storage/indexedDbRunStore.ts). */
interface BundledRunStore {
  indexedDbRunStore(tab: string): { add(run: unknown): Promise<void>; load(): Promise<{ runs: { id: number; stableId: string }[] }> };
}

let bundledRunStore: Promise<string> | null = null;

/**
 * The lab's store of runs bundled as a script that sets `labRunStore`, from its source: the page
 * never adds a run twice yet (importing will), so the spec calls the store itself, in the real IndexedDB.
 */
function runStoreScript(): Promise<string> {
  bundledRunStore ??= build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry: 'src/page/storage/indexedDbRunStore.ts', formats: ['iife'], name: 'labRunStore' } },
  }).then((output) => {
    const chunk = (Array.isArray(output) ? output : [output]).flatMap((each) => ('output' in each ? each.output : [])).find((file) => file.type === 'chunk');
    if (chunk?.type !== 'chunk') throw new Error('The store of runs did not bundle.');
    return chunk.code;
  });
  return bundledRunStore;
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

  test('Run waits, saying why, until the kept results are read back, and a run then comes after them', async ({ lab, page }) => {
    await storeBeforeLoad(page, [{ key: 'kept-run-1', value: storedRunV2('old-tab', 1, 900, 'kept-run-1') }]);
    // The runs' database answers only when the test says so, as a slow disk would.
    await page.addInitScript(() => {
      const factory = IDBFactory.prototype;
      const open = factory.open.bind(indexedDB);
      const held = window as unknown as { releaseKeptRuns?: () => void };
      factory.open = (name: string, version?: number) => {
        const request = open(name, version);
        if (name !== 'parallel-counting-lab') return request;
        let released = false;
        request.addEventListener('success', (event) => {
          if (released) return;
          event.stopImmediatePropagation();
          held.releaseKeptRuns = () => {
            released = true;
            request.dispatchEvent(new Event('success'));
          };
        });
        return request;
      };
    });
    await lab.goto('?workers=1&count=20000000');
    await expect(page.locator('#run-wait-reason')).toHaveText('Run waits a moment while the results kept in this browser are read back.');
    await expect(lab.runButton).toBeDisabled();
    await expect(lab.resultRows).toHaveCount(0);
    await page.waitForFunction(() => typeof (window as unknown as { releaseKeptRuns?: () => void }).releaseKeptRuns === 'function');
    await page.evaluate(() => {
      (window as unknown as { releaseKeptRuns: () => void }).releaseKeptRuns();
    });
    await expect(lab.resultRows).toHaveCount(1);
    await expect(page.locator('#run-wait-reason')).toHaveCount(0);
    const row = await lab.runAndWait(1, '2e7');
    expect(await lab.cell(row, '#')).toBe('2');
  });

  test('unreadable stored data is set aside with a notice, the readable runs come back, and the page works', async ({ lab, page }) => {
    await storeBeforeLoad(page, unkeyed(mixedRecords('old-tab')));
    await lab.goto();
    const notice = page.getByRole('status', { name: 'Stored results' });
    await expect(notice).toHaveText(/^4 stored results were set aside \(2 unreadable, 1 from a newer version of this page, 1 too large\); the readable ones are back, and the page works as usual\./);
    await expect(lab.resultRows).toHaveCount(2);
    expect(await lab.results.locator('tbody tr td:nth-child(1)').allTextContents()).toEqual(['1', '2']);
    // Set aside, not deleted; and the page still runs.
    expect(await countRecords(page, 'set-aside')).toBe(4);
    expect(await countRecords(page, 'runs')).toBe(2);
    // The readable version 1 records are stored again in version 2, under the stable id made of their tab and number.
    expect(await recordKeys(page)).toEqual(['v1-old-tab-1', 'v1-old-tab-4']);
    const row = await lab.runAndWait(1, '2e7');
    expect(await lab.cell(row, 'Check')).toBe('Counted 20,000,000');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toHaveCount(0);
    // The next visit finds nothing to set aside.
    await page.reload();
    await expect(lab.resultRows).toHaveCount(3);
    await expect(page.getByRole('status', { name: 'Stored results' })).toHaveCount(0);
    expect(await countRecords(page, 'runs')).toBe(3);
  });

  test('version 2 records come back beside version 1 ones, oldest first, and each is kept once however often the page loads', async ({ lab, page }) => {
    await storeBeforeLoad(page, [
      { key: 'kept-run-3', value: storedRunV2('new-tab', 3, 800, 'kept-run-3') },
      { value: storedRun('old-tab', 1, 1200) },
      { key: 'kept-run-2', value: storedRunV2('new-tab', 2, 900, 'kept-run-2') },
    ]);
    await lab.goto('?workers=1&count=20000000');
    await expect(lab.resultRows).toHaveCount(3);
    expect(await lab.results.locator('tbody tr td:nth-child(1)').allTextContents()).toEqual(['1', '2', '3']);
    const walls = async () => Promise.all((await lab.resultRows.all()).map((row) => lab.cell(row, 'Wall-clock (ms)')));
    expect(await walls()).toEqual(['1,200', '900', '800']);
    await expect(page.getByRole('status', { name: 'Stored results' })).toHaveCount(0);
    expect(await recordKeys(page)).toEqual(['kept-run-2', 'kept-run-3', 'v1-old-tab-1']);
    for (const load of ['second', 'third']) {
      await page.reload();
      await expect(lab.resultRows, `rows at the ${load} load`).toHaveCount(3);
      expect(await walls()).toEqual(['1,200', '900', '800']);
      expect(await recordKeys(page)).toEqual(['kept-run-2', 'kept-run-3', 'v1-old-tab-1']);
    }
    await expect(lab.countHelp).not.toContainText('Measuring', { timeout: 10_000 });
    const next = await lab.runAndWait(1, '2e7');
    expect(await lab.cell(next, '#')).toBe('4');
    await page.reload();
    await expect(lab.resultRows).toHaveCount(4);
    expect(await countRecords(page, 'runs')).toBe(4);
  });

  test('the store adds a run it already has only once, a version 1 run stored again included (what importing will do)', async ({ page }) => {
    await storeBeforeLoad(page, unkeyed([storedRun('old-tab', 1, 1200)]));
    await page.addScriptTag({ content: await runStoreScript() });
    const kept = storedRunV2('new-tab', 2, 900, 'kept-once').run;
    const earlier = { ...storedRun('old-tab', 1, 1200).run, stableId: 'v1-old-tab-1' };
    const stableIds = await page.evaluate(
      async ({ run, migrated }) => {
        const store = (window as unknown as { labRunStore: BundledRunStore }).labRunStore.indexedDbRunStore('importing-tab');
        // The first load stores the version 1 record again under its stable id.
        await store.load();
        await store.add(run);
        await store.add(run);
        // The same run numbered otherwise in another tab is still the same run.
        await store.add({ ...run, id: 7 });
        await store.add(migrated);
        return (await store.load()).runs.map((each) => each.stableId);
      },
      { run: kept, migrated: earlier },
    );
    expect(stableIds).toEqual(['v1-old-tab-1', 'kept-once']);
    expect(await recordKeys(page)).toEqual(['kept-once', 'v1-old-tab-1']);
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

