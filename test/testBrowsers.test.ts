import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// scripts/test-browsers.sh, run on a made-up machine: a PATH holding only the commands a test puts there.
const script = join(import.meta.dirname, '..', 'scripts', 'test-browsers.sh');

let bin: string;
let aptLog: string;

function command(name: string, body = 'exit 0'): void {
  const path = join(bin, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
}

function asUser(uid: number): void {
  command('id', `echo ${String(uid)}`);
}

function withApt(): void {
  command('apt-get', `echo "$*" >> '${aptLog}'`);
}

function run(env: Record<string, string> = {}) {
  const result = spawnSync('/bin/bash', [script], {
    encoding: 'utf8',
    // No Playwright-managed browser either: the made-up machine has only what the test gives it.
    env: { PATH: bin, PLAYWRIGHT_BROWSERS_PATH: join(bin, 'none'), ...env },
  });
  const aptCalls = existsSync(aptLog) ? readFileSync(aptLog, 'utf8').trim().split('\n') : [];
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, aptCalls };
}

beforeEach(() => {
  bin = mkdtempSync(join(tmpdir(), 'test-browsers-'));
  aptLog = join(bin, 'apt.log');
  // The script asks node for Playwright's own Chromium.
  symlinkSync(process.execPath, join(bin, 'node'));
});

afterEach(() => {
  rmSync(bin, { recursive: true, force: true });
});

describe('the browsers npm test needs', () => {
  it('installs nothing when every browser is there', () => {
    for (const name of ['chromium', 'firefox-esr', 'WebKitWebDriver', 'Xvfb']) command(name);
    asUser(0);
    withApt();
    const { status, stdout, aptCalls } = run();
    expect(status).toBe(0);
    expect(stdout).toContain('all there (cross-engine checks in chromium firefox webkit)');
    expect(aptCalls).toEqual([]);
  });

  it('as root with apt-get, installs exactly what is missing from Debian', () => {
    command('chromium');
    asUser(0);
    withApt();
    const { status, stdout, aptCalls } = run();
    expect(status).toBe(0);
    expect(stdout).toContain('Installing firefox-esr webkit2gtk-driver xvfb');
    expect(aptCalls).toEqual(['update', 'install -y firefox-esr webkit2gtk-driver xvfb']);
  });

  it('installs Chromium too on a machine with no browser at all', () => {
    asUser(0);
    withApt();
    const { status, aptCalls } = run();
    expect(status).toBe(0);
    expect(aptCalls).toEqual(['update', 'install -y chromium firefox-esr webkit2gtk-driver xvfb']);
  });

  it('fails when apt-get does', () => {
    asUser(0);
    command('apt-get', 'exit 100');
    const { status } = run();
    expect(status).toBe(100);
  });

  it('not as root, stops at once with one sentence: the packages, the command, the subset', () => {
    command('chromium');
    asUser(1000);
    withApt();
    const { status, stderr, aptCalls } = run();
    expect(status).toBe(1);
    expect(aptCalls).toEqual([]);
    expect(stderr.trim().split('\n')).toEqual([
      'The tests need firefox-esr webkit2gtk-driver xvfb: install them (as root on Debian: apt-get update && apt-get install -y firefox-esr webkit2gtk-driver xvfb), or run a subset with ENGINES=chromium npm test (the Chromium suite and its cross-engine checks alone).',
    ]);
  });

  it('without apt-get, stops the same way, even as root', () => {
    command('chromium');
    asUser(0);
    const { status, stderr } = run();
    expect(status).toBe(1);
    expect(stderr).toContain('The tests need firefox-esr webkit2gtk-driver xvfb');
  });

  it('without Chromium, points at CHROMIUM_PATH rather than at a subset that would need it too', () => {
    for (const name of ['firefox-esr', 'WebKitWebDriver', 'Xvfb']) command(name);
    asUser(1000);
    const { status, stderr } = run();
    expect(status).toBe(1);
    expect(stderr).toContain('The tests need chromium: install them (as root on Debian: apt-get update && apt-get install -y chromium), or set CHROMIUM_PATH');
  });

  it('takes CHROMIUM_PATH, FIREFOX_PATH and WEBKIT_WEBDRIVER_PATH, and stops on a path that is not a program, installing nothing', () => {
    for (const name of ['my-chrome', 'my-firefox', 'my-webkit-driver', 'Xvfb']) command(name);
    asUser(0);
    withApt();
    const named = { FIREFOX_PATH: join(bin, 'my-firefox'), WEBKIT_WEBDRIVER_PATH: join(bin, 'my-webkit-driver') };
    expect(run({ ...named, CHROMIUM_PATH: join(bin, 'my-chrome') }).status).toBe(0);
    // The tests would still take the named path, so installing Debian's chromium would not help.
    const gone = run({ ...named, CHROMIUM_PATH: join(bin, 'gone') });
    expect(gone.status).toBe(1);
    expect(gone.aptCalls).toEqual([]);
    expect(gone.stderr.trim().split('\n')).toEqual([
      `CHROMIUM_PATH names ${join(bin, 'gone')}, which is not an executable file: give the program's path, or unset the variable to use the one installed.`,
    ]);
  });

  it('needs no Xvfb where there is a display', () => {
    for (const name of ['chromium', 'firefox-esr', 'WebKitWebDriver']) command(name);
    asUser(1000);
    expect(run().status).toBe(1);
    expect(run({ DISPLAY: ':0' }).status).toBe(0);
  });

  it('runs a subset with ENGINES, and says so', () => {
    command('chromium');
    asUser(1000);
    const { status, stdout } = run({ ENGINES: 'chromium' });
    expect(status).toBe(0);
    expect(stdout).toContain('A subset: ENGINES=chromium runs the cross-engine checks in chromium only; firefox webkit are not tested in this run.');
  });

  it('needs only what the named engines need', () => {
    for (const name of ['chromium', 'firefox-esr']) command(name);
    asUser(1000);
    const { status, stdout } = run({ ENGINES: 'chromium, firefox' });
    expect(status).toBe(0);
    expect(stdout).toContain('webkit are not tested');
    rmSync(join(bin, 'firefox-esr'));
    const withoutFirefox = run({ ENGINES: 'chromium,firefox' });
    expect(withoutFirefox.status).toBe(1);
    expect(withoutFirefox.stderr).toContain('The tests need firefox-esr: install them');
  });

  it('names each engine once, and says when the list names none', () => {
    command('chromium');
    asUser(1000);
    expect(run({ ENGINES: 'chromium,chromium' }).stdout).toContain('checks in chromium only; firefox webkit are not tested');
    expect(run({ ENGINES: ',' }).stdout).toContain('checks in no engine only; chromium firefox webkit are not tested');
  });

  it('refuses an engine it does not know', () => {
    command('chromium');
    asUser(0);
    const { status, stderr } = run({ ENGINES: 'chromium,safari' });
    expect(status).toBe(1);
    expect(stderr.trim()).toBe('ENGINES names safari; the engines are chromium firefox webkit.');
  });
});
