import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium } from '@playwright/test';

/** Where a system Chromium or Chrome usually lives; CHROMIUM_PATH comes first. */
const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Where a command of that name is on the PATH, if it is. */
export function onPath(command: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter((folder) => folder !== '')
    .map((folder) => join(folder, command))
    .find((path) => existsSync(path));
}

function managedBrowser(): string | undefined {
  try {
    const path = chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The browser the tests and the benchmark drive: CHROMIUM_PATH, else a system
 * Chromium or Chrome, else the one Playwright manages. With none, it stops
 * with one sentence saying how to get one.
 */
export function findBrowser(): string {
  const named = process.env.CHROMIUM_PATH;
  if (named) {
    if (!existsSync(named)) throw new Error(`CHROMIUM_PATH names ${named}, which does not exist.`);
    return named;
  }
  // The commands scripts/test-browsers.sh (the first step of npm test) accepts, found on the PATH too.
  const commands = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
  const found = SYSTEM_BROWSERS.find((path) => existsSync(path)) ?? commands.map(onPath).find((path) => path !== undefined) ?? managedBrowser();
  if (!found) {
    throw new Error(
      'No Chromium or Chrome found: install one (Debian: apt-get install chromium; elsewhere: npx playwright install chromium) or set CHROMIUM_PATH to its executable.',
    );
  }
  return found;
}

/** Launch flags: quiet on a closed network, and no sandbox where the tests run as root. */
export function browserArgs(): string[] {
  const args = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}
