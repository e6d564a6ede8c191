import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Builder, By, Key as SeleniumKey, type WebDriver, type WebElement } from 'selenium-webdriver';
import { findMiniBrowser, findWebKitWebDriver, findXvfb } from './binaries';
import { cssOf, VIEWPORT, type EngineDriver, type Key, type PageScript, type Role, type Target } from './driver';
import type {} from './pageGlobals';

const KEYS: Record<Key, string> = {
  ArrowLeft: SeleniumKey.ARROW_LEFT,
  ArrowRight: SeleniumKey.ARROW_RIGHT,
  End: SeleniumKey.END,
  Enter: SeleniumKey.ENTER,
  Escape: SeleniumKey.ESCAPE,
  Home: SeleniumKey.HOME,
  Tab: SeleniumKey.TAB,
  r: 'r',
  '+': '+',
  '?': '?',
};

/**
 * Roles WebKitGTK computes differently from HTML-AAM: it reports `<input type=number>` (a
 * spinbutton there, and in Chromium and Firefox) as a textbox.
 */
const WEBKIT_ROLES: Partial<Record<Role, readonly string[]>> = { spinbutton: ['spinbutton', 'textbox'] };

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('No free port.');
  return address.port;
}

/** Starts Xvfb on a display it picks itself (-displayfd) and returns the display, e.g. ":3". */
async function startXvfb(): Promise<{ display: string; process: ChildProcess }> {
  const xvfb = spawn(findXvfb(), ['-displayfd', '1', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const display = await new Promise<string>((resolve, reject) => {
    let out = '';
    xvfb.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(`:${out.trim()}`);
    });
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited (${String(code)}) before it had a display.`)));
  });
  return { display, process: xvfb };
}

async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not answer at ${url} within ${String(timeoutMs)} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * WebKitGTK through selenium-webdriver and WebKitWebDriver, which drives MiniBrowser. The driver
 * server (and Xvfb, when there is no DISPLAY) are started here and ended in close().
 */
export async function launchWebKit(origin: string): Promise<EngineDriver> {
  const binary = findMiniBrowser();
  const server = findWebKitWebDriver();
  const children: ChildProcess[] = [];
  try {
    let display = process.env.DISPLAY;
    if (!display) {
      const xvfb = await startXvfb();
      children.push(xvfb.process);
      display = xvfb.display;
    }
    const port = await freePort();
    // Without a GPU, WebKitGTK composites the page with Mesa's software GL (llvmpipe): its threads took
    // up to 65% of a core while two workers counted on this 2-core VM, and each worker counted 1.5–2
    // times slower than one alone. An iPad composites on its GPU; here the page is drawn without GL.
    // WEBKIT_DISABLE_COMPOSITING_MODE=0 in the environment keeps WebKit's default.
    const env = { WEBKIT_DISABLE_COMPOSITING_MODE: '1', ...process.env, DISPLAY: display };
    children.push(spawn(server, [`--port=${String(port)}`], { stdio: 'ignore', env }));
    await waitForServer(`http://127.0.0.1:${String(port)}/status`, 10_000);
    const driver = await new Builder()
      .usingServer(`http://127.0.0.1:${String(port)}`)
      .withCapabilities({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary, args: ['--automation'] } })
      .build();
    const webkit = new WebKitDriver(driver, origin, children);
    await webkit.setViewport(VIEWPORT.width, VIEWPORT.height);
    return webkit;
  } catch (error) {
    for (const child of children) child.kill();
    throw error;
  }
}

/**
 * Installed in the page right after its load event, as WebKitWebDriver has no BiDi to report
 * console messages or errors. It cannot see what happened before it was installed (an error while
 * the page's modules first ran), nor anything inside workers; the checks also read the page's own
 * state (no alert shown) for that reason.
 */
const installProbe: PageScript<void> = () => {
  if (window.__engineProblems) return;
  const problems: string[] = [];
  window.__engineProblems = problems;
  const consoleError = console.error.bind(console);
  console.error = (...parts: unknown[]) => {
    problems.push(`console error: ${parts.map(String).join(' ')}`);
    consoleError(...parts);
  };
  window.addEventListener('error', (event) => problems.push(`page error: ${event.message}`));
  window.addEventListener('unhandledrejection', (event) => problems.push(`unhandled rejection: ${String(event.reason)}`));
  const blocked: string[] = [];
  window.__engineBlocked = blocked;
  document.addEventListener('securitypolicyviolation', (event) => blocked.push(event.blockedURI));
  // The default buffer keeps 250 entries; keep every request of a long visit.
  performance.setResourceTimingBufferSize(100_000);
};

/**
 * What the page asked for, from Resource Timing: the document, its scripts, styles and images, and
 * the worker scripts it loaded. It misses requests a worker makes itself (workers have their own
 * timeline, out of reach here), requests that failed without a response entry, and navigations of
 * other windows; what the page's Content-Security-Policy blocked is added from its violation events
 * (only after the probe is installed).
 */
const readRequests: PageScript<string[]> = () => [
  ...[...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((entry) => entry.name),
  ...(window.__engineBlocked ?? []),
];

/**
 * Forgets what earlier pages of the origin kept (the lab keeps its runs in IndexedDB and a
 * preference in localStorage): Chromium and Firefox open each page in a fresh context, but
 * WebKitGTK's one window keeps its storage from check to check.
 */
const clearOriginStorage: PageScript<Promise<void>> = async () => {
  localStorage.clear();
  sessionStorage.clear();
  const names = (await indexedDB.databases()).flatMap(({ name }) => (name === undefined ? [] : [name]));
  await Promise.all(
    names.map(
      (name) =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = () => {
            resolve();
          };
          request.onerror = () => {
            reject(request.error ?? new Error(`IndexedDB ${name} was not deleted.`));
          };
        }),
    ),
  );
};

/** A page of the origin that runs no script, to clear its storage from while no page of the lab has it open. */
const QUIET_PAGE = '/favicon.svg';

/** The inside of the window, which the page lays out in. */
const readViewport: PageScript<{ width: number; height: number }> = () => ({ width: window.innerWidth, height: window.innerHeight });

class WebKitDriver implements EngineDriver {
  readonly name = 'webkit';
  private verified = new Set<string>();
  /** What earlier pages since `open` collected, kept across `navigate`. */
  private earlierProblems: string[] = [];
  private earlierRequests: string[] = [];
  /** Whether a check sized the window: the next `open` sizes it back. */
  private resized = false;

  constructor(
    private readonly driver: WebDriver,
    readonly origin: string,
    private readonly children: ChildProcess[],
  ) {}

  /**
   * The element, once it exists (within 10 s). A target with a role must have that role and name, as
   * WebKit computes them (checked once per target and page).
   */
  private async locate(target: Target): Promise<WebElement> {
    const css = cssOf(target);
    const deadline = Date.now() + 10_000;
    let found: WebElement[] = await this.driver.findElements(By.css(css));
    while (found.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      found = await this.driver.findElements(By.css(css));
    }
    const element = found.at(0);
    if (!element) throw new Error(`No element matches ${css}.`);
    if (typeof target !== 'string' && !this.verified.has(css)) {
      const role = await element.getAriaRole();
      const name = await element.getAccessibleName();
      if (!(WEBKIT_ROLES[target.role] ?? [target.role]).includes(role) || name !== target.name) {
        throw new Error(`${css} is ${role} "${name}", not ${target.role} "${target.name}".`);
      }
      this.verified.add(css);
    }
    return element;
  }

  async open(pathAndQuery: string): Promise<void> {
    this.verified.clear();
    this.earlierProblems = [];
    this.earlierRequests = [];
    await this.driver.get(new URL(QUIET_PAGE, this.origin).href);
    await this.driver.executeScript(clearOriginStorage);
    if (this.resized) await this.setViewport(VIEWPORT.width, VIEWPORT.height);
    await this.driver.get(new URL(pathAndQuery, this.origin).href);
    await this.driver.executeScript(installProbe);
  }

  async navigate(pathAndQuery: string): Promise<void> {
    this.earlierProblems.push(...(await this.errors()));
    this.earlierRequests.push(...(await this.requests()));
    this.verified.clear();
    await this.driver.get(new URL(pathAndQuery, this.origin).href);
    await this.driver.executeScript(installProbe);
  }

  /**
   * WebDriver sizes the outer window, which holds MiniBrowser's toolbar too: the window is sized,
   * then grown by what its inside lacks, until the inside is `width` × `height` (GTK resizes it
   * asynchronously).
   */
  async setViewport(width: number, height: number): Promise<void> {
    this.resized = true;
    const outerWindow = this.driver.manage().window();
    const deadline = Date.now() + 5000;
    let inside = await this.evaluate(readViewport);
    while (inside.width !== width || inside.height !== height) {
      if (Date.now() > deadline) {
        throw new Error(`WebKit's window gives a viewport of ${String(inside.width)}×${String(inside.height)}, not ${String(width)}×${String(height)}.`);
      }
      const outer = await outerWindow.getRect();
      await outerWindow.setRect({ width: outer.width + width - inside.width, height: outer.height + height - inside.height });
      await new Promise((resolve) => setTimeout(resolve, 100));
      inside = await this.evaluate(readViewport);
    }
    this.resized = width !== VIEWPORT.width || height !== VIEWPORT.height;
  }

  async click(target: Target) {
    await (await this.locate(target)).click();
  }

  async press(target: Target, key: Key) {
    const element = await this.locate(target);
    // Real key input to the focused element (Element Send Keys would set a slider's value directly).
    await this.driver.executeScript('arguments[0].focus();', element);
    await this.keyboard(key);
  }

  async keyboard(key: Key) {
    await this.driver.actions({ async: true }).sendKeys(KEYS[key]).perform();
  }

  async fill(target: Target, text: string) {
    const element = await this.locate(target);
    await element.clear();
    await element.sendKeys(text);
  }

  async setInputFiles(target: Target, paths: readonly string[]) {
    // WebDriver's Element Send Keys to a file input: the paths, one a line.
    await (await this.locate(target)).sendKeys(paths.join('\n'));
  }

  async text(target: Target) {
    if ((await this.count(cssOf(target))) === 0) return '';
    const element = await this.locate(target);
    return this.driver.executeScript<string>("return arguments[0].textContent || '';", element);
  }

  texts(css: string) {
    return this.driver.executeScript<string[]>(
      "return Array.from(document.querySelectorAll(arguments[0]), (element) => element.textContent || '');",
      css,
    );
  }

  async value(target: Target) {
    return this.driver.executeScript<string>('return arguments[0].value;', await this.locate(target));
  }

  async attribute(target: Target, name: string) {
    return this.driver.executeScript<string | null>('return arguments[0].getAttribute(arguments[1]);', await this.locate(target), name);
  }

  async count(css: string) {
    return (await this.driver.findElements(By.css(css))).length;
  }

  evaluate<T, A = undefined>(script: PageScript<T, A>, arg?: A): Promise<T> {
    return arg === undefined ? this.driver.executeScript<T>(script) : this.driver.executeScript<T>(script, arg);
  }

  async dragSlider(target: Target, from: number, to: number) {
    const element = await this.locate(target);
    await this.driver.executeScript('arguments[0].scrollIntoView({ block: "center" });', element);
    const { width } = await element.getRect();
    // Pointer offsets are from the element's centre, in whole CSS pixels.
    const dx = (fraction: number) => Math.round((fraction - 0.5) * (width - 4));
    const middle = (from + to) / 2;
    await this.driver
      .actions({ async: true })
      .move({ origin: element, x: dx(from), y: 0 })
      .press()
      .move({ origin: element, x: dx(middle), y: 0, duration: 100 })
      .move({ origin: element, x: dx(to), y: 0, duration: 100 })
      .release()
      .perform();
  }

  async errors() {
    const problems = await this.driver.executeScript<string[] | null>('return window.__engineProblems || null;');
    return [...this.earlierProblems, ...(problems ?? ['the error collector is gone: the page navigated or reloaded by itself'])];
  }

  async requests() {
    return [...this.earlierRequests, ...(await this.driver.executeScript<string[]>(readRequests))];
  }

  async close() {
    try {
      await this.driver.quit();
    } finally {
      for (const child of this.children) child.kill();
    }
  }
}
