import type { Page } from '@playwright/test';
import { ui } from '../e2e/engines/checks';
import type { EngineDriver, PageScript } from '../e2e/engines/driver';
import { lastResult, resultsGrown, type LastResult } from './inPage';

/** Runs a script in the page: an engine's driver, or a Playwright page. */
export type RunInPage = <T, A>(script: PageScript<T, A>, arg: A) => Promise<T>;

/** A Playwright page as a RunInPage. */
export function inPage(page: Page): RunInPage {
  return (script, arg) => page.evaluate(script as (arg: unknown) => ReturnType<typeof script>, arg);
}

/** An engine's driver (e2e/engines/) as a RunInPage. */
export function driverInPage(driver: EngineDriver): RunInPage {
  return (script, arg) => driver.evaluate(script, arg);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks `check` every `everyMs` until it answers true; throws saying `what` did not come within `timeoutMs`. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${String(timeoutMs / 1000)} s.`);
    await sleep(everyMs);
  }
}

/** Waits until the page's Run button is enabled (the page checks a new total before it allows a run). */
export function runEnabled(driver: EngineDriver, timeoutMs = 10_000): Promise<void> {
  return waitUntil('Run enabled', async () => (await driver.attribute(ui.run, 'disabled')) === null, timeoutMs, 50);
}

/** How long the page waits for a row before it answers (below WebDriver's default script timeout of 30 s). */
const WAIT_IN_PAGE_MS = 10_000;

/**
 * The Results table's last row once it has more than `before` rows, within `timeoutMs`, or an error
 * saying `what` gave no result. The page itself waits (`resultsGrown`), so the bench sends one
 * script per run instead of a look every 250 ms: each look is work for the page's thread and the
 * driver's processes, and on two cores that time is taken from a worker. Measured in WebKitGTK 2.50
 * (the 2 workers' mean share of a core over 6 s of a count during a quiet run, two readings each):
 * 95.2 and 95.4% without looks, 94.4 and 93.8% with a look every 250 ms.
 */
export async function newResult(runInPage: RunInPage, before: number, timeoutMs: number, what: string): Promise<LastResult> {
  const deadline = Date.now() + timeoutMs;
  while (!(await runInPage(resultsGrown, { before, timeoutMs: Math.max(1, Math.min(WAIT_IN_PAGE_MS, deadline - Date.now())) }))) {
    if (Date.now() >= deadline) throw new Error(`${what}: no result within ${String(timeoutMs / 1000)} s.`);
  }
  return runInPage(lastResult, undefined);
}
