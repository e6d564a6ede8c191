import { isPythonWorkerScript, POLICY, pythonWorkerPolicy, securityHeaders } from '../shared/securityHeaders';

const PAGE_HEADERS = securityHeaders(POLICY);
const PYTHON_WORKER_HEADERS = securityHeaders(pythonWorkerPolicy(POLICY));

/** Statuses whose response may carry no body: a Response built with one throws. */
const NO_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** `url`'s path under the service worker's scope, as the server's own paths read ('/assets/…' for an app served from '/lab/' too). */
export function pathInScope(url: string, scope: string): string {
  const path = new URL(url).pathname;
  const scopePath = new URL(scope).pathname;
  return path.startsWith(scopePath) ? `/${path.slice(scopePath.length)}` : path;
}

/**
 * `response` with the headers of src/shared/securityHeaders.ts, as the servers send them: the
 * page's on every path, the Python workers' own policy on their scripts. So a page served by the
 * service worker stays cross-origin isolated offline and on a host that sends no headers. An
 * opaque or error response has no headers to set: it is returned as it is.
 */
export function withSecurityHeaders(response: Response, path: string): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.type === 'error') return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(isPythonWorkerScript(path) ? PYTHON_WORKER_HEADERS : PAGE_HEADERS)) headers.set(name, value);
  return new Response(NO_BODY_STATUSES.has(response.status) ? null : response.body, { status: response.status, statusText: response.statusText, headers });
}
