import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsLoop } from './kernel';
import { engineOf, kernelFor, kernelInWords, kernelName, loopFor, PYODIDE_VERSION, runKernel, sharesHeldModule, warmsUp, warmsUpInRealTurns } from './kernelChoice';

const ENGINES = ['v8', 'spidermonkey', 'javascriptcore', 'unknown'] as const;

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const HEADLESS = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36';
const EDGE = `${CHROME} Edg/156.0.0.0`;
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0';
const WEBKIT_GTK = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/60.5 Safari/605.1.15';
const MAC_SAFARI = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.4 Safari/605.1.15';
const IPAD_CHROME = 'Mozilla/5.0 (iPad; CPU OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1';
const IPHONE_FIREFOX = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/131.0 Mobile/15E148 Safari/605.1.15';

describe('engineOf', () => {
  it('finds the engine behind the browser, iPads and iPhones included', () => {
    expect(engineOf(CHROME)).toBe('v8');
    expect(engineOf(HEADLESS)).toBe('v8');
    expect(engineOf(EDGE)).toBe('v8');
    expect(engineOf(FIREFOX)).toBe('spidermonkey');
    expect(engineOf(WEBKIT_GTK)).toBe('javascriptcore');
    expect(engineOf(MAC_SAFARI)).toBe('javascriptcore');
    // An iPad asking for desktop sites says Mac; every browser there runs on WebKit.
    expect(engineOf(MAC_SAFARI, 5)).toBe('javascriptcore');
    expect(engineOf(IPAD_CHROME)).toBe('javascriptcore');
    expect(engineOf(IPHONE_FIREFOX)).toBe('javascriptcore');
    expect(engineOf('')).toBe('unknown');
    expect(engineOf('Node.js/20')).toBe('unknown');
  });
});

describe('kernelFor', () => {
  it('keeps the faster kernel the bench measured in each engine, and JavaScript where nothing was measured', () => {
    expect(kernelFor('v8')).toBe('wasm');
    expect(kernelFor('spidermonkey')).toBe('wasm');
    expect(kernelFor('javascriptcore')).toBe('js');
    expect(kernelFor('unknown')).toBe('js');
  });
});

describe('loopFor', () => {
  it('gives JavaScriptCore the loop in a function of its own, and every other engine the loop in the step', () => {
    expect(loopFor('javascriptcore')).toBe(jsLoop);
    expect(loopFor('v8')).toBeNull();
    expect(loopFor('spidermonkey')).toBeNull();
    expect(loopFor('unknown')).toBeNull();
  });
});

describe('sharesHeldModule', () => {
  it('counts with the page’s module in V8 and SpiderMonkey only', () => {
    expect(sharesHeldModule('v8')).toBe(true);
    expect(sharesHeldModule('spidermonkey')).toBe(true);
    expect(sharesHeldModule('javascriptcore')).toBe(false);
    expect(sharesHeldModule('unknown')).toBe(false);
  });
});

describe('warmsUp', () => {
  it('skips the warm-up for WebAssembly on the page’s held module, in any engine', () => {
    for (const engine of ENGINES) expect(warmsUp(engine, 'wasm', true)).toBe(false);
  });

  it('warms WebAssembly a worker compiled itself up, in every engine', () => {
    for (const engine of ENGINES) expect(warmsUp(engine, 'wasm', false)).toBe(true);
  });

  it('warms the JavaScript loop up everywhere but in JavaScriptCore', () => {
    expect(warmsUp('javascriptcore', 'js', false)).toBe(false);
    for (const engine of ['v8', 'spidermonkey', 'unknown'] as const) expect(warmsUp(engine, 'js', false)).toBe(true);
  });

  it('keeps real turns in the warm-up only in JavaScriptCore', () => {
    expect(warmsUpInRealTurns('javascriptcore')).toBe(true);
    expect(warmsUpInRealTurns('v8')).toBe(false);
    expect(warmsUpInRealTurns('spidermonkey')).toBe(false);
    expect(warmsUpInRealTurns('unknown')).toBe(false);
  });
});

describe('kernelInWords with Python chosen', () => {
  it('names Python, its Pyodide and one interpreter per worker, whatever the JavaScript loop', () => {
    const words = kernelInWords({ wanted: 'wasm', linked: true, ran: 'js', language: 'python' });
    expect(words).toBe('Python (Pyodide 314.0.7, one interpreter per worker, counting with the lesson’s function as written)');
    expect(kernelInWords({ wanted: 'js', linked: false, ran: null, language: 'javascript' })).toBe('JavaScript (the faster here; no run yet)');
  });

  it('names the Pyodide the app depends on', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies.pyodide).toBe(PYODIDE_VERSION);
  });
});

describe('kernelInWords', () => {
  it('names the kernel that ran, and why', () => {
    expect(kernelName('wasm')).toBe('WebAssembly');
    expect(kernelInWords({ wanted: 'wasm', linked: false, ran: 'wasm' })).toBe('WebAssembly (the faster here)');
    expect(kernelInWords({ wanted: 'js', linked: false, ran: 'js' })).toBe('JavaScript (the faster here)');
    expect(kernelInWords({ wanted: 'js', linked: true, ran: 'js' })).toBe('JavaScript (as the link asks)');
    expect(kernelInWords({ wanted: 'wasm', linked: false, ran: null })).toBe('WebAssembly (the faster here; no run yet)');
  });

  it('says when WebAssembly could not be compiled and JavaScript counted instead', () => {
    expect(kernelInWords({ wanted: 'wasm', linked: false, ran: 'js' })).toBe('JavaScript (WebAssembly could not be compiled here)');
  });

  it('never says JavaScript could not be compiled: a run in WebAssembly where JavaScript is asked for was kept from before', () => {
    // A run kept from a visit with ?kernel=wasm, read back on a page that counts in JavaScript.
    expect(kernelInWords({ wanted: 'js', linked: false, ran: 'wasm' })).toBe('JavaScript (the faster here; the latest run, kept from before, counted with WebAssembly)');
    expect(kernelInWords({ wanted: 'js', linked: true, ran: 'wasm' })).toBe('JavaScript (as the link asks; the latest run, kept from before, counted with WebAssembly)');
  });
});

describe('runKernel', () => {
  it('is WebAssembly only when every worker counted with it', () => {
    expect(runKernel(['wasm', 'wasm'])).toBe('wasm');
    expect(runKernel(['wasm', 'js'])).toBe('js');
    expect(runKernel(['js'])).toBe('js');
  });

  it('is JavaScript for a run no worker answered', () => {
    expect(runKernel([])).toBe('js');
  });
});
