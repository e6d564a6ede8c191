import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type LabPage } from './labPage';

/** The "Code" region and its parts, by role and accessible name. */
function codeRegion(page: Page) {
  const region = page.getByRole('region', { name: 'Code', exact: true });
  return {
    region,
    python: region.getByRole('tab', { name: 'Python', exact: true }),
    typescript: region.getByRole('tab', { name: 'TypeScript', exact: true }),
    pythonPanel: region.getByRole('tabpanel', { name: 'Python', exact: true }),
    typescriptPanel: region.getByRole('tabpanel', { name: 'TypeScript', exact: true }),
  };
}

/** The program text the Python panel shows. */
const program = (lab: LabPage) => codeRegion(lab.page).pythonPanel.locator('pre code');

/** Chooses a model and a task by their radio buttons, as a student does. */
async function choose(page: Page, model: string, task: string) {
  await page.getByRole('group', { name: 'Execution model' }).getByRole('radio', { name: model }).check();
  await page.getByRole('group', { name: 'Task' }).getByRole('radio', { name: task }).check();
}

/** What each model and task must show: lines of the Python program, what it must not use, and the app's own functions. */
const SHOWN = [
  {
    model: 'Workers in parallel',
    task: 'I/O-bound: waiting',
    python: ['import multiprocessing\n', 'multiprocessing.Process(target=work, args=(WAIT, results))', '    time.sleep(wait)\n'],
    notPython: ['import threading', 'import asyncio', 'count += 1'],
    typescript: ['async waitFor(waitMs: number', 'async #sleepUnlessStopped(', 'await sleep(Math.min(IO_SLICE_MS, left));'],
  },
  {
    model: 'Workers sharing one lock',
    task: 'CPU-bound: counting',
    python: ['import threading\n', 'threading.Thread(target=work, args=(share, done, index))', 'sys.getswitchinterval()', '        count += 1\n'],
    notPython: ['import multiprocessing', 'import asyncio', 'time.sleep('],
    typescript: ['async countLocked(share: number', 'async #countInHolds(', 'acquire(options: AcquireOptions): AcquireOutcome {', 'release(): void {'],
  },
  {
    model: 'Workers sharing one lock',
    task: 'I/O-bound: waiting',
    python: ['import threading\n', 'threading.Thread(target=work, args=(WAIT, done, index))', '    time.sleep(wait)\n'],
    notPython: ['import multiprocessing', 'import asyncio', 'count += 1'],
    typescript: ['waitLocked(waitMs: number', 'export function waitForIoUnderLock(', 'lock.release();'],
  },
  {
    model: 'Main thread',
    task: 'CPU-bound: counting',
    python: ['import asyncio\n', 'await asyncio.sleep(0)', 'asyncio.gather(*(count_to(share) for share in SHARES))'],
    notPython: ['import multiprocessing', 'import threading'],
    typescript: ['export function createSliceCounter(', 'while (count < target) count += 1;', 'export async function runInTurns(', 'await counter.countSlice(size, freeze);'],
  },
  {
    model: 'Main thread',
    task: 'I/O-bound: waiting',
    python: ['import asyncio\n', '    await asyncio.sleep(wait)\n', 'asyncio.gather(*(work(WAIT) for _ in range(WORKERS)))'],
    notPython: ['import multiprocessing', 'import threading', 'count += 1'],
    typescript: ['export async function waitAllInSlices(', 'export async function waitInSlices(', 'await Promise.all(waits.map('],
  },
] as const;

test('the region "Code" has the tabs "Python" and "TypeScript", the ARIA way', async ({ lab, page }) => {
  await lab.goto();
  const code = codeRegion(page);
  await expect(code.region).toBeVisible();
  await expect(code.region.getByRole('tablist')).toHaveCount(1);
  await expect(code.region.getByRole('tab')).toHaveText(['Python', 'TypeScript']);
  await expect(code.python).toHaveAttribute('aria-selected', 'true');
  await expect(code.typescript).toHaveAttribute('aria-selected', 'false');
  // Roving tab stop: only the selected tab is in the tab order.
  await expect(code.python).toHaveAttribute('tabindex', '0');
  await expect(code.typescript).toHaveAttribute('tabindex', '-1');
  await expect(code.pythonPanel).toBeVisible();
  await expect(code.typescriptPanel).toBeHidden();
  // Each tab controls the panel that it labels.
  for (const tab of [code.python, code.typescript]) {
    const panelId = await tab.getAttribute('aria-controls');
    expect(panelId).toBeTruthy();
    await expect(page.locator(`[id="${panelId ?? ''}"]`)).toHaveAttribute('aria-labelledby', (await tab.getAttribute('id')) ?? 'no id');
  }
  await expect(program(lab)).toContainText('import multiprocessing');
  await expect(program(lab)).toContainText('multiprocessing.Process(');
});

test('the keyboard: arrows, Home and End move between the tabs and select them', async ({ lab, page }) => {
  await lab.goto();
  const code = codeRegion(page);
  await code.python.focus();
  await page.keyboard.press('ArrowRight');
  await expect(code.typescript).toBeFocused();
  await expect(code.typescript).toHaveAttribute('aria-selected', 'true');
  await expect(code.typescript).toHaveAttribute('tabindex', '0');
  await expect(code.python).toHaveAttribute('tabindex', '-1');
  await expect(code.typescriptPanel).toBeVisible();
  await expect(code.pythonPanel).toBeHidden();
  // The app's own code for the parallel model, cut from its real sources.
  const typescript = code.typescriptPanel.locator('pre code');
  await expect(typescript).toContainText('// src/lab/measurement/kernel.ts:');
  await expect(typescript).toContainText('while (count < size) count += 1;');
  await expect(typescript).toContainText('export async function runOnWorkers(');

  await page.keyboard.press('Home');
  await expect(code.python).toBeFocused();
  await expect(code.python).toHaveAttribute('aria-selected', 'true');
  await expect(code.pythonPanel).toBeVisible();
  await page.keyboard.press('End');
  await expect(code.typescript).toBeFocused();
  await expect(code.typescriptPanel).toBeVisible();
  // ArrowRight on the last tab wraps to the first; ArrowLeft on the first wraps to the last.
  await page.keyboard.press('ArrowRight');
  await expect(code.python).toBeFocused();
  await expect(code.pythonPanel).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(code.typescript).toBeFocused();
  await expect(code.typescript).toHaveAttribute('aria-selected', 'true');
  // Tab leaves the tab list for the panel's content: the Copy button.
  await page.keyboard.press('Tab');
  await expect(code.typescriptPanel.getByRole('button', { name: 'Copy', exact: true })).toBeFocused();
});

test("the Python program follows the slider's worker count and the field's total", async ({ lab }) => {
  await lab.goto();
  await lab.setWorkers(3);
  await lab.setTotal('1e9');
  await expect(program(lab)).toContainText('WORKERS = 3\n');
  await expect(program(lab)).toContainText('TOTAL = 1_000_000_000\n');
  await expect(program(lab)).toContainText('SHARES = [333_333_334] + [333_333_333] * 2\n');

  await lab.setWorkers(2);
  await lab.setTotal('20,000');
  await expect(program(lab)).toContainText('WORKERS = 2\n');
  await expect(program(lab)).toContainText('TOTAL = 20_000\n');
  await expect(program(lab)).toContainText('SHARES = [10_000] * 2\n');
  await expect(codeRegion(lab.page).pythonPanel).toContainText('2 processes (multiprocessing.Process) count to 20_000 between them');

  // A count that is not valid leaves the last valid program in place.
  await lab.setTotal('12 apples');
  await expect(lab.totalCount).toHaveAttribute('aria-invalid', 'true');
  await expect(program(lab)).toContainText('TOTAL = 20_000\n');
});

test("a program that would count for minutes in Python says how long and offers the lesson's count", async ({ lab, page }) => {
  await lab.goto();
  await lab.setWorkers(2);
  // The page's default total, from its preset.
  await page.getByRole('group', { name: 'Presets' }).getByRole('button', { name: '10 billion', exact: true }).click();
  await expect(lab.totalCount).toHaveValue('10000000000');
  const code = codeRegion(page);
  await expect(program(lab)).toContainText('TOTAL = 10_000_000_000\n');
  const lessonCount = code.pythonPanel.getByRole('button', { name: 'Use the lesson’s count (1 billion)', exact: true });
  await expect(code.pythonPanel).toContainText(
    'At the lesson’s speed (1 billion counts in 56.7 s on one process), counting to 10 billion takes about 9 minutes on one process, and at best about 5 minutes with this program’s 2 processes on 2 free cores.',
  );
  await expect(lessonCount).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).include('section.code-region').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  expect(violations.map((violation) => violation.id)).toEqual([]);

  await lessonCount.click();
  await expect(program(lab)).toContainText('TOTAL = 1_000_000_000\n');
  await expect(program(lab)).toContainText('SHARES = [500_000_000] * 2\n');
  // The count goes into the field, as a preset's does, so the settings above and the program agree.
  await expect(lab.totalCount).toHaveValue('1000000000');
  await expect(code.pythonPanel).not.toContainText('At the lesson’s speed');
  await expect(lessonCount).toHaveCount(0);

  // Threads take turns under the GIL: as long as one process, whatever their number.
  await choose(page, 'Workers sharing one lock', 'CPU-bound: counting');
  await lab.setTotal('2 billion');
  await expect(program(lab)).toContainText('TOTAL = 2_000_000_000\n');
  await expect(code.pythonPanel).toContainText('this program would take about 2 minutes to count to 2 billion: its 2 threads take turns under the GIL, no faster than one.');

  // A small count: no warning, no button.
  await lab.setTotal('20,000');
  await expect(program(lab)).toContainText('TOTAL = 20_000\n');
  await expect(code.pythonPanel).not.toContainText('At the lesson’s speed');
  await expect(lessonCount).toHaveCount(0);
});

test('the field reads counts as the page writes them, and refuses other languages’ forms in one sentence', async ({ lab }) => {
  await lab.goto();
  await lab.setWorkers(2);
  for (const [text, total] of [
    ['1.5 billion', '1_500_000_000'],
    ['2 billion', '2_000_000_000'],
    ['2 000 000 000', '2_000_000_000'],
    ['10 million', '10_000_000'],
  ] as const) {
    await lab.setTotal(text);
    await expect(lab.totalCount).toHaveAttribute('aria-invalid', 'false');
    await expect(program(lab)).toContainText(`TOTAL = ${total}\n`);
  }
  await lab.setTotal('2,5 Mrd');
  await expect(lab.totalCount).toHaveAttribute('aria-invalid', 'true');
  await expect(lab.countHelp).toHaveText('Write the count in digits or in English words, with a decimal point: 2500000000, 2.5e9 or 2.5 billion.');
  // Never read as 25: the last good program stays.
  await expect(program(lab)).toContainText('TOTAL = 10_000_000\n');
});

for (const shown of SHOWN) {
  test(`"${shown.model}" and "${shown.task}": the Python program and the app's own TypeScript for them`, async ({ lab, page }) => {
    await lab.goto();
    await lab.setWorkers(3);
    await choose(page, shown.model, shown.task);
    const code = codeRegion(page);
    await expect(program(lab)).toContainText('WORKERS = 3\n');
    for (const line of shown.python) await expect(program(lab)).toContainText(line);
    for (const line of shown.notPython) await expect(program(lab)).not.toContainText(line);

    await code.typescript.click();
    const typescript = code.typescriptPanel.locator('pre code');
    await expect(code.typescriptPanel).toContainText(`this app’s own code for “${shown.model}” and “${shown.task}”`);
    for (const line of shown.typescript) await expect(typescript).toContainText(line);
    // The parallel counting model's code is gone.
    await expect(typescript).not.toContainText('export async function runOnWorkers(');
    await expect(typescript).not.toContainText('appears here once');
  });
}

test('a waiting program waits what the page says a task waits, and follows the total', async ({ lab, page }) => {
  await lab.goto();
  await lab.setWorkers(2);
  // Hundreds of ms a task: the page's three figures are then within 0.5 %.
  await lab.setTotal('2e9');
  await choose(page, 'Workers sharing one lock', 'I/O-bound: waiting');
  /** The wait in the program, and the one the page's hint names, in ms. */
  const waits = async () => {
    const text = (await program(lab).textContent()) ?? '';
    const wait = /^WAIT = ([\d.]+) /m.exec(text)?.[1];
    const hint = (await page.getByText(/^Workers sharing one lock: .*Waiting: each of 2 tasks waits/).textContent()) ?? '';
    const said = /each of 2 tasks waits ([\d.]+) (ms|s)\b/.exec(hint);
    expect(wait, text).toBeDefined();
    expect(said, hint).not.toBeNull();
    return { program: Number(wait) * 1000, page: Number(said?.[1]) * (said?.[2] === 's' ? 1000 : 1) };
  };
  await expect(program(lab)).toContainText('WAIT = ');
  const before = await waits();
  expect(Math.abs(before.program - before.page) / before.page).toBeLessThan(0.01);
  await lab.setTotal('4e9');
  await expect.poll(async () => (await waits()).program).not.toBe(before.program);
  const after = await waits();
  expect(Math.abs(after.program - after.page) / after.page).toBeLessThan(0.01);
  expect(after.program / before.program).toBeCloseTo(2, 1);

  // A count that is not valid leaves the last wait in place.
  const last = (await program(lab).textContent())?.match(/^WAIT = .*$/m)?.[0] ?? 'no WAIT line';
  await lab.setTotal('12 apples');
  await expect(lab.totalCount).toHaveAttribute('aria-invalid', 'true');
  await expect(program(lab)).toContainText(`${last}\n`);
});

test('Copy puts the exact program on the clipboard and says "Copied."', async ({ lab, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await lab.goto();
  await lab.setWorkers(2);
  await lab.setTotal('20000');
  const code = codeRegion(page);
  await expect(program(lab)).toContainText('TOTAL = 20_000\n');
  const status = code.pythonPanel.getByRole('status');
  await expect(status).toHaveText('');
  await code.pythonPanel.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(status).toHaveText('Copied.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await program(lab).textContent());
  expect(copied).toMatch(/^# 2 processes count to 20_000 between them\./);
  expect(copied).toContain('SHARES = [10_000] * 2\n');
  expect(copied.endsWith('print(f"{WORKERS} processes counted to {sum(done):_} in {elapsed:.2f} s")\n')).toBe(true);

  // A new program clears the old "Copied.".
  await lab.setTotal('30000');
  await expect(program(lab)).toContainText('TOTAL = 30_000\n');
  await expect(status).toHaveText('');

  await code.typescript.click();
  await code.typescriptPanel.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(code.typescriptPanel.getByRole('status')).toHaveText('Copied.');
  const typescript = await page.evaluate(() => navigator.clipboard.readText());
  expect(typescript).toBe(await code.typescriptPanel.locator('pre code').textContent());
  expect(typescript).toContain('export async function runOnWorkers(');
});

test('a refused clipboard gets one clear sentence', async ({ lab, page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'clipboard', {
      get: () => ({ writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) }),
    });
  });
  await lab.goto();
  const code = codeRegion(page);
  await code.pythonPanel.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(code.pythonPanel.getByRole('status')).toHaveText('Copying is not allowed here: select the code and copy it by hand.');
});

test('the code is highlighted with classes only: no style attribute, no script', async ({ lab, page }) => {
  await lab.goto();
  const code = codeRegion(page);
  await expect(code.pythonPanel.locator('pre code .hljs-keyword').first()).toBeVisible();
  expect(await code.region.locator('[style]').count()).toBe(0);
  expect(await code.region.locator('script').count()).toBe(0);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no violation in the region "Code", ${scheme}, on both tabs`, async ({ lab, page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await lab.goto();
    const code = codeRegion(page);
    await expect(code.pythonPanel.locator('pre code .hljs-string').first()).toBeVisible();
    const check = async () => {
      const { violations } = await new AxeBuilder({ page })
        .include('section.code-region')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      expect(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`)).toEqual([]);
    };
    await check();
    await code.typescript.click();
    await expect(code.typescriptPanel.locator('pre code .hljs-keyword').first()).toBeVisible();
    await check();
  });
}
