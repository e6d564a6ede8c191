import { describe, expect, it } from 'vitest';
import { describeFirstScreen, eagerScripts, firstScreenFiles, resolveInBuild, staticImports } from './firstScreen';

const viteHtml = `<!doctype html>
<html lang="en">
  <head>
    <!-- <script type="module" src="/assets/commented-out.js"></script> -->
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    <script type="module" crossorigin src="/assets/index-DiVpKoQK.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/vendor-abc.js">
    <link rel="stylesheet" crossorigin href="/assets/index-c2Vp45uw.css">
    <link rel=modulepreload href=/assets/bare-quotes.js>
    <script src="/assets/classic.js"></script>
    <script type="module" src="https://cdn.example.com/x.js"></script>
    <link rel="preload" as="script" href="/assets/preload.js">
  </head>
  <body><div id="root"></div></body>
</html>`;

describe('eagerScripts', () => {
  it('takes module scripts and module preloads, in order, and nothing else', () => {
    expect(eagerScripts(viteHtml)).toEqual(['/assets/index-DiVpKoQK.js', '/assets/vendor-abc.js', '/assets/bare-quotes.js']);
  });

  it('counts a script once even when it is also preloaded', () => {
    expect(eagerScripts('<link rel="modulepreload" href="/a.js"><script type="module" src="/a.js"></script>')).toEqual(['/a.js']);
  });

  it('finds nothing in a page without module scripts', () => {
    expect(eagerScripts('<html><body><script>1</script></body></html>')).toEqual([]);
  });
});

describe('staticImports', () => {
  it('reads minified static imports and re-exports, not dynamic imports or a worker URL', () => {
    const code =
      'import{o as e,r as t,$t as n}from"./index-DiVpKoQK.js";import"./side.js";export*from"../up.js";' +
      'const a=()=>import("./TimeChart-x.js");new Worker(new URL("/assets/counter.worker-y.js",import.meta.url));' +
      'const s="import \'./not-a-file.txt\'";';
    expect(staticImports(code)).toEqual(['./index-DiVpKoQK.js', './side.js', '../up.js']);
  });

  it('finds none in a chunk without imports', () => {
    expect(staticImports('(function(){console.log("x")})();')).toEqual([]);
  });
});

describe('resolveInBuild', () => {
  it('places absolute URLs under the base and relative specifiers beside their chunk', () => {
    expect(resolveInBuild('/assets/index.js')).toBe('assets/index.js');
    expect(resolveInBuild('/lab/assets/index.js?v=1', 'index.html', '/lab/')).toBe('assets/index.js');
    expect(resolveInBuild('./vendor.js', 'assets/index.js')).toBe('assets/vendor.js');
    expect(resolveInBuild('assets/index.js')).toBe('assets/index.js');
  });
});

describe('firstScreenFiles', () => {
  it('follows static imports from the entry, once each, and leaves lazy chunks out', () => {
    const files: Record<string, string> = {
      'assets/index.js': 'import{a}from"./vendor.js";import{b}from"./shared.js";const c=()=>import("./chart.js");',
      'assets/vendor.js': 'import{b}from"./shared.js";export const a=1;',
      'assets/shared.js': 'export const b=2;',
      'assets/chart.js': 'import{a}from"./index.js";',
    };
    const html = '<script type="module" src="/assets/index.js"></script><link rel="modulepreload" href="/assets/vendor.js">';
    expect(firstScreenFiles(html, (path) => files[path] ?? '')).toEqual(['assets/index.js', 'assets/vendor.js', 'assets/shared.js']);
  });
});

describe('describeFirstScreen', () => {
  it('prints kilobytes of 1,000 bytes with one decimal, beside the budget', () => {
    expect(describeFirstScreen(84_390)).toBe('First screen JS: 84.4 KB gzipped (budget 150 KB)');
  });
});
