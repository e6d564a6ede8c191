/**
 * The page's security headers, written once: the dev and preview servers send them (vite.config.ts),
 * the build writes them into `_headers` for static hosts and the policy into index.html as a
 * <meta>, and a service worker can set them on what it serves. Plain data and functions, no globals.
 */

/** A Content-Security-Policy as directives: each directive's sources, in the order they are written. */
export type PolicyDirectives = Readonly<Record<string, readonly string[]>>;

/**
 * What the page may load: its own scripts, styles, workers and images, and nothing from anywhere
 * else; no inline script, no eval of JavaScript. WebAssembly may compile ('wasm-unsafe-eval', which
 * allows no eval of JavaScript): the counting loop of the workers and of the main thread's tasks
 * (src/shared/wasmKernel.ts). Images may also be data: URLs, which only the page itself makes:
 * "Export chart" draws the chart's SVG on a canvas for its PNG (src/page/files/chartImage.ts).
 */
export const POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
} as const satisfies PolicyDirectives;

/**
 * Directives that only a header carries: a <meta> policy ignores frame-ancestors, as it does
 * report-uri and sandbox, and the browser says so in the console; so the servers and `_headers`
 * send it, and the meta leaves it out.
 */
export const HEADER_ONLY_POLICY: PolicyDirectives = {
  'frame-ancestors': ["'none'"],
};

/** Directives as a policy's text: `default-src 'self'; script-src …`. */
export function policyText(directives: PolicyDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The built page's policy as its <meta http-equiv="Content-Security-Policy"> carries it. */
export const META_CONTENT_SECURITY_POLICY = policyText(POLICY);

/**
 * The dev server's policy: Vite adds one inline script, React's hot-reload preamble, allowed by
 * its hash (`'sha256-…'`, computed by the caller), and injects styles as <style> elements.
 */
export function devPolicy(inlineScriptHashes: readonly string[]): PolicyDirectives {
  return {
    ...POLICY,
    'script-src': [...POLICY['script-src'], ...inlineScriptHashes.map((hash) => `'${hash}'`)],
    'style-src': ["'self'", "'unsafe-inline'"],
  };
}

/**
 * A Python worker's own policy: `policy` with 'unsafe-eval', since pyodide.asm.mjs evaluates
 * JavaScript at start-up (Emscripten's EM_ASM constants). A worker started from a URL gets the
 * policy of its own script's response, so only the Python workers' scripts carry it; the page's
 * policy, and every other response's, stays as it is.
 */
export function pythonWorkerPolicy(policy: PolicyDirectives = POLICY): PolicyDirectives {
  return { ...policy, 'script-src': [...(policy['script-src'] ?? []), "'unsafe-eval'"] };
}

/** The built Python workers' scripts (src/workers/python/python*.worker.ts → assets/python…-[hash].js), as `_headers` matches them. */
export const PYTHON_WORKER_ASSETS = '/assets/python*';

/**
 * Is this request path a Python worker's script (or a module it loads as one)? In the build,
 * assets/python…; on the dev server, the source under src/workers/python/.
 */
export function isPythonWorkerScript(path: string): boolean {
  return path.startsWith('/assets/python') || path.startsWith('/src/workers/python/');
}

/**
 * Headers on every response, under `policy` (POLICY, or the dev server's). Cross-origin isolation
 * gives the page a finer clock (5 µs instead of 100 µs in Chromium) and SharedArrayBuffer where
 * the engine has it.
 */
export function securityHeaders(policy: PolicyDirectives = POLICY): Record<string, string> {
  return {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Content-Security-Policy': policyText({ ...policy, ...HEADER_ONLY_POLICY }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/**
 * The `_headers` file that Netlify and Cloudflare Pages read: `headers` on every path, then
 * each of `policies` (a path pattern → its own Content-Security-Policy). A later rule's header
 * would be joined to the first's by a comma, two policies that both apply, so each first
 * detaches the policy of every path ("! Content-Security-Policy", Cloudflare Pages' syntax).
 */
export function headersFile(headers: Readonly<Record<string, string>>, policies: Readonly<Record<string, string>> = {}): string {
  const lines = Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`);
  const own = Object.entries(policies).flatMap(([path, policy]) => [path, '  ! Content-Security-Policy', `  Content-Security-Policy: ${policy}`]);
  return ['# For static hosts that read this file (Netlify, Cloudflare Pages), written by the build from src/shared/securityHeaders.ts.', '/*', ...lines, ...own, ''].join('\n');
}

/** The built app's `_headers`: every header on every path, and the Python workers' own policy on their scripts (what the build writes, one definition). */
export function builtHeadersFile(): string {
  return headersFile(securityHeaders(), { [PYTHON_WORKER_ASSETS]: securityHeaders(pythonWorkerPolicy(POLICY))['Content-Security-Policy'] });
}
