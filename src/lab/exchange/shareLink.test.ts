import { describe, expect, it } from 'vitest';
import { crc32 } from './checksum';
import type { CurvePointMs } from './comparedMachine';
import {
  DAMAGED_LINK,
  LONG_LINK,
  MAX_SHARE_FRAGMENT_CHARS,
  MAX_SHARE_LINK_CHARS,
  NEWER_LINK,
  SHARE_VERSION,
  readShareFragment,
  shareFragment,
  shareLinkText,
  sharedMachine,
  type SharedSweep,
} from './shareLink';

const PAGE = 'https://lab.example-school.org/teachers/parallel-counting-lab/';
/** The longest settings query writeLink makes today, with every setting away from its default. */
const QUERY = '?workers=16&count=1000000000&model=lock&task=io&language=python&present=1&kernel=wasm';

/** A 16-worker sweep of Python: a minute on one worker, times with a tenth of a millisecond. */
const curve16: CurvePointMs[] = Array.from({ length: 16 }, (_, index) => ({ workers: index + 1, medianMs: Math.round((61_234.5 / Math.min(index + 1, 8) + 123.4 * index) * 10) / 10 }));

const sweep: SharedSweep = {
  label: 'Room 4 laptop',
  reportedCores: 8,
  browser: 'Chrome 156',
  seriesWords: 'counting to 1 billion split over the workers',
  curve: [
    { workers: 1, medianMs: 4012.3 },
    { workers: 2, medianMs: 2050 },
    { workers: 4, medianMs: 1210.75 },
  ],
};

/** The worst a lesson gives: 60 characters of label, the longest browser name kept, the longest words and 16 points. */
const longest: SharedSweep = {
  label: 'Ms Okonkwo’s class, desk 14, the grey laptop by the window 1'.slice(0, 60),
  reportedCores: 16,
  browser: 'Chrome 131 on iPad (Safari’s engine) with a name padded to eighty characters ....'.slice(0, 80),
  seriesWords: 'each worker waiting as long as counting to 1 billion, in Python, the workers sharing one lock, with workers from a reused pool',
  curve: curve16,
  scaling: 'weak',
};

const read = (hash: string) => readShareFragment(hash);

describe('shareFragment and readShareFragment', () => {
  it('read back what they wrote, with or without the #', () => {
    const fragment = shareFragment(sweep);
    expect(fragment).toBe(`sweep=1,Room+4+laptop,8,Chrome+156,counting+to+1+billion+split+over+the+workers,s,1-4012.3_2-2050_4-1210.8,${fragment.slice(-7)}`);
    expect(fragment.slice(-7)).toMatch(/^[0-9a-z]{7}$/);
    // A sweep without a scaling is strong, and reads back saying so.
    const back = { ...sweep, curve: [sweep.curve[0], sweep.curve[1], { workers: 4, medianMs: 1210.8 }], scaling: 'strong' };
    expect(read(fragment)).toEqual({ kind: 'ok', shared: back });
    expect(read(`#${fragment}`)).toEqual({ kind: 'ok', shared: back });
    expect(read(`#${shareFragment(longest)}`)).toEqual({ kind: 'ok', shared: longest });
  });
  it('carry no cores, no words, and text of any kind, as plain text', () => {
    const odd: SharedSweep = { label: 'a,b_c-d+e %20 <b>&amp; “é” 🖥', reportedCores: null, browser: 'this browser', seriesWords: null, curve: [{ workers: 3, medianMs: 0.1 }] };
    expect(read(shareFragment(odd))).toEqual({ kind: 'ok', shared: { ...odd, scaling: 'strong' } });
  });
  it('carry a weak-scaling sweep’s scaling, in one letter', () => {
    const weak: SharedSweep = { ...sweep, scaling: 'weak' };
    const fragment = shareFragment(weak);
    expect(fragment).toContain(',w,1-4012.3_');
    expect(fragment.length).toBe(shareFragment(sweep).length);
    expect(read(`#${fragment}`)).toEqual({ kind: 'ok', shared: { ...weak, curve: [sweep.curve[0], sweep.curve[1], { workers: 4, medianMs: 1210.8 }] } });
    expect(read(shareFragment({ ...sweep, scaling: 'strong' }))).toEqual(read(shareFragment(sweep)));
  });
  it('write cores only when they read back (a whole number from 1 to 65,536), and none otherwise', () => {
    for (const reportedCores of [0, -2, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 65_537]) {
      expect(read(shareFragment({ ...sweep, reportedCores })), String(reportedCores)).toMatchObject({ kind: 'ok', shared: { reportedCores: null } });
    }
    expect(read(shareFragment({ ...sweep, reportedCores: 65_536 }))).toMatchObject({ kind: 'ok', shared: { reportedCores: 65_536 } });
  });
  it('write only points they read back, so one odd point never makes the whole link damaged', () => {
    const odd: CurvePointMs[] = [
      { workers: 2, medianMs: 2000 },
      { workers: 1, medianMs: 4000 },
      { workers: 2, medianMs: 2100 },
      { workers: 3, medianMs: Number.NaN },
      { workers: 4, medianMs: Number.POSITIVE_INFINITY },
      { workers: 5, medianMs: -3 },
      { workers: 6, medianMs: -0 },
      { workers: 7, medianMs: 1e21 },
      { workers: 0, medianMs: 10 },
      { workers: 1.5, medianMs: 10 },
      { workers: 1025, medianMs: 10 },
      { workers: Number.NaN, medianMs: 10 },
    ];
    expect(read(shareFragment({ ...sweep, curve: odd }))).toEqual({
      kind: 'ok',
      shared: { ...sweep, scaling: 'strong', curve: [{ workers: 1, medianMs: 4000 }, { workers: 2, medianMs: 2000 }, { workers: 6, medianMs: 0 }] },
    });
  });
  it('read a sweep’s text as plain lines, as the exported files are read', () => {
    const sneaky = { ...sweep, label: ' evil\u202Egnp.exe ', browser: 'x\ny' };
    expect(read(shareFragment(sneaky))).toMatchObject({ kind: 'ok', shared: { label: 'evilgnp.exe', browser: 'x y' } });
  });
  it('keep a 16-worker sweep, a 60-character label and a long browser name within 1,000 characters, the whole link', () => {
    const link = shareLinkText(PAGE, QUERY, longest);
    // Measured: the whole link, with an https address and the longest settings query.
    expect(link.length).toBe(620);
    expect(link.length).toBeLessThanOrEqual(MAX_SHARE_LINK_CHARS);
    expect(link.startsWith(`${PAGE}${QUERY}#sweep=1,`)).toBe(true);
    expect(read(link.slice(link.indexOf('#')))).toEqual({ kind: 'ok', shared: longest });
    expect(shareFragment(longest).length).toBeLessThanOrEqual(MAX_SHARE_FRAGMENT_CHARS);
  });
  it('stay within the bound for labels that need escaping, by shortening what matters least first', () => {
    const emoji = { ...longest, label: '🖥'.repeat(60) };
    const escaped = { ...longest, label: '"<>&'.repeat(15), browser: '’'.repeat(80) };
    for (const shared of [emoji, escaped]) {
      const link = shareLinkText(PAGE, QUERY, shared);
      expect(link.length).toBeLessThanOrEqual(MAX_SHARE_LINK_CHARS);
      const reading = read(link.slice(link.indexOf('#')));
      expect(reading.kind).toBe('ok');
      // The curve survives whole; only the words (and then names) give way.
      if (reading.kind === 'ok') expect(reading.shared.curve).toEqual(curve16);
    }
    const emojiReading = read(shareFragment(emoji, MAX_SHARE_LINK_CHARS - `${PAGE}${QUERY}#`.length));
    // 60 emoji take 720 characters as a link: the words go first, then the browser's name and the label are shortened.
    expect(emojiReading).toMatchObject({ kind: 'ok', shared: { label: `${'🖥'.repeat(23)}…`, seriesWords: null, curve: curve16 } });
  });
  it('thin a long sweep to fit, keeping its 1-worker point and the point at its cores', () => {
    const wide: SharedSweep = { ...longest, reportedCores: 48, curve: Array.from({ length: 96 }, (_, index) => ({ workers: index + 1, medianMs: 60_000 / Math.min(index + 1, 48) })) };
    const link = shareLinkText(PAGE, QUERY, wide);
    expect(link.length).toBeLessThanOrEqual(MAX_SHARE_LINK_CHARS);
    const reading = read(link.slice(link.indexOf('#')));
    if (reading.kind !== 'ok') throw new Error(reading.kind);
    const workers = reading.shared.curve.map((point) => point.workers);
    expect(workers.length).toBeLessThanOrEqual(16);
    expect(workers).toContain(1);
    expect(workers).toContain(48);
    expect(workers).toContain(96);
  });
  it('find the link cut short at every position (cut inside its marker, it is no longer ours)', () => {
    const fragment = shareFragment(longest);
    for (let length = 0; length < fragment.length; length += 1) {
      const reading = read(`#${fragment.slice(0, length)}`);
      expect(reading, `cut to ${String(length)}`).toEqual(length < 'sweep='.length ? { kind: 'none' } : { kind: 'bad', sentence: DAMAGED_LINK });
    }
  });
  it('find any one character changed or missing, at every position', () => {
    const fragment = shareFragment(longest);
    const alphabet = 'a0Z9+-_,.%~';
    for (let index = 0; index < fragment.length; index += 1) {
      const missing = read(fragment.slice(0, index) + fragment.slice(index + 1));
      expect(missing.kind, `missing ${String(index)}`).not.toBe('ok');
      for (const replacement of alphabet) {
        if (replacement === fragment[index]) continue;
        const reading = read(fragment.slice(0, index) + replacement + fragment.slice(index + 1));
        const expected = index < 'sweep='.length ? 'none' : 'bad';
        expect(reading.kind, `${replacement} at ${String(index)}`).toBe(expected);
      }
    }
  });
  it('say a link from a newer page is newer, and never read it', () => {
    const newer = shareFragment(sweep).replace('sweep=1,', `sweep=${String(SHARE_VERSION + 1)},`);
    expect(read(newer)).toEqual({ kind: 'bad', sentence: NEWER_LINK });
    expect(read('#sweep=12,anything at all')).toEqual({ kind: 'bad', sentence: NEWER_LINK });
  });
  it('find garbage after the marker damaged, and never throw', () => {
    for (const hash of ['#sweep=', '#sweep=1', '#sweep=1,', '#sweep=x,1', '#sweep=0,a,1,b,,1-1,0000000', '#sweep=1,%E0%A4%A,,,,1-1,zzzzzzz']) {
      expect(read(hash), hash).toEqual({ kind: 'bad', sentence: DAMAGED_LINK });
    }
  });
  it('find a checksummed fragment that no page writes damaged', () => {
    const bodies = [
      'sweep=1,%E0%A4%A,1,b,,s,1-1',
      'sweep=1,,1,b,,s,1-1',
      'sweep=1,\u202E,1,b,,s,1-1',
      'sweep=1,%E2%80%AE%E2%81%A6,1,b,,s,1-1',
      'sweep=1,a,0,b,,s,1-1',
      'sweep=1,a,1,b,,s,2-1_1-1',
      'sweep=1,a,1,b,,s,1-1_1-2',
      'sweep=1,a,1,b,,s,',
      'sweep=1,a,1,b,,s,1-99999999999',
      'sweep=1,a,1,b,,s,1025-1',
      'sweep=1,a,1,b',
      'sweep=1,a,1,b,,s,1-1,extra',
      // The scaling: missing, unknown, or the layout before it (five fields).
      'sweep=1,a,1,b,,,1-1',
      'sweep=1,a,1,b,,x,1-1',
      'sweep=1,a,1,b,,S,1-1',
      'sweep=1,a,1,b,,strong,1-1',
      'sweep=1,a,1,b,,1-1',
      // Times and worker counts no page writes: not a number, infinite, negative, exponents, hex, a sign, too fine, too long, empty points.
      ...['1-NaN', '1-Infinity', '1--5', '1--0', '1-1e3', '1-0x10', '1-+5', '1-5.25', '1-.5', '1-5.', '1-86400000.1', '0-5', '01-5', '1.5-5', '-1-5', '+1-5', '1e1-5', '1-5_', '_1-5', '1-5__2-5', '1-5_2-5_2-6', '1-5 '].map(
        (curve) => `sweep=1,a,1,b,,s,${curve}`,
      ),
    ];
    for (const body of bodies) expect(read(withCheck(body)), body).toEqual({ kind: 'bad', sentence: DAMAGED_LINK });
    expect(read(withCheck('sweep=1,a,1,b,,s,1-1'))).toEqual({ kind: 'ok', shared: { label: 'a', reportedCores: 1, browser: 'b', seriesWords: null, curve: [{ workers: 1, medianMs: 1 }], scaling: 'strong' } });
    expect(read(withCheck('sweep=1,a,,b,,w,1-0_1024-86400000'))).toEqual({
      kind: 'ok',
      shared: { label: 'a', reportedCores: null, browser: 'b', seriesWords: null, curve: [{ workers: 1, medianMs: 0 }, { workers: 1024, medianMs: 86_400_000 }], scaling: 'weak' },
    });
  });
  it('cap what they read of a huge hash', () => {
    expect(read(`#sweep=1,${'a'.repeat(10_000_000)}`)).toEqual({ kind: 'bad', sentence: LONG_LINK });
    expect(read(`#${'x'.repeat(10_000_000)}`)).toEqual({ kind: 'none' });
  });
  it('leave a hash that is not theirs alone', () => {
    for (const hash of ['', '#', '#results-section', 'results-section', '#sweep', '#Sweep=1,a', '#/machines', '#%73weep=1']) expect(read(hash), hash).toEqual({ kind: 'none' });
  });
});

/** A body with its right checksum, as only this page (or someone who knows the format) writes it. */
const withCheck = (body: string) => `${body},${crc32(body).toString(36).padStart(7, '0')}`;

describe('the link’s sentences', () => {
  it('are one sentence each: one full stop, at the end', () => {
    for (const sentence of [DAMAGED_LINK, NEWER_LINK, LONG_LINK]) {
      expect(sentence.endsWith('.'), sentence).toBe(true);
      expect(sentence.slice(0, -1), sentence).not.toMatch(/[.!?]\s/);
    }
  });
});

describe('sharedMachine', () => {
  it('is a machine from a link, the same one however often the link is opened', () => {
    const machine = sharedMachine(sweep);
    expect(machine).toMatchObject({ source: 'link', label: 'Room 4 laptop', reportedCores: 8, measuredCores: null, browser: 'Chrome 156', curve: sweep.curve });
    expect(machine.id).toMatch(/^link-/);
    const once = read(shareFragment(sweep));
    const again = read(`#${shareFragment(sweep)}`);
    if (once.kind !== 'ok' || again.kind !== 'ok') throw new Error('unread');
    expect(sharedMachine(again.shared).id).toBe(sharedMachine(once.shared).id);
    expect(sharedMachine({ ...sweep, label: 'Room 5' }).id).not.toBe(machine.id);
    // Strong said or not is one machine; the same curve of a weak sweep is another.
    expect(sharedMachine(once.shared).scaling).toBe('strong');
    expect(sharedMachine({ ...sweep, curve: once.shared.curve }).id).toBe(sharedMachine(once.shared).id);
    const weakMachine = sharedMachine({ ...sweep, scaling: 'weak' });
    expect(weakMachine.scaling).toBe('weak');
    expect(weakMachine.id).not.toBe(machine.id);
  });
});

describe('shareLinkText', () => {
  it('puts the page, its settings and the sweep together', () => {
    expect(shareLinkText('https://x.org/', '?workers=2&count=1000', sweep)).toBe(`https://x.org/?workers=2&count=1000#${shareFragment(sweep)}`);
    expect(shareLinkText('https://x.org/', 'workers=2', sweep)).toBe(`https://x.org/?workers=2#${shareFragment(sweep)}`);
    expect(shareLinkText('https://x.org/', '', sweep)).toBe(`https://x.org/#${shareFragment(sweep)}`);
  });
});

describe('the format as the file’s comment shows it', () => {
  it('reads the example', () => {
    const example = 'sweep=1,Room+4+laptop,4,Firefox+153,counting+to+1+billion+split+over+the+workers,s,1-4012.3_2-2050_4-1210,0y167yb';
    expect(readShareFragment(example)).toMatchObject({
      kind: 'ok',
      shared: { label: 'Room 4 laptop', reportedCores: 4, scaling: 'strong', curve: [{ workers: 1, medianMs: 4012.3 }, { workers: 2, medianMs: 2050 }, { workers: 4, medianMs: 1210 }] },
    });
  });
});
