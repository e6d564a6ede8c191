import type { Browser, Page } from '@playwright/test';
import jsQR from 'jsqr';
import { DAMAGED_LINK, MAX_SHARE_LINK_CHARS, readShareFragment } from '../src/lab/exchange/shareLink';
import { expect, test } from './labPage';
import { typed } from './speed';

const LABEL = 'Desk 7 <i>laptop</i>';
/** The longest label a machine may have (MAX_LABEL_CHARS): 60 characters. */
const LONGEST_LABEL = 'Room 12, desk 4: the Chromebook by the window, borrowed (B7)';

/** Opens `link` in a new browser context (another student's browser: nothing stored, nothing shared) and collects its page errors. */
async function openElsewhere(browser: Browser, link: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(link);
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
  return { page, errors, close: () => context.close() };
}

/** The share link's statuses: the notice naming the link's machine, and the one sentence of a bad link. */
const shareNotice = (page: Page) => page.getByRole('status', { name: 'Share link' });

test.describe('share link', () => {
  test('"Copy share link" copies the settings and the sweep; a new browser shows its curve and adds it to Machines', async ({ lab, page, browser, baseURL }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await lab.goto(`?workers=1&count=${typed('3e7')}`);
    const copy = page.getByRole('button', { name: 'Copy share link' });
    await expect(copy).toBeDisabled();
    await expect(copy).toHaveAccessibleDescription(/Nothing to share yet/);
    await expect(page.getByRole('button', { name: 'Show QR code' })).toBeDisabled();

    await page.getByRole('textbox', { name: 'Machine label' }).fill(LABEL);
    await lab.sweepOneAndTwo();
    await copy.click();
    const copied = page.getByText(/^Link copied \(\d+ characters\)\.$/);
    await expect(copied).toBeVisible();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(await copied.textContent()).toBe(`Link copied (${String(link.length)} characters).`);
    expect(link.length).toBeLessThanOrEqual(MAX_SHARE_LINK_CHARS);
    // This page's address as the address bar has it, and the sweep after '#'.
    const url = new URL(link);
    expect(`${url.origin}${url.pathname}`).toBe(`${baseURL ?? ''}/`);
    await expect.poll(() => new URL(page.url()).search).toBe(url.search);
    expect(url.search).toContain(`count=${typed('3e7')}`);
    expect(url.hash.length).toBeGreaterThan(10);

    const elsewhere = await openElsewhere(browser, link);
    const other = elsewhere.page;
    await expect(shareNotice(other)).toContainText(`This link carries a sweep measured on “${LABEL}” (`);
    // The label is text, never markup.
    await expect(shareNotice(other).locator('i')).toHaveCount(0);
    // The link's settings apply as any link's do.
    await expect(other.getByRole('textbox', { name: 'Total count' })).toHaveValue(typed('3e7'));
    // Its curve is on the wall-clock chart beside the opener's own (which has none yet), in its legend and in its table for screen readers.
    const timeFigure = other.getByRole('figure', { name: /^Wall-clock time/ });
    await expect(timeFigure.locator('.recharts-legend-item-text', { hasText: LABEL })).toBeVisible();
    await expect(timeFigure.locator('table.chart-data')).toContainText(LABEL);
    // Kept in the address while it is shown, though the address bar follows the settings.
    await other.getByRole('slider', { name: 'Workers' }).press('ArrowRight');
    await expect.poll(() => new URL(other.url()).searchParams.get('workers')).toBe('2');
    expect(new URL(other.url()).hash).toBe(url.hash);

    await shareNotice(other).getByRole('button', { name: 'Add to Machines' }).click();
    await expect(shareNotice(other)).toHaveText(/“Desk 7 <i>laptop<\/i>” was added to Machines\./);
    await expect(shareNotice(other).getByRole('button', { name: 'Dismiss' })).toBeFocused();
    await expect(other.getByRole('table', { name: 'Machines' })).toContainText(LABEL);
    await expect(timeFigure.locator('.recharts-legend-item-text', { hasText: LABEL })).toHaveCount(1);
    // Once added, the fragment leaves the address; the settings stay.
    await expect.poll(() => new URL(other.url()).hash).toBe('');
    expect(new URL(other.url()).searchParams.get('workers')).toBe('2');
    // A reload keeps it among the Machines, without the notice.
    await other.reload();
    await expect(other.getByRole('table', { name: 'Machines' })).toContainText(LABEL);
    await expect(shareNotice(other)).toHaveCount(0);
    expect(elsewhere.errors).toEqual([]);
    await elsewhere.close();
  });

  test('a 16-worker sweep with a 60-character label makes a link of at most 1,000 characters that carries all 16 points', async ({ lab, page }) => {
    expect(LONGEST_LABEL).toHaveLength(60);
    // A 16-core machine, as the browser reports it: the slider and the sweep go to 32.
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 16 });
    });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await lab.goto(`?workers=1&count=${typed('2e6')}`);
    await page.getByRole('textbox', { name: 'Machine label' }).fill(LONGEST_LABEL);
    await lab.workerCounts.fill('1-16');
    await lab.repeats.fill('1');
    await lab.sweepButton.click();
    await expect(lab.stats.locator('tbody tr')).toHaveCount(16, { timeout: 90_000 });
    await expect(lab.sweepStatus).toHaveCount(0);
    await page.getByRole('button', { name: 'Copy share link' }).click();
    await expect(page.getByText(/^Link copied/)).toBeVisible();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link.length).toBeLessThanOrEqual(MAX_SHARE_LINK_CHARS);
    const reading = readShareFragment(new URL(link).hash);
    if (reading.kind !== 'ok') throw new Error(`The link does not read: ${reading.kind}`);
    expect(reading.shared.label).toBe(LONGEST_LABEL);
    expect(reading.shared.reportedCores).toBe(16);
    expect(reading.shared.curve.map((point) => point.workers)).toEqual(Array.from({ length: 16 }, (_, index) => index + 1));
  });

  test('where the clipboard is refused, the link is shown selected in a field to copy by hand', async ({ lab, page }) => {
    // As Firefox without the permission and WebKitGTK do: writeText rejects.
    await page.addInitScript(() => {
      Object.defineProperty(Clipboard.prototype, 'writeText', { value: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) });
    });
    await lab.goto(`?workers=1&count=${typed('3e7')}`);
    await lab.sweepOneAndTwo();
    await page.getByRole('button', { name: 'Copy share link' }).click();
    const field = page.getByRole('textbox', { name: 'Share link' });
    await expect(field).toBeFocused();
    await expect(field).toHaveAttribute('readonly', '');
    await expect(field).toHaveAccessibleDescription(/did not let the page copy the link/);
    const link = await field.inputValue();
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?workers=\d+&count=\d+.*#.+/);
    expect(await field.evaluate((input: HTMLInputElement) => [input.selectionStart, input.selectionEnd])).toEqual([0, link.length]);
    await expect(page.getByText(/^Link copied/)).toHaveCount(0);
  });

  test('"Show QR code" draws the link as a code that decodes to it exactly, dark on white; Esc closes and focus returns', async ({ lab, page }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await lab.goto(`?workers=1&count=${typed('3e7')}`);
    await lab.sweepOneAndTwo();
    // On the projector, as a teacher shows it, in the dark too.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('button', { name: 'Presentation mode' }).click();
    await page.getByRole('button', { name: 'Copy share link' }).click();
    await expect(page.getByText(/^Link copied/)).toBeVisible();
    const link = await page.evaluate(() => navigator.clipboard.readText());

    const show = page.getByRole('button', { name: 'Show QR code' });
    await show.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Share link as a QR code' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
    const code = dialog.getByRole('img', { name: 'QR code of the share link' });
    await expect(code).toBeVisible();
    await expect(dialog.locator('.qr-link')).toHaveText(link);

    // Most of the window's smaller side, in whole device pixels a module.
    const box = await code.boundingBox();
    const viewport = page.viewportSize();
    if (box === null || viewport === null) throw new Error('The code has no size.');
    expect(box.width).toBeGreaterThanOrEqual(0.6 * Math.min(viewport.width, viewport.height));
    expect(box.height).toBe(box.width);
    const pixels = await code.evaluate((canvas: HTMLCanvasElement) => {
      const context = canvas.getContext('2d');
      if (context === null) throw new Error('No 2D context.');
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      return { width: image.width, height: image.height, data: [...image.data] };
    });
    // Read as a phone reads it: dark modules on a light ground, with no second try inverted.
    const decoded = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height, { inversionAttempts: 'dontInvert' });
    expect(decoded?.data).toBe(link);
    // The quiet zone's corner is white, whatever presentation mode does to the page.
    expect(pixels.data.slice(0, 4)).toEqual([255, 255, 255, 255]);

    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(show).toBeFocused();
  });

  test('a tampered or truncated link gets one sentence and the page runs as usual; a fragment that is not ours is left alone', async ({ lab, page, browser }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await lab.goto(`?workers=1&count=${typed('3e7')}`);
    await lab.sweepOneAndTwo();
    await page.getByRole('button', { name: 'Copy share link' }).click();
    await expect(page.getByText(/^Link copied/)).toBeVisible();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    const whole = readShareFragment(new URL(link).hash);
    if (whole.kind !== 'ok') throw new Error('The copied link does not read.');
    const { label } = whole.shared;
    const hashAt = link.indexOf('#');
    const middle = hashAt + Math.floor((link.length - hashAt) / 2);
    const swapped = link[middle] === 'A' ? 'B' : 'A';
    const broken = {
      tampered: `${link.slice(0, middle)}${swapped}${link.slice(middle + 1)}`,
      truncated: link.slice(0, middle),
    };
    for (const [kind, badLink] of Object.entries(broken)) {
      const elsewhere = await openElsewhere(browser, badLink);
      const other = elsewhere.page;
      const status = shareNotice(other);
      await expect(status.locator('li'), kind).toHaveCount(1);
      await expect(status.locator('li'), kind).toHaveText(DAMAGED_LINK);
      await expect(status.getByRole('button', { name: 'Add to Machines' }), kind).toHaveCount(0);
      const timeFigure = other.getByRole('figure', { name: /^Wall-clock time/ });
      await expect(timeFigure.locator('.recharts-legend-item-text'), kind).not.toHaveCount(0);
      await expect(timeFigure.locator('.recharts-legend-item-text', { hasText: label }), kind).toHaveCount(0);
      await expect(timeFigure.locator('table.chart-data'), kind).not.toContainText(label);
      // The page runs: one run of one worker.
      await other.getByRole('button', { name: 'Run', exact: true }).click();
      await expect(other.getByRole('table', { name: 'Results' }).locator('tbody tr:not(:has(td.empty))'), kind).toHaveCount(1, { timeout: 30_000 });
      await status.getByRole('button', { name: 'Dismiss' }).click();
      await expect(status, kind).toHaveCount(0);
      await expect.poll(() => new URL(other.url()).hash, kind).toBe('');
      expect(elsewhere.errors, kind).toEqual([]);
      await elsewhere.close();
    }

    const foreign = await openElsewhere(browser, `${link.slice(0, hashAt)}#results-section`);
    await expect(shareNotice(foreign.page)).toHaveCount(0);
    await foreign.page.getByRole('slider', { name: 'Workers' }).press('ArrowRight');
    await expect.poll(() => new URL(foreign.page.url()).searchParams.get('workers')).toBe('2');
    expect(new URL(foreign.page.url()).hash).toBe('#results-section');
    // A second link pasted into the same tab changes only the fragment: its sweep is read then too.
    await foreign.page.evaluate((hash) => {
      window.location.hash = hash;
    }, new URL(link).hash);
    await expect(shareNotice(foreign.page)).toContainText(`This link carries a sweep measured on “${label}”`);
    expect(foreign.errors).toEqual([]);
    await foreign.close();
  });
});
