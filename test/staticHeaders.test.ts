import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPythonWorkerScript, META_CONTENT_SECURITY_POLICY, PYTHON_WORKER_ASSETS, pythonWorkerPolicy, securityHeaders } from '../src/shared/securityHeaders';

const root = join(import.meta.dirname, '..');
let outDir: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'lab-build-'));
  await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
}, 60_000);

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

/** A `_headers` file as Netlify and Cloudflare Pages read it: each path pattern with its headers. */
function readHeadersFile(text: string): Record<string, Record<string, string>> {
  const rules: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | null = null;
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      current = {};
      rules[line.trim()] = current;
      continue;
    }
    if (current === null) throw new Error(`A header before any path: ${line}`);
    // Cloudflare Pages' "! Name": the rule detaches that header of earlier rules.
    if (line.trim().startsWith('!')) {
      current[line.trim()] = '';
      continue;
    }
    const colon = line.indexOf(':');
    current[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return rules;
}

describe('the build, for static hosts', () => {
  it("writes _headers: every header the preview server sends, on every path, and the Python workers' own policy on their scripts", () => {
    const rules = readHeadersFile(readFileSync(join(outDir, '_headers'), 'utf8'));
    expect(rules).toEqual({
      '/*': securityHeaders(),
      [PYTHON_WORKER_ASSETS]: { '! Content-Security-Policy': '', 'Content-Security-Policy': securityHeaders(pythonWorkerPolicy())['Content-Security-Policy'] },
    });
  });

  it("names the Python workers' scripts so that the rule matches them, and no other worker's", () => {
    const assets = readdirSync(join(outDir, 'assets'));
    const workers = assets.filter((file) => /\.worker-[\w-]+\.js$/.test(file));
    const python = workers.filter((file) => file.startsWith('python'));
    expect(python.some((file) => /^python\.worker-[\w-]+\.js$/.test(file)), workers.join(', ')).toBe(true);
    for (const file of workers) expect(isPythonWorkerScript(`/assets/${file}`), file).toBe(python.includes(file));
    // A page's module (pythonRuntime-….js) may match too: a script's own policy governs only a worker it starts, never the page.
  });

  it("writes Pyodide's files into pyodide/, as node_modules/pyodide has them", () => {
    for (const file of ['pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json']) {
      expect(statSync(join(outDir, 'pyodide', file)).size, file).toBe(statSync(join(root, 'node_modules', 'pyodide', file)).size);
    }
  });

  it('writes the policy into index.html as a <meta>, without what a meta ignores', () => {
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/g)].map((match) => match[1].replaceAll('&#39;', "'"));
    expect(metas).toEqual([META_CONTENT_SECURITY_POLICY]);
    expect(securityHeaders()['Content-Security-Policy']).toBe(`${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it("writes the service worker: one script that precaches the app's page, scripts and styles, not Pyodide's files (kept once Python is loaded)", () => {
    const script = readFileSync(join(outDir, 'serviceWorker.js'), 'utf8');
    const precached = [...script.matchAll(/"url":"([^"]+)"/g)].map((match) => match[1]);
    expect(precached).toContain('index.html');
    const assets = readdirSync(join(outDir, 'assets')).filter((file) => /\.(js|css)$/.test(file));
    for (const file of assets) expect(precached, file).toContain(`assets/${file}`);
    expect(precached.filter((url) => url.startsWith('pyodide/'))).toEqual([]);
    // A classic script, Workbox bundled in: it loads nothing from elsewhere, and its cache for Pyodide is named with Pyodide's version.
    expect(script).not.toMatch(/\bimportScripts\(|^import |\bimport\(/m);
    const pyodideVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'pyodide', 'package.json'), 'utf8')) as { version: string }).version;
    expect(script).toContain(pyodideVersion);
  });

  it('keeps no hand-written copy of the headers in public/', () => {
    expect(existsSync(join(root, 'public', '_headers'))).toBe(false);
  });
});
