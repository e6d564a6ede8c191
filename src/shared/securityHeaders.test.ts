import { describe, expect, it } from 'vitest';
import { devPolicy, headersFile, HEADER_ONLY_POLICY, isPythonWorkerScript, META_CONTENT_SECURITY_POLICY, POLICY, policyText, PYTHON_WORKER_ASSETS, pythonWorkerPolicy, securityHeaders } from './securityHeaders';

/**
 * The production policy, word for word: as the servers and `_headers` sent it before this module,
 * but for img-src's data: (issue 17: the chart's PNG is drawn from an SVG loaded as a data: image).
 */
const SENT_BEFORE =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

describe('the security headers', () => {
  it('are the six headers both servers sent, the policy unchanged: WebAssembly may compile, nothing more', () => {
    expect(securityHeaders()).toEqual({
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Content-Security-Policy': SENT_BEFORE,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
  });

  it('widen images by data: only: no blob:, no other host, and every other directive as it was', () => {
    expect(POLICY['img-src']).toEqual(["'self'", 'data:']);
    for (const [name, sources] of Object.entries(POLICY)) if (name !== 'img-src') expect(sources, name).not.toContain('data:');
    expect(securityHeaders()['Content-Security-Policy']).not.toContain('blob:');
  });

  it('allow no inline script and no eval of JavaScript', () => {
    const policy = securityHeaders()['Content-Security-Policy'];
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain("'unsafe-eval'");
  });

  it('leave out of the <meta> only what a meta policy ignores', () => {
    expect(Object.keys(HEADER_ONLY_POLICY)).toEqual(['frame-ancestors']);
    expect(META_CONTENT_SECURITY_POLICY).not.toContain('frame-ancestors');
    expect(`${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`).toBe(SENT_BEFORE);
  });
});

describe('devPolicy', () => {
  it('adds the inline scripts by hash and inline styles, and changes nothing else', () => {
    const dev = devPolicy(['sha256-abc=']);
    expect(dev['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'", "'sha256-abc='"]);
    expect(dev['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect({ ...dev, 'script-src': POLICY['script-src'], 'style-src': POLICY['style-src'] }).toEqual(POLICY);
    expect(securityHeaders(dev)['Content-Security-Policy']).toBe(`${policyText(dev)}; frame-ancestors 'none'`);
  });
});

describe('headersFile', () => {
  it('lists every header under one rule for every path, as Netlify and Cloudflare Pages read it', () => {
    const text = headersFile({ 'X-One': 'a', 'X-Two': "b 'c'" });
    const rules = text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(rules).toEqual(['/*', '  X-One: a', "  X-Two: b 'c'"]);
    expect(text.endsWith('\n')).toBe(true);
  });
});

describe('the Python workers\' own policy', () => {
  it("is the page's policy with 'unsafe-eval' added to script-src, and nothing else changed", () => {
    const python = pythonWorkerPolicy();
    expect(python['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'", "'unsafe-eval'"]);
    expect({ ...python, 'script-src': POLICY['script-src'] }).toEqual(POLICY);
    expect(pythonWorkerPolicy(devPolicy(['sha256-abc=']))['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'", "'sha256-abc='", "'unsafe-eval'"]);
    // The page's own policy stays without it.
    expect(securityHeaders()['Content-Security-Policy']).toBe(SENT_BEFORE);
  });

  it('applies to the Python workers\' scripts only: built (assets/python…) and on the dev server (src/workers/python/)', () => {
    expect(PYTHON_WORKER_ASSETS).toBe('/assets/python*');
    for (const path of ['/assets/python.worker-AbC123.js', '/assets/pythonProgram.worker-x.js', '/src/workers/python/python.worker.ts']) expect(isPythonWorkerScript(path), path).toBe(true);
    for (const path of ['/', '/index.html', '/assets/index-AbC.js', '/assets/counter.worker-x.js', '/src/workers/counter/counter.worker.ts', '/pyodide/pyodide.asm.mjs']) {
      expect(isPythonWorkerScript(path), path).toBe(false);
    }
  });

  it('goes into _headers as a rule of its own that first detaches the policy of every path', () => {
    const text = headersFile({ 'X-One': 'a' }, { '/assets/python*': "script-src 'unsafe-eval'" });
    const rules = text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(rules).toEqual(['/*', '  X-One: a', '/assets/python*', '  ! Content-Security-Policy', "  Content-Security-Policy: script-src 'unsafe-eval'"]);
  });
});
