import { dirname } from 'node:path';
import { defineConfig } from 'vitest/config';

// `npm run check:bundle`, after the build: the first-screen budget and the unit tests of what it parses.
// Node 20 cannot run TypeScript itself; Vitest, already here, can.
export default defineConfig({
  root: dirname(import.meta.dirname),
  test: {
    include: ['scripts/**/*.test.ts', 'scripts/**/*.budget.ts'],
    environment: 'node',
  },
});
