import { dirname } from 'node:path';
import { defineConfig } from '@playwright/test';
import { browserArgs, findBrowser } from '../e2e/browser';

const port = 4174;

/** `npm run bench`: drives the production build in headless Chromium and prints what it measured. */
export default defineConfig({
  testDir: '.',
  testMatch: 'bench.spec.ts',
  workers: 1,
  timeout: 30 * 60_000,
  reporter: 'list',
  use: {
    viewport: { width: 1280, height: 900 },
    baseURL: `http://127.0.0.1:${String(port)}`,
    launchOptions: { executablePath: findBrowser(), args: browserArgs() },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${String(port)} --strictPort`,
    url: `http://127.0.0.1:${String(port)}`,
    cwd: dirname(import.meta.dirname),
    reuseExistingServer: false,
  },
});
