import type { Page } from '@playwright/test';

/**
 * Two switches to check that no test depends on how fast the machine counts (both off by default):
 * E2E_CPU_THROTTLE=<rate> slows every page's CPU that many times (the DevTools Protocol's
 * Emulation.setCPUThrottlingRate); E2E_COUNT_SCALE=<factor> multiplies the counts the tests run
 * (0.5: runs end twice as fast, as on a CPU twice as fast).
 */
function factorFromEnv(name: string): number {
  const text = process.env[name];
  if (text === undefined || text === '') return 1;
  const value = Number(text);
  if (!(value > 0) || !Number.isFinite(value)) throw new Error(`${name}=${text} is not a positive number.`);
  return value;
}

export const CPU_THROTTLE = factorFromEnv('E2E_CPU_THROTTLE');
export const COUNT_SCALE = factorFromEnv('E2E_COUNT_SCALE');

/** Slows the page's CPU by CPU_THROTTLE (Chromium only: other browsers have no DevTools Protocol here). */
export async function throttleCpu(page: Page): Promise<void> {
  if (CPU_THROTTLE === 1) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
}

/** The most the page counts (MAX_TOTAL in src/lab/measurement/split.ts): a run this long ends only with Stop on any machine. */
const MOST_COUNTED = 1e12;

/** A count the tests run ("2e7", "1,000,000" or 2e7), times COUNT_SCALE, as a whole number from 1 to the page's most. */
export function scaledCount(count: string | number): number {
  const value = typeof count === 'number' ? count : Number(count.replace(/,/g, ''));
  if (!Number.isFinite(value)) throw new Error(`"${String(count)}" is not a count.`);
  return Math.min(MOST_COUNTED, Math.max(1, Math.round(value * COUNT_SCALE)));
}

/** The scaled count as the tests type it: digits only. */
export const typed = (count: string | number): string => String(scaledCount(count));

/** The scaled count as the page writes it in tables: "20,000,000". */
export const grouped = (count: string | number): string => scaledCount(count).toLocaleString('en-US');

/** The scaled count as the page says it in sentences, for round millions and billions: "200 million", "1.5 billion". */
export function inWords(count: string | number): string {
  const value = scaledCount(count);
  if (value >= 1e9 && value % 1e7 === 0) return `${String(value / 1e9)} billion`;
  if (value >= 1e6 && value % 1e4 === 0) return `${String(value / 1e6)} million`;
  throw new Error(`${String(value)} is not a round number of millions: choose a count that scales to one.`);
}
