import { expect, test } from '@playwright/test';

const REQUIRED = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
};

/** Every asset the built page names, and the worker script it loads. */
async function assetPaths(request: import('@playwright/test').APIRequestContext): Promise<string[]> {
  const html = await (await request.get('/')).text();
  const named = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((match) => match[1]);
  const entry = named.find((path) => path.endsWith('.js'));
  if (!entry) throw new Error('index.html names no script.');
  const script = await (await request.get(entry)).text();
  const worker = /counter\.worker-[\w-]+\.js/.exec(script)?.[0];
  if (!worker) throw new Error('The entry script names no worker.');
  return ['/', ...named, `/assets/${worker}`];
}

test.describe('the preview server', () => {
  // WebKit revalidates the worker's script; a 304 without COOP/COEP made it refuse the script in the isolated page.
  test('sends COOP, COEP and the content security policy on every response, 304s included', async ({ request }) => {
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
        expect(response.headers(), `${path} ${String(response.status())}`).toMatchObject(REQUIRED);
        expect(response.headers()['content-security-policy'], path).toContain("script-src 'self' 'wasm-unsafe-eval';");
      }
    }
  });

  test('the built page carries its policy as a <meta> for static hosts, with no inline script and no eval', async ({ request }) => {
    const html = await (await request.get('/')).text();
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1].replaceAll('&#39;', "'");
    expect(meta).toContain("default-src 'self'");
    expect(meta).toContain("connect-src 'self'");
    expect(meta).not.toContain('unsafe-inline');
    // WebAssembly may compile (the counting loop); JavaScript may not be evaluated.
    expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(meta).not.toContain("'unsafe-eval'");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
