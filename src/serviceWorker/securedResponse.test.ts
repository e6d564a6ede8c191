import { describe, expect, it } from 'vitest';
import { pythonWorkerPolicy, securityHeaders } from '../shared/securityHeaders';
import { pathInScope, withSecurityHeaders } from './securedResponse';

describe('withSecurityHeaders', () => {
  it("sets every header of the headers module, over what the server sent, and keeps the body, status and the server's other headers", async () => {
    const served = new Response('<!doctype html>', { status: 200, statusText: 'OK', headers: { 'Content-Type': 'text/html', 'Content-Length': '15', 'Cross-Origin-Embedder-Policy': 'unsafe-none' } });
    const response = withSecurityHeaders(served, '/index.html');
    for (const [name, value] of Object.entries(securityHeaders())) expect(response.headers.get(name), name).toBe(value);
    expect(response.headers.get('Content-Type')).toBe('text/html');
    expect(response.headers.get('Content-Length')).toBe('15');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<!doctype html>');
  });

  it("gives a Python worker's script its own policy, and no other script", () => {
    const python = withSecurityHeaders(new Response('', { headers: { 'Content-Type': 'text/javascript' } }), '/assets/python.worker-abc.js');
    expect(python.headers.get('Content-Security-Policy')).toBe(securityHeaders(pythonWorkerPolicy())['Content-Security-Policy']);
    expect(python.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    const counter = withSecurityHeaders(new Response(''), '/assets/counter.worker-abc.js');
    expect(counter.headers.get('Content-Security-Policy')).toBe(securityHeaders()['Content-Security-Policy']);
    expect(counter.headers.get('Content-Security-Policy')).not.toContain("'unsafe-eval'");
  });

  it('keeps a response that may have no body without one (a Response built with a body there throws)', () => {
    const response = withSecurityHeaders(new Response(null, { status: 304 }), '/');
    expect(response.status).toBe(304);
    expect(response.body).toBeNull();
    expect(response.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
  });

  it('returns an error response as it is: it has no headers to set', () => {
    const failed = Response.error();
    expect(withSecurityHeaders(failed, '/')).toBe(failed);
  });
});

describe('pathInScope', () => {
  it("reads a URL's path under the scope, as the server's own paths read", () => {
    expect(pathInScope('https://lab.example/assets/python.worker-a.js', 'https://lab.example/')).toBe('/assets/python.worker-a.js');
    expect(pathInScope('https://school.example/lab/assets/python.worker-a.js?x=1', 'https://school.example/lab/')).toBe('/assets/python.worker-a.js');
    expect(pathInScope('https://school.example/elsewhere/a.js', 'https://school.example/lab/')).toBe('/elsewhere/a.js');
  });
});
