import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { describeFirstScreen, FIRST_SCREEN_BUDGET_KB } from './firstScreen';
import { measureFirstScreen } from './measureFirstScreen';

// The production build to check: dist, or BUNDLE_OUT_DIR for a build elsewhere.
const outDir = resolve(import.meta.dirname, '..', process.env.BUNDLE_OUT_DIR ?? 'dist');

it(`keeps the first screen's JavaScript within ${String(FIRST_SCREEN_BUDGET_KB)} KB gzipped`, () => {
  const { files, gzippedBytes } = measureFirstScreen(outDir);
  expect(files.length, 'scripts that index.html loads at once').toBeGreaterThan(0);
  console.log([...files.map(({ path, gzippedBytes: bytes }) => `  ${path}: ${(bytes / 1000).toFixed(1)} KB gzipped`), describeFirstScreen(gzippedBytes)].join('\n'));
  expect(gzippedBytes / 1000, `${describeFirstScreen(gzippedBytes)}: past the budget`).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET_KB);
});
