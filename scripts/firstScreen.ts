import { posix } from 'node:path';

/** The budget for the JavaScript of the first screen, gzipped: 150 KB (1 KB = 1,000 bytes, as Vite reports). */
export const FIRST_SCREEN_BUDGET_KB = 150;

/** The value of one attribute in a tag's text, with or without quotes; null when it is absent. */
function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}\\s*=\\s*("[^"]*"|'[^']*'|[^\\s"'>]+)`, 'i').exec(tag);
  return match ? match[1].replace(/^(["'])([\s\S]*)\1$/, '$2') : null;
}

/** Only this site's own files count; a URL with a scheme or `//` is another host's. */
function isOwn(url: string): boolean {
  return !/^(?:[a-z][a-z\d+.-]*:|\/\/)/i.test(url);
}

/**
 * The scripts an index.html makes the browser fetch at once, in order: every
 * `<script type="module" src>` and every `<link rel="modulepreload" href>`.
 * URLs as written (`/assets/index-abc.js`); other hosts' scripts are left out.
 */
export function eagerScripts(html: string): string[] {
  const found: string[] = [];
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const [tag] of withoutComments.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const isScript = /^<script/i.test(tag);
    const url = isScript
      ? attribute(tag, 'type')?.toLowerCase() === 'module'
        ? attribute(tag, 'src')
        : null
      : (attribute(tag, 'rel') ?? '').toLowerCase().split(/\s+/).includes('modulepreload')
        ? attribute(tag, 'href')
        : null;
    if (url && isOwn(url) && !found.includes(url)) found.push(url);
  }
  return found;
}

/**
 * The modules a built chunk imports statically (`import{a}from"./x.js"`,
 * `import"./x.js"`, `export{a}from"./x.js"`), as written. Dynamic imports
 * (`import("./x.js")`) load later and are not counted; nor is a worker's URL.
 */
export function staticImports(code: string): string[] {
  const found: string[] = [];
  const pattern = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+)["']/g;
  for (const match of code.matchAll(pattern)) {
    const specifier = match[1];
    // Only paths to built chunks: a bare name or a word in a string is not a file of the build.
    if (/^\.{0,2}\/.*\.m?js$/.test(specifier) && !found.includes(specifier)) found.push(specifier);
  }
  return found;
}

/** A script's URL or import specifier → its path inside the build folder, as `assets/x.js`. */
export function resolveInBuild(url: string, fromFile = 'index.html', base = '/'): string {
  const path = url.split(/[?#]/)[0];
  if (path.startsWith('/')) return posix.normalize(path.startsWith(base) ? path.slice(base.length) : path.slice(1));
  return posix.normalize(posix.join(posix.dirname(fromFile), path));
}

/**
 * Every JavaScript file of the first screen, as paths inside the build folder:
 * the scripts index.html loads at once and, transitively, what they import
 * statically. `read` gives a built file's text.
 */
export function firstScreenFiles(html: string, read: (path: string) => string, base = '/'): string[] {
  const files: string[] = [];
  const queue = eagerScripts(html).map((url) => resolveInBuild(url, 'index.html', base));
  while (queue.length > 0) {
    const file = queue.shift() ?? '';
    if (files.includes(file)) continue;
    files.push(file);
    for (const specifier of staticImports(read(file))) queue.push(resolveInBuild(specifier, file, base));
  }
  return files;
}

/** "First screen JS: 84.4 KB gzipped (budget 150 KB)", 1 KB = 1,000 bytes. */
export function describeFirstScreen(gzippedBytes: number, budgetKb = FIRST_SCREEN_BUDGET_KB): string {
  return `First screen JS: ${(gzippedBytes / 1000).toFixed(1)} KB gzipped (budget ${String(budgetKb)} KB)`;
}
