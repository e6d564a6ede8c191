import type { Page } from '@playwright/test';
import { shareFragment } from '../src/lab/exchange/shareLink';
import { expect, test } from './labPage';

/** A share link's sweep, as another machine's page writes it after '#'. */
const SHARED = shareFragment({
  label: 'Desk 4',
  reportedCores: 2,
  browser: 'Chrome 131',
  seriesWords: 'counting to 1 billion split over the workers',
  curve: [
    { workers: 1, medianMs: 3000 },
    { workers: 2, medianMs: 1530 },
  ],
});

const focusIsOnBody = (page: Page) => page.evaluate(() => document.activeElement === document.body);

// "Dismiss" takes its notice away: focus must go on to what follows it, not fall to the page's body (where Tab starts again from the top).
test.describe('after Dismiss, focus goes on to the control that follows the notice', () => {
  test('the link’s notices: on to the Workers slider', async ({ lab, page }) => {
    await lab.goto('?workers=999');
    const notices = page.getByRole('status', { name: 'Link', exact: true });
    await notices.getByRole('button', { name: 'Dismiss' }).focus();
    await page.keyboard.press('Enter');
    await expect(notices).toHaveCount(0);
    await expect(lab.slider).toBeFocused();
    expect(await focusIsOnBody(page)).toBe(false);
  });

  test('a share link’s notice: on to the next notice, then to the Workers slider', async ({ lab, page }) => {
    await lab.goto(`?workers=999#${SHARED}`);
    const linkNotices = page.getByRole('status', { name: 'Link', exact: true });
    const shareNotice = page.getByRole('status', { name: 'Share link' });
    await expect(shareNotice).toContainText('This link carries a sweep measured on “Desk 4”');
    await linkNotices.getByRole('button', { name: 'Dismiss' }).click();
    await expect(linkNotices).toHaveCount(0);
    await expect(shareNotice.getByRole('button', { name: 'Add to Machines' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(shareNotice.getByRole('button', { name: 'Dismiss' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(shareNotice).toHaveCount(0);
    await expect(lab.slider).toBeFocused();
  });

  test('the imported machines’ problems: on to the Machines table', async ({ lab, page }) => {
    await lab.goto();
    await page.getByLabel('Import results').setInputFiles([{ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": ') }]);
    const problems = page.getByRole('status', { name: 'Imported machines' });
    await expect(problems).toContainText('“broken.json” is not a results file');
    await problems.getByRole('button', { name: 'Dismiss' }).click();
    await expect(problems).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Machines table' })).toBeFocused();
  });
});
