import { createHash } from 'node:crypto';
import { cpSync, createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test, type LabPage } from './labPage';
import { SERVICE_WORKER_IDLE_MS } from '../src/lab/serviceWorkerTiming';

// The service worker is what these tests are about: every other spec blocks it (playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

/** The build the preview server serves (playwright.config.ts). */
const BUILT = resolve(process.env.E2E_OUT_DIR ?? 'dist');

/** Waits until the page's requests go through the service worker: installed, the app precached, and the page claimed. */
async function waitUntilControlled(page: Page) {
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'), { timeout: 30_000 }).toBe('activated');
}

/** No network at all: the browser offline, and anything that still asks a server refused. */
async function cutNetwork(context: BrowserContext) {
  await context.setOffline(true);
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
}

/** Reloads the page and waits, as lab.goto does, until it has measured this device's speed. */
async function reload(lab: LabPage) {
  await lab.page.reload();
  await expect(lab.runButton).toBeVisible();
  await expect(lab.countHelp).not.toContainText('Measuring', { timeout: 10_000 });
}

/** "Timer resolution (measured)" in "This machine", in ms ("100 µs" → 0.1). */
async function timerResolutionMs(lab: LabPage): Promise<number> {
  const text = (await lab.machine.locator('dt:has-text("Timer resolution") + dd').textContent()) ?? '';
  const [, value, unit] = /^([\d.]+) (µs|ms)$/.exec(text) ?? [];
  expect(value, `timer resolution "${text}"`).toBeTruthy();
  return Number(value) / (unit === 'µs' ? 1000 : 1);
}

const isolation = (page: Page) => page.evaluate(() => ({ isolated: crossOriginIsolated, sharedMemory: typeof SharedArrayBuffer === 'function' }));

test('the service worker registers only once the lab has been idle a while: never while it calibrates or counts', async ({ lab, page }) => {
  // When the page asks for its service worker, on the page's clock (workbox-window registers through this).
  await page.addInitScript(() => {
    type Register = ServiceWorkerContainer['register'];
    const register = Reflect.get(ServiceWorkerContainer.prototype, 'register');
    ServiceWorkerContainer.prototype.register = function (this: ServiceWorkerContainer, ...args: Parameters<Register>) {
      Reflect.set(window, 'registeredAt', performance.now());
      return Reflect.apply(register, this, args);
    };
  });
  const registeredAt = () => page.evaluate(() => (Reflect.get(window, 'registeredAt') as number | undefined) ?? null);
  // A run far longer than the test, started while the calibration still measures: its worker's
  // script is held until the click, so the lab is never idle in between, however slow this machine.
  let releaseScript: () => void = () => undefined;
  const scriptHeld = new Promise<void>((release) => {
    releaseScript = release;
  });
  const counterScript = /\/assets\/counter\.worker-[\w-]+\.js$/;
  await page.route(counterScript, async (route) => {
    await scriptHeld;
    await route.continue();
  });
  await page.goto('/?workers=1');
  await expect(lab.countHelp).toContainText('Measuring');
  await lab.setTotal('1000000000000');
  await lab.runButton.click();
  // The held script, and any after it, go on at once.
  releaseScript();
  await lab.waitUntilCounting();
  await page.waitForTimeout(SERVICE_WORKER_IDLE_MS + 1000);
  expect(await registeredAt(), 'no registration while the lab counts').toBeNull();
  expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((registration) => registration !== undefined))).toBe(false);

  const stoppedAt = await page.evaluate(() => performance.now());
  await lab.stopButton.click();
  await waitUntilControlled(page);
  expect(await registeredAt(), 'registered once the lab had been idle SERVICE_WORKER_IDLE_MS after the stop').toBeGreaterThanOrEqual(stoppedAt + SERVICE_WORKER_IDLE_MS);
});

test.describe('offline, after one visit', () => {
  test('the page loads with the network cut, cross-origin isolated, and runs, sweeps and takes turns under the lock on shared memory', async ({ lab, page, context }) => {
    await lab.goto('?workers=2');
    await waitUntilControlled(page);
    await cutNetwork(context);
    await reload(lab);
    expect(await isolation(page)).toEqual({ isolated: true, sharedMemory: true });

    const row = await lab.runAndWait(2, '20000001');
    expect(await lab.cell(row, 'Check')).toBe('Counted 20,000,001');

    await lab.workerCounts.fill('1,2');
    await lab.repeats.fill('1');
    await lab.sweepButton.click();
    await expect(lab.sweepStatus).toHaveCount(0, { timeout: 60_000 });
    await expect(lab.resultRows).toHaveCount(3);
    for (const sweepRow of (await lab.resultRows.all()).slice(1)) expect(await lab.cell(sweepRow, 'Check')).toBe('Counted 20,000,001');

    await page.getByRole('group', { name: 'Execution model' }).getByRole('radio', { name: 'Workers sharing one lock' }).check();
    // Long enough for many 5 ms turns, so that the lock is handed over (about 100 ms here).
    const locked = await lab.runAndWait(2, '400000001');
    expect(await lab.cell(locked, 'Check')).toBe('Counted 400,000,001');
    expect(await lab.cell(locked, 'Mode')).toBe('one lock, split, fresh');
    const lock = lab.machine.locator('dt:has-text("Lock for") + dd');
    await expect(lock).toContainText('a real lock: Atomics on shared memory (SharedArrayBuffer)');
    await expect(lock).toContainText(/Hand-over in run \d+: /);
  });

  test('Python loads and counts offline once it has been loaded online', async ({ lab, page, context }) => {
    test.setTimeout(120_000);
    await lab.goto();
    await waitUntilControlled(page);
    const python = page.getByRole('group', { name: 'Kernel language' }).getByRole('radio', { name: 'Python' });
    const loaded = page.getByText(/^Python loaded: ([\d.]+) of \1 MB\.$/);
    await python.check();
    await expect(loaded).toBeVisible({ timeout: 60_000 });

    await cutNetwork(context);
    await page.reload();
    await expect(python).toBeChecked();
    await expect(loaded).toBeVisible({ timeout: 60_000 });
    await expect(lab.countHelp).not.toContainText('Measuring', { timeout: 30_000 });
    const row = await lab.runAndWait(1, '100001');
    expect(await lab.cell(row, 'Check')).toBe('Counted 100,001');
  });
});

/** Content types for a plain static host. */
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.zip': 'application/zip',
};

/** A static host that sends no header but the content type (GitHub Pages, a school's server), serving whichever build `folder` names. */
function plainHost() {
  const host = { folder: BUILT, server: null as Server | null };
  host.server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = join(host.folder, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(host.folder) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return host;
}

/**
 * The next version of the built app, as a new build would be: index.html changed (marked
 * data-lab-build="2"), and the service worker's list of files to precache with its new revision.
 */
function nextVersion(): string {
  const folder = mkdtempSync(join(tmpdir(), 'lab-next-'));
  cpSync(BUILT, folder, { recursive: true });
  const md5 = (text: string) => createHash('md5').update(text).digest('hex');
  const html = readFileSync(join(folder, 'index.html'), 'utf8');
  const nextHtml = html.replace('<html lang="en">', '<html lang="en" data-lab-build="2">');
  expect(nextHtml).not.toBe(html);
  writeFileSync(join(folder, 'index.html'), nextHtml);
  const worker = readFileSync(join(folder, 'serviceWorker.js'), 'utf8');
  const nextWorker = worker.replace(`"revision":"${md5(html)}","url":"index.html"`, `"revision":"${md5(nextHtml)}","url":"index.html"`);
  expect(nextWorker, 'the service worker precaches index.html by its revision').not.toBe(worker);
  writeFileSync(join(folder, 'serviceWorker.js'), nextWorker);
  return folder;
}

test.describe('on a static host that sends no headers', () => {
  const port = Number(process.env.E2E_PORT ?? 4173) + 2000;
  const host = plainHost();
  let next = '';
  test.use({ baseURL: `http://127.0.0.1:${String(port)}` });
  test.beforeAll(async () => {
    next = nextVersion();
    await new Promise<void>((started) => host.server?.listen(port, '127.0.0.1', started));
  });
  test.afterAll(async () => {
    await new Promise((closed) => host.server?.close(closed));
    rmSync(next, { recursive: true, force: true });
  });

  test('the first visit is not cross-origin isolated; from the next load the service worker makes it so, offline too', async ({ lab, page, context }) => {
    host.folder = BUILT;
    await lab.goto('?workers=2');
    expect(await isolation(page)).toEqual({ isolated: false, sharedMemory: false });
    await expect(lab.machine.locator('dt:has-text("Lock for") + dd')).toContainText('a token passed from worker to worker');
    const coarse = await timerResolutionMs(lab);
    await waitUntilControlled(page);
    await reload(lab);
    expect(await isolation(page)).toEqual({ isolated: true, sharedMemory: true });
    await expect(lab.machine.locator('dt:has-text("Lock for") + dd')).toContainText('a real lock: Atomics on shared memory');
    const fine = await timerResolutionMs(lab);
    test.info().annotations.push({ type: 'timer resolution', description: `first visit ${String(coarse)} ms, under the service worker ${String(fine)} ms` });
    expect(fine).toBeLessThan(coarse);

    await cutNetwork(context);
    await reload(lab);
    expect(await isolation(page)).toEqual({ isolated: true, sharedMemory: true });
    const row = await lab.runAndWait(2, '20000001');
    expect(await lab.cell(row, 'Check')).toBe('Counted 20,000,001');
  });

  test('a new version waits while a run is under way, then "Reload to update" loads it', async ({ lab, page }) => {
    host.folder = BUILT;
    await lab.goto('?workers=1');
    await waitUntilControlled(page);
    const update = page.getByRole('button', { name: 'Reload to update' });

    // A run far longer than the test, stopped by hand once the new version waits.
    await lab.setTotal('1000000000000');
    await lab.runButton.click();
    await lab.waitUntilCounting();
    host.folder = next;
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((registration) => registration?.update()));
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.getRegistration().then((registration) => registration?.waiting?.state ?? 'none')), { timeout: 30_000 }).toBe('installed');
    // workbox-window says so after a moment (it first rules out a skipWaiting in install): the notice would be up by now, but a run is under way.
    await page.waitForTimeout(1000);
    await expect(lab.stopButton).toBeVisible();
    await expect(update).toHaveCount(0);

    await lab.stopButton.click();
    await expect(page.getByRole('status', { name: 'Update' })).toHaveText('A new version of the lab is ready.Reload to update');
    await expect(page.locator('html')).not.toHaveAttribute('data-lab-build');
    await update.click();
    await expect(page.locator('html')).toHaveAttribute('data-lab-build', '2', { timeout: 15_000 });
    await expect(lab.runButton).toBeVisible();
    expect(await isolation(page)).toEqual({ isolated: true, sharedMemory: true });
    await expect(update).toHaveCount(0);
  });
});
