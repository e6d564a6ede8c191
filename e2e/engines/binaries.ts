import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { onPath } from '../browser';

/** The first of `candidates` that exists, else a one-sentence error saying what to install. */
function pick(what: string, envName: string, candidates: readonly string[], install: string): string {
  const named = process.env[envName];
  if (named) {
    if (!existsSync(named)) throw new Error(`${envName} names ${named}, which does not exist.`);
    return named;
  }
  // A command's name is looked up on the PATH, as scripts/test-browsers.sh (the first step of npm test) does.
  const found = candidates.map((candidate) => (candidate.startsWith('/') ? candidate : onPath(candidate))).find((path) => path !== undefined && existsSync(path));
  if (!found) throw new Error(`No ${what} found: install it (Debian: apt-get install ${install}) or set ${envName} to its path.`);
  return found;
}

/** Debian's Firefox ESR (FIREFOX_PATH overrides). */
export function findFirefox(): string {
  return pick('Firefox', 'FIREFOX_PATH', ['/usr/bin/firefox-esr', '/usr/bin/firefox', 'firefox-esr', 'firefox'], 'firefox-esr');
}

/** WebKitGTK's WebDriver server (WEBKIT_WEBDRIVER_PATH overrides). */
export function findWebKitWebDriver(): string {
  return pick('WebKitWebDriver', 'WEBKIT_WEBDRIVER_PATH', ['/usr/bin/WebKitWebDriver', 'WebKitWebDriver'], 'webkit2gtk-driver');
}

/** Xvfb, for WebKitGTK when there is no display (XVFB_PATH overrides). */
export function findXvfb(): string {
  return pick('Xvfb', 'XVFB_PATH', ['/usr/bin/Xvfb', 'Xvfb'], 'xvfb');
}

/** Where dpkg says libwebkit2gtk-4.1-0 put MiniBrowser; nothing when dpkg or the package is missing. */
function miniBrowserFromDpkg(): string[] {
  try {
    const files = execFileSync('dpkg', ['-L', 'libwebkit2gtk-4.1-0'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return files.split('\n').filter((line) => line.endsWith('/MiniBrowser'));
  } catch {
    return [];
  }
}

/** WebKitGTK's MiniBrowser, the browser WebKitWebDriver drives (MINIBROWSER_PATH overrides). */
export function findMiniBrowser(): string {
  return pick(
    'MiniBrowser',
    'MINIBROWSER_PATH',
    [...miniBrowserFromDpkg(), '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser'],
    'webkit2gtk-driver',
  );
}
