import { chromium, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { browserArgs, findBrowser } from '../browser';
import { dragAcross, VIEWPORT, type EngineDriver, type Key, type PageScript, type Target } from './driver';

/** Chromium through Playwright, with the same system browser the rest of the suite uses. */
export async function launchChromium(origin: string): Promise<EngineDriver> {
  const browser = await chromium.launch({ executablePath: findBrowser(), args: browserArgs(), headless: true });
  return new ChromiumDriver(browser, origin);
}

class ChromiumDriver implements EngineDriver {
  readonly name = 'chromium';
  private context: BrowserContext | undefined;
  private current: Page | undefined;
  private problems: string[] = [];
  private urls: string[] = [];

  constructor(
    private readonly browser: Browser,
    readonly origin: string,
  ) {}

  private get page(): Page {
    if (!this.current) throw new Error('No page: call open() first.');
    return this.current;
  }

  private locate(target: Target): Locator {
    return typeof target === 'string' ? this.page.locator(target) : this.page.getByRole(target.role, { name: target.name, exact: true });
  }

  async open(pathAndQuery: string): Promise<void> {
    await this.context?.close();
    this.problems = [];
    this.urls = [];
    const context = await this.browser.newContext({ viewport: { ...VIEWPORT } });
    // The context sees the requests of the page and of its workers.
    context.on('request', (request) => this.urls.push(request.url()));
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') this.problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.problems.push(`page error: ${error.message}`));
    this.context = context;
    this.current = page;
    await page.goto(new URL(pathAndQuery, this.origin).href);
  }

  async navigate(pathAndQuery: string): Promise<void> {
    await this.page.goto(new URL(pathAndQuery, this.origin).href);
  }

  async setViewport(width: number, height: number): Promise<void> {
    await this.page.setViewportSize({ width, height });
  }

  async click(target: Target) {
    await this.locate(target).click();
  }

  async press(target: Target, key: Key) {
    await this.locate(target).press(key);
  }

  async keyboard(key: Key) {
    await this.page.keyboard.press(key);
  }

  async fill(target: Target, text: string) {
    await this.locate(target).fill(text);
  }

  async setInputFiles(target: Target, paths: readonly string[]) {
    await this.locate(target).setInputFiles([...paths]);
  }

  async text(target: Target) {
    const locator = this.locate(target);
    return (await locator.count()) === 0 ? '' : ((await locator.textContent()) ?? '');
  }

  texts(css: string) {
    return this.page.locator(css).allTextContents();
  }

  value(target: Target) {
    return this.locate(target).inputValue();
  }

  attribute(target: Target, name: string) {
    return this.locate(target).getAttribute(name);
  }

  count(css: string) {
    return this.page.locator(css).count();
  }

  evaluate<T, A = undefined>(script: PageScript<T, A>, arg?: A): Promise<T> {
    // The argument is plain JSON (no handles): the library's unwrapping of it changes nothing.
    return this.page.evaluate(script as (arg: unknown) => T | Promise<T>, arg);
  }

  async dragSlider(target: Target, from: number, to: number) {
    const locator = this.locate(target);
    await locator.scrollIntoViewIfNeeded();
    const box = await locator.boundingBox();
    if (!box) throw new Error('The slider has no box.');
    await dragAcross(this.page.mouse, box, from, to);
  }

  errors() {
    return Promise.resolve([...this.problems]);
  }

  requests() {
    return Promise.resolve([...this.urls]);
  }

  protocolWorkers = () => this.page.workers().length;

  async close() {
    await this.context?.close();
    await this.browser.close();
  }
}
