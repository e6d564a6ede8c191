import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type LabPage } from './labPage';
import { typed } from './speed';

/** WCAG 2.2 A and AA, as axe tags them, and axe's best practices (as in a11y.spec.ts). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = violations.map((violation) => `${violation.id} (${violation.impact ?? ''}): ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
  expect(found).toEqual([]);
}

/** A run of one worker that takes a few hundredths of a second. */
const SMALL_RUN = '?workers=1&count=20000000';
/** A run that goes on until it is stopped, on a machine of any speed. */
const LONG_RUN = `?workers=1&count=${typed('1e11')}`;

/** Puts focus on nothing: a click on the heading leaves it on the page's body. */
async function focusNothing(page: Page) {
  await page.getByRole('heading', { level: 1 }).click();
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
}

const focusIsIn = (page: Page, selector: string) => page.evaluate((inside) => document.activeElement?.closest(inside) !== null, selector);

const shortcutsDialog = (page: Page) => page.getByRole('dialog', { name: 'Keyboard shortcuts' });
const clearDialog = (page: Page) => page.getByRole('alertdialog', { name: 'Clear results?' });

/** A key as the DevTools Protocol sends it (`text` for those that type or click). */
interface ProtocolKey {
  key: string;
  code: string;
  windowsVirtualKeyCode: number;
  text?: string;
}

const KEYS: Record<'Enter' | 'Escape' | 'c', ProtocolKey> = {
  Enter: { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' },
  Escape: { key: 'Escape', code: 'Escape', windowsVirtualKeyCode: 27 },
  c: { key: 'c', code: 'KeyC', windowsVirtualKeyCode: 67, text: 'c' },
};

/** Presses `keys` back to back, none waiting for the page to have handled the one before (as a fast typist's keys reach a busy page). */
async function pressBackToBack(page: Page, keys: ReadonlyArray<keyof typeof KEYS>) {
  const cdp = await page.context().newCDPSession(page);
  await Promise.all(
    keys.flatMap((name) => {
      const { text, ...key } = KEYS[name];
      return [
        cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key, ...(text === undefined ? {} : { text }) }),
        cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key }),
      ];
    }),
  );
  await cdp.detach();
}

/** Runs once with R and waits for the row. */
async function runWithR(lab: LabPage) {
  const before = await lab.resultRows.count();
  await focusNothing(lab.page);
  await lab.page.keyboard.press('r');
  await expect(lab.resultRows).toHaveCount(before + 1, { timeout: 30_000 });
}

test.describe('keyboard shortcuts', () => {
  test('R runs, as the Run button does', async ({ lab, page }) => {
    await lab.goto(SMALL_RUN);
    await expect(lab.runButton).toHaveAttribute('aria-keyshortcuts', 'R');
    await runWithR(lab);
    expect(await lab.cell(lab.resultRows.first(), 'Workers')).toBe('1');
    // Focus on a button is not typing: R runs from there too (Shift+R as well).
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).focus();
    await page.keyboard.press('Shift+R');
    await expect(lab.resultRows).toHaveCount(2, { timeout: 30_000 });
  });

  test('R does nothing while the count cannot run', async ({ lab, page }) => {
    await lab.goto(SMALL_RUN);
    await lab.setTotal('12 apples');
    await expect(lab.runButton).toBeDisabled();
    await focusNothing(page);
    await page.keyboard.press('r');
    await page.waitForTimeout(300);
    expect(page.workers()).toHaveLength(0);
    await expect(lab.resultRows).toHaveCount(0);
  });

  test('Escape stops a long run, wherever focus is', async ({ lab, page, workerWatch }) => {
    await lab.goto(LONG_RUN);
    await focusNothing(page);
    await page.keyboard.press('r');
    await expect.poll(async () => Number(await lab.progressBar(1).getAttribute('aria-valuenow')), { timeout: 10_000 }).toBeGreaterThan(0);
    await focusNothing(page);
    await page.keyboard.press('Escape');
    await expect(lab.status).toContainText(/^Stopped: 1 worker had counted/);
    expect(await lab.cell(lab.resultRows.last(), 'Check')).toBe('Stopped');
    await expect.poll(() => workerWatch.alive).toBe(0);
  });

  test('S runs a sweep, as the Run sweep button does', async ({ lab, page }) => {
    await lab.goto(SMALL_RUN);
    await lab.workerCounts.fill('1, 2');
    await lab.repeats.fill('1');
    await focusNothing(page);
    await page.keyboard.press('s');
    await expect(lab.sweepStatus).toBeVisible();
    await expect(lab.sweepStatus).toHaveCount(0, { timeout: 60_000 });
    await expect(lab.resultRows).toHaveCount(2);
  });

  test('P turns presentation mode on and off', async ({ lab, page }) => {
    await lab.goto(SMALL_RUN);
    const toggle = page.getByRole('button', { name: 'Presentation mode' });
    await focusNothing(page);
    await page.keyboard.press('p');
    // The link holds the settings once they have held still for a quarter of a second.
    await expect.poll(() => new URL(page.url()).searchParams.get('present')).toBe('1');
    if ((await toggle.count()) > 0) await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('P');
    await expect.poll(() => new URL(page.url()).searchParams.get('present')).toBeNull();
    if ((await toggle.count()) > 0) await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  });

  test('+ and − (=, -, the numpad) and the arrow keys step the workers within the slider’s range', async ({ lab, page }) => {
    await lab.goto('?workers=2&count=20000000');
    const max = Number(await lab.slider.getAttribute('max'));
    await focusNothing(page);
    const steps: Array<[string, number]> = [
      ['+', 3],
      ['=', 4],
      ['-', 3],
      ['NumpadAdd', 4],
      ['NumpadSubtract', 3],
      ['ArrowRight', 4],
      ['ArrowUp', 5],
      ['ArrowLeft', 4],
      ['ArrowDown', 3],
    ];
    for (const [key, workers] of steps) {
      await page.keyboard.press(key);
      await expect(lab.slider, key).toHaveValue(String(workers));
    }
    for (let press = 0; press < 5; press += 1) await page.keyboard.press('-');
    await expect(lab.slider).toHaveValue('1');
    for (let press = 0; press < max + 2; press += 1) await page.keyboard.press('+');
    await expect(lab.slider).toHaveValue(String(max));
    // On the slider itself, an arrow key moves it once, as a slider does: the shortcut stays out of it.
    await lab.slider.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(lab.slider).toHaveValue(String(max - 1));
    // On a radio button, the arrows choose another option and leave the workers alone.
    const split = page.getByRole('radio', { name: 'Split a fixed total' });
    await split.focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: 'Same count per worker' })).toBeChecked();
    await expect(lab.slider).toHaveValue(String(max - 1));
    // + works with focus on a control, since it means nothing there.
    await page.keyboard.press('+');
    await expect(lab.slider).toHaveValue(String(max));
  });

  test('C asks before clearing: "Keep them" keeps, "Clear" clears', async ({ lab, page }) => {
    await lab.goto(SMALL_RUN);
    const clearButton = page.getByRole('button', { name: 'Clear results' });
    // Nothing to clear yet: C asks nothing.
    await focusNothing(page);
    await page.keyboard.press('c');
    await expect(clearDialog(page)).toHaveCount(0);

    await runWithR(lab);
    await page.keyboard.press('c');
    await expect(clearDialog(page)).toBeVisible();
    await expect(clearDialog(page)).toContainText('Clear the 1 result? This cannot be undone.');
    // Focus starts on the safe choice.
    await expect(page.getByRole('button', { name: 'Keep them' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(clearDialog(page)).toHaveCount(0);
    await expect(lab.resultRows).toHaveCount(1);

    // Escape is "Keep them" too.
    await page.keyboard.press('c');
    await expect(clearDialog(page)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(clearDialog(page)).toHaveCount(0);
    await expect(lab.resultRows).toHaveCount(1);

    // The button asks the same; "Keep them" gives focus back to it.
    await clearButton.click();
    await expect(clearDialog(page)).toBeVisible();
    await page.getByRole('button', { name: 'Keep them' }).click();
    await expect(clearDialog(page)).toHaveCount(0);
    await expect(clearButton).toBeFocused();
    await expect(lab.resultRows).toHaveCount(1);

    await page.keyboard.press('c');
    await expect(clearDialog(page)).toBeVisible();
    await clearDialog(page).getByRole('button', { name: 'Clear', exact: true }).click();
    await expect(clearDialog(page)).toHaveCount(0);
    await expect(lab.resultRows).toHaveCount(0);
    await expect(clearButton).toHaveCount(0);
  });

  test('after "Clear" from the button, focus goes to the results, not to the page’s body', async ({ lab, page }) => {
    await lab.goto(SMALL_RUN);
    await runWithR(lab);
    await page.getByRole('button', { name: 'Clear results' }).click();
    await clearDialog(page).getByRole('button', { name: 'Clear', exact: true }).click();
    await expect(lab.resultRows).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Results section' })).toBeFocused();
  });

  test('are ignored while typing in the Total count', async ({ lab, page }) => {
    await lab.goto('?workers=2&count=20000000');
    await lab.totalCount.fill('');
    await lab.totalCount.pressSequentially('2e7rspc?+-=');
    await expect(lab.totalCount).toHaveValue('2e7rspc?+-=');
    await lab.totalCount.press('ArrowLeft');
    await lab.totalCount.press('ArrowRight');
    await expect(lab.slider).toHaveValue('2');
    await expect(shortcutsDialog(page)).toHaveCount(0);
    await page.waitForTimeout(400);
    expect(new URL(page.url()).searchParams.get('present')).toBeNull();
    // A good count, then R typed in the field: still a letter, no run.
    await lab.totalCount.fill('2e7');
    await lab.totalCount.press('r');
    await expect(lab.totalCount).toHaveValue('2e7r');
    expect(page.workers()).toHaveLength(0);
    await expect(lab.resultRows).toHaveCount(0);
  });

  test('never act with Ctrl, Alt or Meta held', async ({ lab, page }) => {
    await lab.goto('?workers=2&count=20000000');
    await focusNothing(page);
    await page.keyboard.press('Alt+r');
    await page.keyboard.press('Control+=');
    await page.keyboard.press('Alt+ArrowRight');
    await page.keyboard.press('Control+Shift+?');
    await page.waitForTimeout(300);
    await expect(lab.slider).toHaveValue('2');
    await expect(shortcutsDialog(page)).toHaveCount(0);
    await expect(lab.resultRows).toHaveCount(0);
  });
});

test.describe('the Keyboard shortcuts dialog', () => {
  test('opens with ?, lists every shortcut, keeps Tab inside, closes with Escape', async ({ lab, page }) => {
    await lab.goto('?workers=2&count=20000000');
    await focusNothing(page);
    await page.keyboard.press('?');
    const dialog = shortcutsDialog(page);
    await expect(dialog).toBeVisible();
    expect(await focusIsIn(page, 'dialog')).toBe(true);
    for (const key of ['R', 'Esc', 'S', 'P', 'C', '?', '+', '−', '←', '→']) {
      await expect(dialog.locator('kbd', { hasText: key }).first(), key).toBeVisible();
    }
    await expect(dialog.getByRole('row')).toHaveCount(11);
    for (let press = 0; press < 4; press += 1) {
      await page.keyboard.press('Tab');
      expect(await focusIsIn(page, 'dialog'), `Tab ${String(press + 1)}`).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect(await focusIsIn(page, 'dialog')).toBe(true);
    // The page's shortcuts are off while it is open.
    await page.keyboard.press('+');
    await page.keyboard.press('c');
    await page.waitForTimeout(300);
    await expect(lab.slider).toHaveValue('2');
    await expect(clearDialog(page)).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    // It had been opened from the page's body: focus is back there.
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  });

  test('opens with its button, and focus returns to the button', async ({ lab, page }) => {
    await lab.goto();
    const button = page.getByRole('button', { name: 'Keyboard shortcuts' });
    await expect(button).toBeVisible();
    await button.click();
    const dialog = shortcutsDialog(page);
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(button).toBeFocused();
    // By keyboard, then closed with its Close button: focus returns all the same.
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(button).toBeFocused();
  });

  test('a key that comes as a dialog closes is not lost: closed and opened again back to back, five times', async ({ lab, page }) => {
    await lab.goto(SMALL_RUN);
    await runWithR(lab);
    const button = page.getByRole('button', { name: 'Keyboard shortcuts' });
    for (let round = 1; round <= 5; round += 1) {
      // Escape, then Enter on the button focus went back to.
      await button.focus();
      await page.keyboard.press('Enter');
      await expect(shortcutsDialog(page)).toBeVisible();
      await pressBackToBack(page, ['Escape', 'Enter']);
      await expect(shortcutsDialog(page), `round ${String(round)}`).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(shortcutsDialog(page)).toHaveCount(0);
      // "Keep them" with Enter, then C.
      await page.keyboard.press('c');
      await expect(page.getByRole('button', { name: 'Keep them' })).toBeFocused();
      await pressBackToBack(page, ['Enter', 'c']);
      await expect(clearDialog(page), `round ${String(round)}`).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(clearDialog(page)).toHaveCount(0);
    }
    await expect(lab.resultRows).toHaveCount(1);
  });

  test('Tab goes round both buttons of "Clear results?" and stays inside', async ({ lab, page }) => {
    await lab.goto(SMALL_RUN);
    await runWithR(lab);
    await page.keyboard.press('c');
    const dialog = clearDialog(page);
    await expect(dialog.getByRole('button', { name: 'Keep them' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(dialog.getByRole('button', { name: 'Clear', exact: true })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(dialog.getByRole('button', { name: 'Keep them' })).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(dialog.getByRole('button', { name: 'Clear', exact: true })).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(dialog.getByRole('button', { name: 'Keep them' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(lab.resultRows).toHaveCount(1);
  });

  test('Escape in the dialog closes it and does not stop the run; the next Escape does', async ({ lab, page }) => {
    await lab.goto(LONG_RUN);
    await focusNothing(page);
    await page.keyboard.press('r');
    await expect(lab.stopButton).toBeEnabled();
    await lab.waitUntilCounting();
    await page.keyboard.press('?');
    await expect(shortcutsDialog(page)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(shortcutsDialog(page)).toHaveCount(0);
    await page.waitForTimeout(300);
    await expect(lab.stopButton).toBeEnabled();
    await expect(lab.status).toContainText('Counting with 1 worker');
    await page.keyboard.press('Escape');
    await expect(lab.status).toContainText(/^Stopped: 1 worker had counted/);
  });

  test('axe finds no violation in either open dialog, light and dark', async ({ lab, page }) => {
    await lab.goto(SMALL_RUN);
    await runWithR(lab);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.keyboard.press('?');
      await expect(shortcutsDialog(page)).toBeVisible();
      await expectNoViolations(page);
      await page.keyboard.press('Escape');
      await page.keyboard.press('c');
      await expect(clearDialog(page)).toBeVisible();
      await expectNoViolations(page);
      await page.keyboard.press('Escape');
      await expect(clearDialog(page)).toHaveCount(0);
    }
  });
});
