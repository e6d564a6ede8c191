import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Where code runs decides what it may reach; the folders say where it runs (see the README's map).
const PAGE = ['src/*.ts', 'src/*.tsx', 'src/page/**/*.{ts,tsx}'];
const WORKERS = ['src/workers/**/*.ts'];
const SERVICE_WORKER = ['src/serviceWorker/**/*.ts'];
const SHARED = ['src/shared/**/*.ts'];
const LAB = ['src/lab/**/*.ts'];
const TESTS = ['src/**/*.test.ts'];
const PAGE_GLOBALS = ['window', 'document', 'localStorage', 'sessionStorage', 'indexedDB', 'location', 'history'];
const WORKER_GLOBALS = ['self', 'importScripts', 'postMessage', 'close'];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'playwright-report', 'test-results', 'bench/results'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    files: PAGE,
    ignores: TESTS,
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
    rules: {
      // The page reaches a worker only through its API's types and a worker URL (src/page/boundary); a source as text (?raw) is no code.
      'no-restricted-imports': ['error', { patterns: [{ regex: '/(workers|serviceWorker|testing)/(?!.*\\?raw$)', allowTypeImports: true }] }],
    },
  },
  {
    // The run controller is tested outside a page: the clock, the visibility and the store are passed in.
    files: ['src/page/run/runController.ts'],
    rules: {
      'no-restricted-globals': ['error', ...PAGE_GLOBALS, 'performance', 'navigator', 'Date', 'crypto'],
    },
  },
  {
    files: WORKERS,
    ignores: TESTS,
    languageOptions: { globals: globals.worker },
    rules: {
      'no-restricted-globals': ['error', ...PAGE_GLOBALS],
      'no-restricted-imports': ['error', { patterns: ['react', 'react-*', 'recharts', '**/page/**', '**/testing/**'] }],
    },
  },
  {
    // The service worker: Workbox and the shared headers module, nothing of the page, the counting workers or Python (it only caches their files).
    files: SERVICE_WORKER,
    ignores: TESTS,
    languageOptions: { globals: globals.serviceworker },
    rules: {
      'no-restricted-globals': ['error', ...PAGE_GLOBALS, 'importScripts'],
      'no-restricted-imports': ['error', { patterns: ['react', 'react-*', 'recharts', 'comlink', 'pyodide', '**/page/**', '**/workers/**', '**/lab/**', '**/testing/**'] }],
    },
  },
  {
    files: SHARED,
    ignores: TESTS,
    rules: {
      // Runs on the page's thread and in workers alike: neither side's globals.
      'no-restricted-globals': ['error', ...PAGE_GLOBALS, ...WORKER_GLOBALS, 'navigator', 'Worker'],
      'no-restricted-imports': ['error', { patterns: ['react', 'react-*', 'recharts', '**/page/**', '**/workers/**', '**/testing/**'] }],
    },
  },
  {
    files: LAB,
    ignores: TESTS,
    rules: {
      // The pure logic must not reach for the page, the worker, a clock, timers, channels or crypto: they are passed in (Atomics is the language's own).
      'no-restricted-globals': ['error', ...PAGE_GLOBALS, ...WORKER_GLOBALS, 'navigator', 'performance', 'Worker', 'Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'MessageChannel', 'crypto'],
      'no-restricted-imports': ['error', { patterns: ['react', 'react-*', 'comlink', 'recharts', '**/page/**', '**/workers/**', '**/shared/**', '**/testing/**'] }],
    },
  },
  {
    files: ['eslint.config.js'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
);
