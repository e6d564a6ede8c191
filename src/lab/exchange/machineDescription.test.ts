import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { MAX_LABEL_CHARS, defaultMachineLabel, describeThisMachine, plainLine, readMachineLabel, shortened, type MachineDescription } from './machineDescription';
import { machineDescriptionSchema } from './machineDescriptionSchema';

const describedMachine: MachineDescription = {
  label: 'Chrome on 8 cores',
  reportedCores: 8,
  measuredCores: 6,
  browser: 'Chrome 156',
  engine: 'v8',
  crossOriginIsolated: true,
  timerResolutionMs: 0.005,
};

describe('describeThisMachine', () => {
  it('describes this machine under its label, its engine read from the user agent', () => {
    const facts = { reportedCores: 2, measuredCores: null, browser: 'Firefox 153', crossOriginIsolated: true, timerResolutionMs: 0.02, maxTouchPoints: 0 };
    expect(describeThisMachine('Desk 4', { ...facts, userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0' })).toEqual({
      label: 'Desk 4',
      reportedCores: 2,
      measuredCores: null,
      browser: 'Firefox 153',
      engine: 'spidermonkey',
      crossOriginIsolated: true,
      timerResolutionMs: 0.02,
    });
    expect(describeThisMachine('Desk 4', { ...facts, userAgent: '' }).engine).toBe('unknown');
  });
});

describe('defaultMachineLabel', () => {
  it('names the browser without its version, and its cores', () => {
    expect(defaultMachineLabel('Chrome 156', 8)).toBe('Chrome on 8 cores');
    expect(defaultMachineLabel('Firefox 153', 2)).toBe('Firefox on 2 cores');
    expect(defaultMachineLabel('Firefox 153', 1)).toBe('Firefox on 1 core');
    expect(defaultMachineLabel('Chrome 156 on a Chromebook', 4)).toBe('Chrome on a Chromebook (4 cores)');
    expect(defaultMachineLabel('Safari 18 on iPad', null)).toBe('Safari on iPad (4 cores assumed)');
    expect(defaultMachineLabel('Chrome 131 on iPad (Safari’s engine)', 6)).toBe('Chrome on iPad (6 cores)');
    expect(defaultMachineLabel('WebKitGTK (Safari’s engine)', 2)).toBe('WebKitGTK on 2 cores');
    expect(defaultMachineLabel('Chromium (headless) 156', 2)).toBe('Chromium (headless) on 2 cores');
    expect(defaultMachineLabel('this browser', null)).toBe('This browser (4 cores assumed)');
  });
  it('is always a label readMachineLabel accepts', () => {
    const long = defaultMachineLabel('x'.repeat(200), 1024);
    expect(long.length).toBe(MAX_LABEL_CHARS);
    expect(readMachineLabel(long)).toEqual({ ok: true, value: long });
  });
});

describe('readMachineLabel', () => {
  it('trims, collapses whitespace and drops control and bidirectional characters', () => {
    expect(readMachineLabel('  Room 4\t\n laptop  ')).toEqual({ ok: true, value: 'Room 4 laptop' });
    expect(readMachineLabel('evil\u202Egnp.exe')).toEqual({ ok: true, value: 'evilgnp.exe' });
    expect(readMachineLabel('a\u0000b\u2066c\u2069')).toEqual({ ok: true, value: 'a bc' });
    // Markup is text: kept as typed, drawn as text by React.
    expect(readMachineLabel('<img src=x onerror=alert(1)>')).toEqual({ ok: true, value: '<img src=x onerror=alert(1)>' });
  });
  it('refuses an empty label or one over the limit, in one sentence', () => {
    const empty = readMachineLabel(' \u202E\t ');
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.problem).toMatch(/^The machine label is empty: .*\.$/);
    expect(readMachineLabel('x'.repeat(MAX_LABEL_CHARS)).ok).toBe(true);
    const tooLong = readMachineLabel('x'.repeat(MAX_LABEL_CHARS + 1));
    expect(tooLong).toEqual({ ok: false, problem: 'The machine label is 61 characters long; keep it to 60 or fewer.' });
  });
  it('refuses a label that shows nothing, made only of invisible characters', () => {
    for (const invisible of ['\u200B\u200B', '\u2060', '\uFEFF\u00AD', '\u3164', '\u2800', '\u115F\u1160', '\uFFA0', '\u180E', '\u200D\u200C', '\u034F']) {
      const reading = readMachineLabel(invisible);
      expect(reading.ok, JSON.stringify(invisible)).toBe(false);
      if (!reading.ok) expect(reading.problem).toMatch(/^The machine label is empty: /);
      expect(v.safeParse(machineDescriptionSchema, { ...describedMachine, label: invisible }).success).toBe(false);
    }
    // Joiners inside a word or an emoji are kept: only a label with nothing else is refused.
    expect(readMachineLabel('👩\u200D💻 desk\u200C3')).toEqual({ ok: true, value: '👩\u200D💻 desk\u200C3' });
  });
  it('counts an emoji as one character', () => {
    expect(readMachineLabel('🖥'.repeat(MAX_LABEL_CHARS)).ok).toBe(true);
  });
});

describe('plain text helpers', () => {
  it('shortens with an ellipsis, never splitting a character', () => {
    expect(shortened('abcdef', 4)).toBe('abc…');
    expect(shortened('abc', 4)).toBe('abc');
    expect(shortened('🖥🖥🖥🖥🖥', 3)).toBe('🖥🖥…');
    expect(plainLine(' a \u2028 b ')).toBe('a b');
    expect(plainLine('a\uD800b\uDC00🖥')).toBe('a\uFFFDb\uFFFD🖥');
  });
});
