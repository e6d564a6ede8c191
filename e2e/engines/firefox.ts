import puppeteer, { type Browser, type BrowserContext, type ElementHandle, type Page } from 'puppeteer-core';
import { findFirefox } from './binaries';
import { cssOf, dragAcross, VIEWPORT, type EngineDriver, type Key, type PageScript, type Target } from './driver';

/**
 * Firefox ESR through puppeteer-core over WebDriver BiDi (Playwright's `moz-firefox` channel fails
 * against ESR 153, and Playwright's own Firefox build cannot be downloaded here). Puppeteer starts
 * it with a fresh temporary profile and removes the profile on close.
 */
export async function launchFirefox(origin: string): Promise<EngineDriver> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: findFirefox(),
    headless: true,
    defaultViewport: { ...VIEWPORT },
    // Quiet on a closed network: no probes for a captive portal or connectivity, no updates, no telemetry.
    extraPrefsFirefox: {
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'app.update.enabled': false,
      'browser.safebrowsing.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
    },
  });
  return new FirefoxDriver(browser, origin);
}

class FirefoxDriver implements EngineDriver {
  readonly name = 'firefox';
  private context: BrowserContext | undefined;
  private current: Page | undefined;
  private problems: string[] = [];
  private urls: string[] = [];
  private verified = new Set<string>();

  constructor(
    private readonly browser: Browser,
    readonly origin: string,
  ) {}

  private get page(): Page {
    if (!this.current) throw new Error('No page: call open() first.');
    return this.current;
  }

  /**
   * The element by its CSS selector. A target with a role must also be what Puppeteer's ARIA query
   * finds by that role and name. That query walks Firefox's accessibility tree and takes seconds while
   * workers keep the cores busy, so it is made once per target and page, and the checks touch
   * their targets once while the page is idle.
   */
  private async handle(target: Target): Promise<ElementHandle> {
    const css = cssOf(target);
    const handle = await this.page.locator(css).setTimeout(10_000).waitHandle();
    if (typeof target !== 'string' && !this.verified.has(css)) {
      const byRole = await this.page.$(`::-p-aria(${target.name}[role="${target.role}"])`);
      const same = byRole !== null && (await handle.evaluate((element, other) => element === other, byRole));
      if (!same) throw new Error(`${css} is not the ${target.role} named "${target.name}" (the ARIA query found ${byRole ? 'another element' : 'none'}).`);
      this.verified.add(css);
    }
    return handle;
  }

  async open(pathAndQuery: string): Promise<void> {
    await this.context?.close();
    this.problems = [];
    this.urls = [];
    this.verified.clear();
    const context = await this.browser.createBrowserContext();
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') this.problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.problems.push(`page error: ${error instanceof Error ? error.message : String(error)}`));
    // BiDi's network events for the page's browsing context, which include the worker scripts it loads.
    page.on('request', (request) => this.urls.push(request.url()));
    this.context = context;
    this.current = page;
    await page.goto(new URL(pathAndQuery, this.origin).href, { waitUntil: 'load' });
  }

  async navigate(pathAndQuery: string): Promise<void> {
    this.verified.clear();
    await this.page.goto(new URL(pathAndQuery, this.origin).href, { waitUntil: 'load' });
  }

  async setViewport(width: number, height: number): Promise<void> {
    await this.page.setViewport({ width, height });
  }

  async click(target: Target) {
    await this.handle(target);
    await this.page.locator(cssOf(target)).setTimeout(10_000).click();
  }

  async press(target: Target, key: Key) {
    const handle = await this.handle(target);
    await handle.focus();
    await this.keyboard(key);
  }

  async keyboard(key: Key) {
    await this.page.keyboard.press(key);
  }

  async fill(target: Target, text: string) {
    await this.handle(target);
    await this.page.locator(cssOf(target)).setTimeout(10_000).fill(text);
  }

  async setInputFiles(target: Target, paths: readonly string[]) {
    const handle = await this.handle(target);
    const input = await handle.evaluate((element) => element instanceof HTMLInputElement && element.type === 'file');
    if (!input) throw new Error(`${cssOf(target)} is not a file input.`);
    // WebDriver BiDi's input.setFiles.
    await (handle as ElementHandle<HTMLInputElement>).uploadFile(...paths);
  }

  async text(target: Target) {
    if ((await this.count(cssOf(target))) === 0) return '';
    return (await this.handle(target)).evaluate((element) => element.textContent);
  }

  texts(css: string) {
    return this.page.$$eval(css, (elements) => elements.map((element) => element.textContent));
  }

  async value(target: Target) {
    const handle = await this.handle(target);
    return handle.evaluate((element) => (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement ? element.value : ''));
  }

  async attribute(target: Target, name: string) {
    const handle = await this.handle(target);
    return handle.evaluate((element, attribute) => element.getAttribute(attribute), name);
  }

  async count(css: string) {
    return (await this.page.$$(css)).length;
  }

  evaluate<T, A = undefined>(script: PageScript<T, A>, arg?: A): Promise<T> {
    // The argument is plain JSON (no handles): the library's unwrapping of it changes nothing.
    return this.page.evaluate(script as (arg: unknown) => T | Promise<T>, arg);
  }

  async dragSlider(target: Target, from: number, to: number) {
    const handle = await this.handle(target);
    await handle.scrollIntoView();
    const box = await handle.boundingBox();
    if (!box) throw new Error('The slider has no box.');
    await dragAcross(this.page.mouse, box, from, to);
  }

  errors() {
    return Promise.resolve([...this.problems]);
  }

  requests() {
    return Promise.resolve([...this.urls]);
  }

  async close() {
    await this.browser.close();
  }
}
