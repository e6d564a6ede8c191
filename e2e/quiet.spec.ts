import { expect, test } from './labPage';
import { grouped, typed } from './speed';

test.describe('Quiet run', () => {
  test('hides the progress bars, the timeline and the frame meter while a run goes, counts exactly, and is remembered', async ({ lab, page }) => {
    await lab.goto();
    await expect(lab.quietRun).not.toBeChecked();
    await lab.quietRun.check();
    await lab.setWorkers(2);
    // Far too long to end by itself on any machine: it ends with Stop.
    await lab.setTotal(typed('1e12'));
    await lab.runButton.click();
    await expect(lab.status).toContainText(/^Counting with 2 workers/, { timeout: 20_000 });
    const meter = page.getByRole('status', { name: 'Frame rate' });
    await expect(meter).toHaveText('Frame rate: not measured during a quiet run');
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expect(lab.timeline).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Run' })).toContainText('Quiet run: the progress bars, the timeline and the frame meter come back when it ends.');
    await lab.stopButton.click();
    await expect(lab.resultRows).toHaveCount(1, { timeout: 10_000 });
    expect(await lab.cell(lab.resultRows.first(), 'Check')).toBe('Stopped');
    // Back as the run ends: the bars say what was counted, the meter measures again.
    await expect(lab.progressBar(2)).toBeVisible();
    await expect(lab.timeline).toBeVisible();
    await expect(meter).toHaveText(/^Frame rate: (measuring…|[\d,]+ frames? a second)/, { timeout: 5000 });

    // A run to its end counts exactly, as without the switch.
    const row = await lab.runAndWait(2, typed('2e8'));
    expect(await lab.cell(row, 'Check')).toBe(`Counted ${grouped('2e8')}`);
    await expect(lab.progressBar(1)).toHaveAttribute('aria-valuenow', String(scaledHalf('2e8')));

    // Remembered after a reload (never in the link).
    expect(page.url()).not.toContain('quiet');
    await page.reload();
    await expect(lab.quietRun).toBeChecked();
    await lab.quietRun.uncheck();
    await page.reload();
    await expect(lab.quietRun).not.toBeChecked();
  });
});

/** Each of two workers' share of `count`, as the page splits it. */
function scaledHalf(count: string): number {
  return Math.floor(Number(typed(count)) / 2);
}
