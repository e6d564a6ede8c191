import { defineConfig } from '@playwright/test';
import { browserArgs, findBrowser } from './e2e/browser';

// E2E_PORT and E2E_OUT_DIR let two suites run side by side (each serves its own build).
const port = Number(process.env.E2E_PORT ?? 4173);
const outDir = process.env.E2E_OUT_DIR ? ` --outDir ${process.env.E2E_OUT_DIR}` : '';

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  // Two cores: one test at a time, so the workers each test spawns have the machine.
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? 'list' : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${String(port)}`,
    trace: 'on-first-retry',
  },
  projects: [
    {
      name: 'chromium',
      // E2E_CPU_THROTTLE=<rate> slows each page's CPU, E2E_COUNT_SCALE=<factor> scales the counts (e2e/speed.ts): off unless set, to check no test depends on speed.
      testIgnore: 'engines.spec.ts',
      use: {
        viewport: { width: 1280, height: 900 },
        // page.route never sees what a service worker answers: blocked, so every spec sees the network as before; e2e/offline.spec.ts allows it.
        serviceWorkers: 'block',
        launchOptions: { executablePath: findBrowser(), args: browserArgs() },
      },
    },
    {
      // Chromium, Firefox and WebKitGTK, each through its own driver (e2e/engines/); ENGINES picks some.
      name: 'engines',
      testMatch: 'engines.spec.ts',
    },
  ],
  webServer: {
    // The production build, as a class would get it.
    command: `npx vite preview --host 127.0.0.1 --port ${String(port)} --strictPort${outDir}`,
    url: `http://127.0.0.1:${String(port)}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
