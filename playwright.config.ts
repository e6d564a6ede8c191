import { defineConfig } from '@playwright/test';
import { browserArgs, findBrowser } from './e2e/browser';

const port = 4173;

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
      use: {
        viewport: { width: 1280, height: 900 },
        launchOptions: { executablePath: findBrowser(), args: browserArgs() },
      },
    },
  ],
  webServer: {
    // The production build, as a class would get it.
    command: `npx vite preview --host 127.0.0.1 --port ${String(port)} --strictPort`,
    url: `http://127.0.0.1:${String(port)}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
