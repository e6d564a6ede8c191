import { builtHeadersFile, META_CONTENT_SECURITY_POLICY, securityHeaders } from '../src/shared/securityHeaders';
import { expect, test } from './labPage';

/** The headers module's headers, named as Playwright gives them (lower case). */
const SENT = Object.fromEntries(Object.entries(securityHeaders()).map(([name, value]) => [name.toLowerCase(), value]));

/** Every asset the built page names, the worker script it loads, and the service worker's script (src/serviceWorker/, registered by the page). */
async function assetPaths(request: import('@playwright/test').APIRequestContext): Promise<string[]> {
  const html = await (await request.get('/')).text();
  const named = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((match) => match[1]);
  const entry = named.find((path) => path.endsWith('.js'));
  if (!entry) throw new Error('index.html names no script.');
  const script = await (await request.get(entry)).text();
  const worker = /counter\.worker-[\w-]+\.js/.exec(script)?.[0];
  if (!worker) throw new Error('The entry script names no worker.');
  return ['/', ...named, `/assets/${worker}`, '/serviceWorker.js'];
}

test.describe('the preview server', () => {
  // WebKit revalidates the worker's script; a 304 without COOP/COEP made it refuse the script in the isolated page.
  test('sends every header of the headers module on every response, 304s included', async ({ request }) => {
    const paths = await assetPaths(request);
    expect(paths.length).toBeGreaterThanOrEqual(4);
    for (const path of paths) {
      const full = await request.get(path);
      expect(full.status(), path).toBe(200);
      const etag = full.headers().etag;
      expect(etag, `${path} has an ETag to revalidate with`).toBeTruthy();
      const revalidated = await request.get(path, { headers: { 'If-None-Match': etag } });
      expect(revalidated.status(), path).toBe(304);
      for (const response of [full, revalidated]) {
        expect(response.headers(), `${path} ${String(response.status())}`).toMatchObject(SENT);
        expect(response.headers()['content-security-policy'], path).toContain("script-src 'self' 'wasm-unsafe-eval';");
      }
    }
  });

  test('the build served holds _headers as the headers module writes it', async ({ request }) => {
    const file = await request.get('/_headers');
    expect(file.status()).toBe(200);
    expect(await file.text()).toBe(builtHeadersFile());
  });

  test('the built page carries its policy as a <meta> for static hosts, with no inline script and no eval', async ({ request }) => {
    const html = await (await request.get('/')).text();
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1].replaceAll('&#39;', "'");
    expect(meta).toBe(META_CONTENT_SECURITY_POLICY);
    expect(meta).toContain("default-src 'self'");
    expect(meta).toContain("connect-src 'self'");
    expect(meta).not.toContain('unsafe-inline');
    // WebAssembly may compile (the counting loop); JavaScript may not be evaluated.
    expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(meta).not.toContain("'unsafe-eval'");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  // A static host that sends no header leaves the <meta> alone in charge of the page (workers take their policy from their own script's response).
  test('under the <meta> alone, the page compiles WebAssembly, logs no error and asks no other host', async ({ lab, page }) => {
    await page.context().route('**/*', async (route) => {
      try {
        const response = await route.fetch();
        const headers = Object.fromEntries(Object.entries(response.headers()).filter(([name]) => !(name in SENT)));
        await route.fulfill({ response, headers });
      } catch (error) {
        // A request the page gave up meanwhile (its navigation moved on) has nobody left to answer; anything else fails the test.
        if (error instanceof Error && error.message.includes('Fetch response has been disposed')) return;
        throw error;
      }
    });
    // The main thread's tasks count on the page itself, under its policy.
    await lab.goto('?kernel=wasm&model=main-thread');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    const row = await lab.runAndWait(2, '100000001');
    expect(await lab.cell(row, 'Check')).toBe('Counted 100,000,001');
    await expect(lab.machine.locator('dt:has-text("Counting kernel") + dd')).toHaveText('WebAssembly (as the link asks)');
  });
});
