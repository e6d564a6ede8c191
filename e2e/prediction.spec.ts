import { expect, test } from './labPage';

const number = (text: string) => Number(text.replace(/[,\s]/g, ''));

test.describe('Predict, then run', () => {
  test('a prediction stands beside the measurement: in Results with its error, and on the chart', async ({ lab, page }) => {
    await lab.goto('?workers=1&count=20000000');
    const field = page.getByRole('textbox', { name: 'Prediction (ms)' });
    await expect(page.locator('#prediction-help')).toHaveText(/^How long will it take\?/);
    await field.fill('3000');
    const row = await lab.runAndWait(1, '2e7');
    expect(await lab.cell(row, 'Prediction (ms)')).toBe('3,000');
    const wall = number(await lab.cell(row, 'Wall-clock (ms)'));
    // The Error comes from the run's own Wall-clock, which the table shows to the nearest ms: either end of that
    // millisecond can be the one (a wall of 74.9 ms shows as 75, and its error rounds to −98% where 75's is −97%).
    const errorText = (ms: number) => {
      const percent = Math.round(((ms - 3000) / 3000) * 100);
      return `${percent < 0 ? '−' : '+'}${String(Math.abs(percent))}%`;
    };
    expect([errorText(wall - 0.5), errorText(wall + 0.5)]).toContain(await lab.cell(row, 'Error'));
    const chart = page.getByRole('figure', { name: /^Wall-clock time/ });
    await expect(chart.locator('.prediction-dot')).toHaveCount(1);
    await expect(chart.locator('.recharts-legend-item-text', { hasText: 'prediction' })).toHaveCount(1);
    // A run without a prediction has empty cells.
    await field.fill('');
    const second = await lab.runAndWait(1, '2e7');
    expect(await lab.cell(second, 'Prediction (ms)')).toBe('');
    expect(await lab.cell(second, 'Error')).toBe('');
  });

  test('a sweep takes one prediction per worker count and draws the predicted curve', async ({ lab, page }) => {
    await lab.goto('?workers=1&count=20000000');
    await page.getByRole('textbox', { name: 'Prediction (ms)' }).fill('1: 3000, 2: 1600');
    await lab.workerCounts.fill('1, 2');
    await lab.repeats.fill('1');
    await lab.sweepButton.click();
    await expect(lab.sweepStatus).toHaveCount(0, { timeout: 60_000 });
    await expect(lab.resultRows).toHaveCount(2);
    expect(await lab.cell(lab.resultRows.nth(0), 'Prediction (ms)')).toBe('3,000');
    expect(await lab.cell(lab.resultRows.nth(1), 'Prediction (ms)')).toBe('1,600');
    const chart = page.getByRole('figure', { name: /^Wall-clock time/ });
    await expect(chart.locator('.prediction-dot')).toHaveCount(2);
    await expect(chart.locator('.recharts-legend-item-text', { hasText: 'prediction' })).toHaveCount(1);
  });

  test('a prediction that cannot be read says why, keeps Run off, and loses nothing typed', async ({ lab, page }) => {
    await lab.goto('?workers=1&count=20000000');
    const field = page.getByRole('textbox', { name: 'Prediction (ms)' });
    await field.fill('1: 3000, 2: soon');
    await expect(page.locator('#prediction-help')).toHaveText('“2: soon” is not “workers: milliseconds”, like 2: 1600.');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(lab.runButton).toBeDisabled();
    await expect(field).toHaveValue('1: 3000, 2: soon');
    await field.fill('1: 3000, 2: 1500');
    await expect(lab.runButton).toBeEnabled();
  });
});
