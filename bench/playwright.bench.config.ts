import { dirname } from 'node:path';
import { defineConfig } from '@playwright/test';
import { browserArgs, findBrowser } from '../e2e/browser';
import { benchOutDir, benchPort } from './settings';

/**
 * `npm run bench`: drives the production build in headless Chromium, then in each engine of
 * BENCH_ENGINES, and prints what it measured; bench/results/latest.txt keeps it.
 */
export default defineConfig({
  testDir: '.',
  // Playwright runs the files in the order of their names: Chromium's figures, the lesson's
  // execution models in Chromium, then the engines', then the two kernels in each engine, then Python in each.
  testMatch: ['bench.spec.ts', 'chromium-models.spec.ts', 'engines.spec.ts', 'kernels.spec.ts', 'python.spec.ts'],
  workers: 1,
  timeout: 30 * 60_000,
  reporter: 'list',
  globalSetup: './global.setup.ts',
  globalTeardown: './global.teardown.ts',
  use: {
    viewport: { width: 1280, height: 900 },
    baseURL: `http://127.0.0.1:${String(benchPort)}`,
    launchOptions: { executablePath: findBrowser(), args: browserArgs() },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${String(benchPort)} --strictPort --outDir ${benchOutDir}`,
    url: `http://127.0.0.1:${String(benchPort)}`,
    cwd: dirname(import.meta.dirname),
    reuseExistingServer: false,
  },
});
