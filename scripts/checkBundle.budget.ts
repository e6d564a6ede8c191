import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { describeFirstScreen, FIRST_SCREEN_BUDGET_KB, firstScreenFiles } from './firstScreen';

// The production build to check: dist, or BUNDLE_OUT_DIR for a build elsewhere.
const outDir = resolve(import.meta.dirname, '..', process.env.BUNDLE_OUT_DIR ?? 'dist');

it(`keeps the first screen's JavaScript within ${String(FIRST_SCREEN_BUDGET_KB)} KB gzipped`, () => {
  let html: string;
  try {
    html = readFileSync(join(outDir, 'index.html'), 'utf8');
  } catch {
    throw new Error(`No production build at ${outDir}: run "npm run build" first.`);
  }
  const files = firstScreenFiles(html, (path) => readFileSync(join(outDir, path), 'utf8'));
  expect(files.length, 'scripts that index.html loads at once').toBeGreaterThan(0);
  // gzip at its default level, each file alone, as a server sends them.
  const sizes = files.map((path) => ({ path, gzipped: gzipSync(readFileSync(join(outDir, path))).length }));
  const total = sizes.reduce((sum, { gzipped }) => sum + gzipped, 0);
  const lines = [...sizes.map(({ path, gzipped }) => `  ${path}: ${(gzipped / 1000).toFixed(1)} KB gzipped`), describeFirstScreen(total)];
  console.log(lines.join('\n'));
  expect(total / 1000, `${describeFirstScreen(total)}: past the budget`).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET_KB);
});
