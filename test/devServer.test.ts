import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devPolicy, securityHeaders } from '../src/shared/securityHeaders';

const root = join(import.meta.dirname, '..');
let server: ViteDevServer;
let origin: string;

beforeAll(async () => {
  server = await createServer({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'silent', server: { port: 0, strictPort: false, host: '127.0.0.1' } });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('The dev server has no port.');
  origin = `http://127.0.0.1:${String(address.port)}`;
}, 30_000);

afterAll(async () => {
  await server.close();
});

describe('the dev server', () => {
  it('sends every security header, the policy included, on full answers and on 304s', async () => {
    for (const path of ['/', '/src/main.tsx', '/src/workers/counter/counter.worker.ts?worker_file&type=module']) {
      const full = await fetch(origin + path);
      expect(full.status, path).toBe(200);
      await full.arrayBuffer();
      const etag = full.headers.get('etag');
      const answers = [full];
      if (etag) {
        const revalidated = await fetch(origin + path, { headers: { 'If-None-Match': etag } });
        expect(revalidated.status, path).toBe(304);
        answers.push(revalidated);
      }
      for (const answer of answers) {
        for (const [name, value] of Object.entries(securityHeaders())) {
          if (name !== 'Content-Security-Policy') expect(answer.headers.get(name), `${path} ${name}`).toBe(value);
        }
        expect(answer.headers.get('content-security-policy'), path).toContain("connect-src 'self'");
      }
    }
  });

  it('allows exactly the inline scripts the page has, by their hash, and no eval', async () => {
    const answer = await fetch(`${origin}/`);
    const policy = answer.headers.get('content-security-policy') ?? '';
    const html = await answer.text();
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
    expect(inline.length).toBeGreaterThanOrEqual(1);
    const hashes = inline.map((script) => `sha256-${createHash('sha256').update(script).digest('base64')}`);
    // The headers module's, word for word, with the hashes of the scripts the page really has.
    expect(policy).toBe(securityHeaders(devPolicy(hashes))['Content-Security-Policy']);
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    // WebAssembly may compile (the counting loop); JavaScript may not be evaluated.
    expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[^;' ]+';/);
    expect(policy).not.toContain("'unsafe-eval'");
  });
});

describe('the dev server, for Python', () => {
  it("serves Pyodide's files under /pyodide/ from node_modules, the wasm as application/wasm, with every security header", async () => {
    for (const [file, type] of [
      ['pyodide.asm.wasm', 'application/wasm'],
      ['pyodide.asm.mjs', 'text/javascript'],
      ['python_stdlib.zip', 'application/zip'],
      ['pyodide-lock.json', 'application/json'],
    ]) {
      const answer = await fetch(`${origin}/pyodide/${file}`);
      expect(answer.status, file).toBe(200);
      expect(answer.headers.get('content-type'), file).toBe(type);
      expect(Number(answer.headers.get('content-length')), file).toBe(statSync(join(root, 'node_modules', 'pyodide', file)).size);
      expect((await answer.arrayBuffer()).byteLength, file).toBe(statSync(join(root, 'node_modules', 'pyodide', file)).size);
      for (const name of ['Cross-Origin-Opener-Policy', 'Cross-Origin-Embedder-Policy', 'Cross-Origin-Resource-Policy']) {
        expect(answer.headers.get(name), `${file} ${name}`).toBe(securityHeaders()[name]);
      }
      const revalidated = await fetch(`${origin}/pyodide/${file}`, { headers: { 'If-None-Match': answer.headers.get('etag') ?? '' } });
      expect(revalidated.status, file).toBe(304);
    }
    // Only Pyodide's own files: nothing else of node_modules is served there.
    expect((await fetch(`${origin}/pyodide/package.json`)).headers.get('content-type')).not.toBe('application/json');
  });

  it("lets only the Python workers' scripts evaluate JavaScript", async () => {
    const python = await fetch(`${origin}/src/workers/python/python.worker.ts?worker_file&type=module`);
    expect(python.status).toBe(200);
    expect(python.headers.get('content-security-policy')).toMatch(/script-src [^;]*'unsafe-eval'/);
    for (const path of ['/', '/src/workers/counter/counter.worker.ts?worker_file&type=module', '/pyodide/pyodide.asm.mjs']) {
      expect((await fetch(origin + path)).headers.get('content-security-policy'), path).not.toContain("'unsafe-eval'");
    }
  });
});
