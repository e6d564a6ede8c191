import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type LabPage } from './labPage';

/** Python's first load (13 MB, compiled once) and a few interpreters starting on a busy 2-core machine: never a timing, only a ceiling. */
const PYTHON_TIMEOUT = 90_000;

// Each test may load Python and start a few interpreters on a shared machine: a ceiling above PYTHON_TIMEOUT, never a timing.
test.describe.configure({ timeout: 150_000 });

/** The Python tab's program, its controls and its output, by role and accessible name. */
function programParts(page: Page) {
  const region = page.getByRole('region', { name: 'Code', exact: true });
  const panel = region.getByRole('tabpanel', { name: 'Python', exact: true });
  return {
    panel,
    text: panel.getByRole('textbox', { name: 'Python program', exact: true }),
    run: panel.getByRole('button', { name: 'Run program', exact: true }),
    stop: panel.getByRole('button', { name: 'Stop program', exact: true }),
    reset: panel.getByRole('button', { name: 'Reset program', exact: true }),
    output: panel.getByRole('log', { name: 'Program output', exact: true }),
  };
}

/** The page's program for 2 workers counting to 2·10⁶ between them: a second or two of Python. */
async function smallProgram(lab: LabPage) {
  await lab.goto();
  await lab.setWorkers(2);
  await lab.setTotal('2e6');
  const parts = programParts(lab.page);
  await expect(parts.text).toHaveValue(/^TOTAL = 2_000_000$/m);
  return parts;
}

/** The program with its `if __name__ == "__main__":` line taken out and the block under it dedented, as a student might write it. */
function withoutGuard(program: string): string {
  const lines = program.split('\n');
  const guard = lines.indexOf('if __name__ == "__main__":');
  expect(guard, 'the guard line').toBeGreaterThan(0);
  return [...lines.slice(0, guard), ...lines.slice(guard + 1).map((line) => line.replace(/^ {4}/, ''))].join('\n');
}

test("the page's program runs here: its processes count, it prints its line, and no worker is left", async ({ lab, page, workerWatch }) => {
  const parts = await smallProgram(lab);
  await expect(parts.output).toHaveAttribute('aria-live', 'polite');
  workerWatch.reset();
  await parts.run.click();
  // The same button is now Stop, and keeps focus.
  await expect(parts.stop).toBeFocused();
  await expect(parts.output).toContainText(/2 processes counted to 2_000_000 in \d+\.\d\d s/, { timeout: PYTHON_TIMEOUT });
  await expect(parts.output).toContainText(/The program ended \(exit code 0\) in \d+\.\d\d s\./);
  await expect(parts.run).toBeEnabled();
  // The program's own worker and one for each of its 2 processes, all there at once, and none after.
  expect(workerWatch.created).toBeGreaterThanOrEqual(3);
  expect(workerWatch.mostAlive).toBeGreaterThanOrEqual(3);
  await expect.poll(() => page.workers().length).toBe(0);
  const { violations } = await new AxeBuilder({ page })
    .include('section.code-region')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  expect(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`)).toEqual([]);
});

test("what the processes print comes to the log, in the parent's order around it", async ({ lab, page }) => {
  await lab.goto();
  const parts = programParts(page);
  await parts.text.fill(
    [
      'import multiprocessing',
      '',
      'def hello(n):',
      '    print(f"{multiprocessing.current_process().name} got {n}")',
      '',
      'if __name__ == "__main__":',
      '    print("parent starts", multiprocessing.cpu_count() >= 1)',
      '    processes = [multiprocessing.Process(target=hello, args=(n,), name=f"P{n}") for n in range(2)]',
      '    for process in processes:',
      '        process.start()',
      '    for process in processes:',
      '        process.join()',
      '    print("exit codes", [process.exitcode for process in processes])',
      '',
    ].join('\n'),
  );
  await parts.run.click();
  await expect(parts.output).toContainText('The program ended (exit code 0)', { timeout: PYTHON_TIMEOUT });
  const text = (await parts.output.textContent()) ?? '';
  for (const line of ['parent starts True', 'P0 got 0', 'P1 got 1', 'exit codes [0, 0]']) expect(text).toContain(line);
  expect(text.indexOf('parent starts True')).toBeLessThan(text.indexOf('P0 got 0'));
  expect(text.indexOf('P1 got 1')).toBeLessThan(text.indexOf('exit codes [0, 0]'));
  await expect.poll(() => page.workers().length).toBe(0);
});

test('without the __main__ guard each child raises the RuntimeError Python gives; Stop ends the waiting parent', async ({ lab, page }) => {
  const parts = await smallProgram(lab);
  await parts.text.fill(withoutGuard(await parts.text.inputValue()));
  await expect(parts.text).not.toHaveValue(/__main__/);
  await parts.run.click();
  await expect(parts.output).toContainText('RuntimeError', { timeout: PYTHON_TIMEOUT });
  await expect(parts.output).toContainText('An attempt has been made to start a new process before the');
  await expect(parts.output).toContainText('current process has finished its bootstrapping phase.');
  // The traceback is stderr: marked as an error, not by colour alone.
  await expect(parts.output.locator('.program-stderr').filter({ hasText: 'RuntimeError' }).first()).toBeVisible();
  await expect(parts.output.getByText('Error output:').first()).toBeAttached();
  // As in CPython, the parent waits on its queue for results that never come: Stop ends it.
  await parts.stop.click();
  await expect(parts.output).toContainText(/Stopped: the program and (its \d+ process(es)? were|every process it started were) ended\./);
  await expect.poll(() => page.workers().length).toBe(0);
});

test('a program that raises shows its traceback, after what it printed, and says it failed', async ({ lab, page }) => {
  await lab.goto();
  const parts = programParts(page);
  // The first line prints markup: the log shows it as text, never as elements.
  await parts.text.fill('print("<b>bold</b><img src=x>")\nprint("before the error")\n\ndef divide(a, b):\n    return a / b\n\ndivide(1, 0)\n');
  await parts.run.click();
  await expect(parts.output).toContainText('The program failed: ZeroDivisionError: division by zero.', { timeout: PYTHON_TIMEOUT });
  const text = (await parts.output.textContent()) ?? '';
  expect(text).toContain('Traceback (most recent call last):');
  expect(text).toMatch(/line 5, in divide/);
  await expect(parts.output.locator('.program-line').first()).toHaveText('<b>bold</b><img src=x>');
  await expect(parts.output.locator('b, img')).toHaveCount(0);
  expect(text.indexOf('before the error')).toBeLessThan(text.indexOf('Traceback'));
  await expect(parts.output.locator('.program-stderr').filter({ hasText: 'ZeroDivisionError: division by zero' })).toHaveCount(1);
  await expect.poll(() => page.workers().length).toBe(0);
});

test('a program that prints more than the log keeps: the last 2,000 lines, a note on the dropped ones, scrolled to the end', async ({ lab, page }) => {
  await lab.goto();
  const parts = programParts(page);
  await parts.text.fill('for line in range(2500):\n    print("line", line)\n');
  await parts.run.click();
  await expect(parts.output).toContainText('The program ended (exit code 0)', { timeout: PYTHON_TIMEOUT });
  await expect(parts.output).toContainText('500 earlier lines were dropped: the log keeps the last 2,000.');
  await expect(parts.output.locator('.program-line')).toHaveCount(2000);
  await expect(parts.output.locator('.program-line').first()).toHaveText('line 500');
  await expect(parts.output.locator('.program-line').last()).toHaveText('line 2499');
  // The newest line and the outcome are in view.
  const { top, height, scrolled } = await parts.output.evaluate((element) => ({ top: element.scrollTop, height: element.clientHeight, scrolled: element.scrollHeight }));
  expect(top + height).toBeGreaterThanOrEqual(scrolled - 2);
});

test('Stop, and Escape, end a long program and every process it started', async ({ lab, page }) => {
  await lab.goto();
  await lab.setWorkers(2);
  // Minutes of Python: only Stop ends it.
  await lab.setTotal('1e10');
  const parts = programParts(page);
  await expect(parts.text).toHaveValue(/^TOTAL = 10_000_000_000$/m);
  for (const how of ['Stop program', 'Escape'] as const) {
    await parts.run.click();
    // The program's worker and its 2 processes' workers are there.
    await expect.poll(() => page.workers().length, { timeout: PYTHON_TIMEOUT }).toBeGreaterThanOrEqual(3);
    if (how === 'Escape') await page.keyboard.press('Escape');
    else await parts.stop.click();
    await expect(parts.output).toContainText(/Stopped: the program and (its \d+ process(es)? were|every process it started were) ended\./);
    await expect(parts.run).toBeVisible();
    await expect.poll(() => page.workers().length).toBe(0);
    await expect(parts.output).not.toContainText('processes counted to');
  }
});

test("the program follows the settings until edited; Reset program brings the page's program back", async ({ lab, page }) => {
  const parts = await smallProgram(lab);
  await expect(parts.reset).toBeDisabled();
  const pages = await parts.text.inputValue();
  await parts.text.fill(`${pages}print("mine")\n`);
  await expect(parts.reset).toBeEnabled();
  await expect(parts.panel).toContainText('Your edited program: it keeps your text while the settings change');
  // The settings change; the edited text stays.
  await lab.setWorkers(3);
  await expect(parts.text).toHaveValue(/^WORKERS = 2$/m);
  await expect(parts.text).toHaveValue(/print\("mine"\)\n$/);
  await parts.reset.focus();
  await page.keyboard.press('Enter');
  // The button is disabled now: focus goes to the program it brought back.
  await expect(parts.text).toBeFocused();
  await expect(parts.text).toHaveValue(/^WORKERS = 3$/m);
  await expect(parts.text).not.toHaveValue(/mine/);
  await expect(parts.reset).toBeDisabled();
  await expect(parts.panel).toContainText('3 processes (multiprocessing.Process) count to 2_000_000 between them');
  // The highlighted text beneath is the textbox's own, and Copy copies it.
  await expect(parts.panel.locator('pre code')).toHaveText(await parts.text.inputValue());
});

test('a lab run and a program take turns: Run program waits while the lab runs, and Run while the program runs', async ({ lab, page }) => {
  await lab.goto();
  await lab.setWorkers(1);
  await lab.setTotal('1e11');
  const parts = programParts(page);
  await lab.runButton.click();
  await lab.waitUntilCounting();
  await expect(parts.run).toBeDisabled();
  await expect(parts.panel).toContainText('One at a time: while the program runs, the lab’s Run waits, and the other way round');
  await lab.stopButton.click();
  await expect(parts.run).toBeEnabled();

  // The program of 1 process counting to 10¹¹: only Stop ends it.
  await expect(parts.text).toHaveValue(/^TOTAL = 100_000_000_000$/m);
  await parts.run.click();
  await expect(parts.stop).toBeVisible();
  await expect(lab.runButton).toBeDisabled();
  await expect(lab.sweepButton).toBeDisabled();
  await expect(page.getByText('Run waits while the Python program in the Code region runs: one at a time, so that neither slows the other.')).toBeVisible();
  // R does not start a run either.
  await page.locator('body').press('r');
  await expect(lab.stopButton).toBeDisabled();
  // The program's worker and its process's.
  await expect.poll(() => page.workers().length, { timeout: PYTHON_TIMEOUT }).toBeGreaterThanOrEqual(2);
  await parts.stop.click();
  await expect(parts.output).toContainText('Stopped: the program and');
  await expect(lab.runButton).toBeEnabled();
  await expect.poll(() => page.workers().length).toBe(0);
});

test('one "Loading Python" bar on the page: Python chosen and Run program both wait for the same load, shown beside Run program', async ({ lab, page }) => {
  // The wasm held back until the test has seen both wait, then let through.
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/pyodide.asm.wasm', async (route) => {
    await held;
    await route.continue();
  });
  const parts = await smallProgram(lab);
  // The most "Loading Python" bars ever on the page at once, counted on every change of the page.
  await page.evaluate(() => {
    const record = window as unknown as { mostLoadingBars: number };
    record.mostLoadingBars = 0;
    const count = () => {
      record.mostLoadingBars = Math.max(record.mostLoadingBars, document.querySelectorAll('[aria-label="Loading Python"]').length);
    };
    new MutationObserver(count).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  const allBars = page.getByRole('progressbar', { name: 'Loading Python' });
  await page.getByRole('group', { name: 'Kernel language' }).getByRole('radio', { name: 'Python' }).check();
  await expect(page.getByRole('form', { name: 'Run settings' }).getByRole('progressbar', { name: 'Loading Python' })).toBeVisible();
  await parts.run.click();
  await expect(parts.panel.getByRole('progressbar', { name: 'Loading Python' })).toBeVisible();
  await expect(allBars).toHaveCount(1);
  await expect(lab.runButton).toBeDisabled();

  release();
  await expect(parts.output).toContainText(/The program ended \(exit code 0\) in \d+\.\d\d s\./, { timeout: PYTHON_TIMEOUT });
  // The lab's bar is back, full, and still the only one.
  await expect(page.getByText(/^Python loaded: ([\d.]+) of \1 MB\.$/)).toBeVisible();
  await expect(allBars).toHaveCount(1);
  expect(await page.evaluate(() => (window as unknown as { mostLoadingBars: number }).mostLoadingBars)).toBe(1);
});

test('the lock model\'s program says that this Python cannot start threads', async ({ lab, page }) => {
  await lab.goto();
  await page.getByRole('group', { name: 'Execution model' }).getByRole('radio', { name: 'Workers sharing one lock' }).check();
  const parts = programParts(page);
  await expect(parts.text).toHaveValue(/^import threading$/m);
  await expect(parts.panel).toContainText('This Python (Pyodide, in the browser) cannot start threads, so a program that uses threading runs with python3 only.');
});

test("the main thread's asyncio program runs here too (this browser has WebAssembly stack switching)", async ({ lab, page }) => {
  await lab.goto();
  await lab.setWorkers(2);
  await lab.setTotal('2e6');
  await page.getByRole('group', { name: 'Execution model' }).getByRole('radio', { name: 'Main thread' }).check();
  await page.getByRole('group', { name: 'Task' }).getByRole('radio', { name: 'CPU-bound: counting' }).check();
  const parts = programParts(page);
  await expect(parts.text).toHaveValue(/^import asyncio$/m);
  await expect(parts.panel).not.toContainText('asyncio.run needs');
  await parts.run.click();
  await expect(parts.output).toContainText(/2 tasks counted to 2_000_000 in \d+\.\d\d s/, { timeout: PYTHON_TIMEOUT });
  await expect(parts.output).toContainText('The program ended (exit code 0)');
});

test('without WebAssembly stack switching, the asyncio program says it runs with python3 only', async ({ lab, page }) => {
  await page.addInitScript(() => {
    Reflect.deleteProperty(WebAssembly, 'Suspending');
  });
  await lab.goto();
  await page.getByRole('group', { name: 'Execution model' }).getByRole('radio', { name: 'Main thread' }).check();
  const parts = programParts(page);
  await expect(parts.text).toHaveValue(/^import asyncio$/m);
  await expect(parts.panel).toContainText('This browser lacks WebAssembly stack switching (JSPI), which asyncio.run needs in this Python (Pyodide), so a program that uses asyncio.run runs with python3 only.');
});

test('without SharedArrayBuffer the page says what it lacks instead of offering a Run that would hang', async ({ lab, page }) => {
  await page.addInitScript(() => {
    Reflect.deleteProperty(globalThis, 'SharedArrayBuffer');
  });
  await lab.goto();
  const parts = programParts(page);
  await expect(parts.text).toBeVisible();
  await expect(parts.run).toHaveCount(0);
  await expect(parts.panel).toContainText('This browser has no SharedArrayBuffer');
});
