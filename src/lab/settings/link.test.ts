import { describe, expect, it } from 'vitest';
import { MAX_TOTAL } from '../measurement/split';
import { readLink, readQuery, writeLink, type LinkSettings } from './link';

const context = { cores: 4, workerLimit: 8 };
const nothing: LinkSettings = { workers: 4, count: null, model: 'parallel', task: 'cpu', present: false, kernel: null, language: 'javascript' };
const read = (search: string) => readLink(search, context);

describe('readLink: workers and count', () => {
  it('takes values in range as they are, quietly', () => {
    expect(read('?workers=2&count=1000000')).toEqual({ link: { ...nothing, workers: 2, count: 1_000_000 }, notices: [] });
    expect(read('?count=1e9').link.count).toBe(1e9);
  });

  it('keeps the defaults for a link without settings or with other parameters', () => {
    expect(read('')).toEqual({ link: nothing, notices: [] });
    expect(read('?utm_source=mail')).toEqual({ link: nothing, notices: [] });
  });

  it('clamps workers to the slider and says so', () => {
    const many = read('?workers=999');
    expect(many.link.workers).toBe(8);
    expect(many.notices).toEqual(['The link asked for 999 workers; using 8, the most this page offers.']);
    const none = read('?workers=0');
    expect(none.link.workers).toBe(1);
    expect(none.notices).toEqual(['The link asked for 0 workers; using 1, the fewest.']);
    expect(read('?workers=-3').link.workers).toBe(1);
    expect(read('?workers=123456789').notices).toEqual(['The link asked for 123,456,789 workers; using 8, the most this page offers.']);
  });

  it('starts at the cores, but never past the slider, when the link names no usable workers', () => {
    const huge = { cores: 4096, workerLimit: 1024 };
    expect(readLink('', huge).link.workers).toBe(1024);
    expect(readLink('?workers=abc', huge).link.workers).toBe(1024);
  });

  it('ignores workers that are not a whole number and says so', () => {
    for (const garbage of ['abc', '2.5', '', '1e3', '<script>']) {
      const reading = read(`?workers=${encodeURIComponent(garbage)}`);
      expect(reading.link.workers).toBe(4);
      expect(reading.notices).toEqual([`The link’s workers=“${garbage}” is not a whole number, so it was ignored.`]);
    }
  });

  it('clamps counts out of range, rounds fractions and ignores garbage, saying so each time', () => {
    expect(read('?count=5e15')).toEqual({ link: { ...nothing, count: MAX_TOTAL }, notices: ['The link asked to count to “5e15”; using 1,000,000,000,000, the most.'] });
    expect(read('?count=0')).toEqual({ link: { ...nothing, count: 1 }, notices: ['The link asked to count to “0”; using 1, the least.'] });
    expect(read('?count=10.6')).toEqual({ link: { ...nothing, count: 11 }, notices: ['The link’s count=“10.6” is not a whole number; using 11.'] });
    expect(read('?count=lots')).toEqual({ link: nothing, notices: ['The link’s count=“lots” is not a number, so it was ignored.'] });
    expect(read('?count=')).toEqual({ link: nothing, notices: ['The link’s count=“” is not a number, so it was ignored.'] });
  });

  it('quotes a long hostile value back only in part', () => {
    const reading = read(`?count=${'x'.repeat(10_000)}`);
    expect(reading.notices[0].length).toBeLessThan(120);
    expect(reading.notices[0]).toContain(`“${'x'.repeat(24)}…”`);
  });

  it('survives malformed percent-encoding', () => {
    const reading = read('?workers=%E0%A4%A&count=%');
    expect(reading.link).toEqual(nothing);
    expect(reading.notices).toHaveLength(2);
  });
});

describe('readLink: model, task, presentation mode and kernel', () => {
  it('reads the model and the task in any case, and explains a value that is not a choice', () => {
    expect(read('?model=lock&task=io')).toEqual({ link: { ...nothing, model: 'lock', task: 'io' }, notices: [] });
    expect(read('?model=%20Main-Thread%20').link.model).toBe('main-thread');
    const hostile = read('?model=<script>alert(1)</script>&task=sleep');
    expect([hostile.link.model, hostile.link.task]).toEqual(['parallel', 'cpu']);
    expect(hostile.notices).toEqual([
      'The link’s model=“<script>alert(1)</script…” is not one of parallel, lock, main-thread, so it was ignored.',
      'The link’s task=“sleep” is not one of cpu, io, so it was ignored.',
    ]);
  });

  it('turns presentation mode on or off over what was remembered, and explains what is not a switch', () => {
    expect(readLink('', context, { present: true }).link.present).toBe(true);
    expect(read('?present=1').link.present).toBe(true);
    expect(readLink('?present=off', context, { present: true }).link.present).toBe(false);
    for (const on of ['true', 'ON', 'yes']) expect(read(`?present=${on}`).link.present).toBe(true);
    const maybe = readLink('?present=maybe', context, { present: true });
    expect(maybe).toEqual({ link: { ...nothing, present: true }, notices: ['The link’s present=“maybe” is not 1 or 0, so it was ignored.'] });
  });

  it('takes kernel=js or kernel=wasm exactly, and ignores anything else without a word', () => {
    expect(read('?kernel=wasm')).toEqual({ link: { ...nothing, kernel: 'wasm' }, notices: [] });
    expect(read('?workers=2&kernel=js&count=100').link.kernel).toBe('js');
    for (const other of ['?kernel=WASM', '?kernel=', '?kernel', '?kernel=asm.js']) expect(read(other)).toEqual({ link: nothing, notices: [] });
  });

  it('reads language=python in any case, leaves JavaScript when it is absent, and explains a language it does not know', () => {
    expect(read('?language=python')).toEqual({ link: { ...nothing, language: 'python' }, notices: [] });
    expect(read('?workers=2&language=%20Python%20').link.language).toBe('python');
    expect(read('?language=javascript')).toEqual({ link: nothing, notices: [] });
    expect(read('?language=ruby')).toEqual({ link: nothing, notices: ['The link’s language=“ruby” is not one of javascript, python, so it was ignored.'] });
  });

  it('puts the notices in the order of the parameters, whatever the link’s order', () => {
    const { notices } = read('?present=x&task=y&model=z&count=w&workers=v');
    expect(notices.map((notice) => /(workers|count|model|task|present)=/.exec(notice)?.[1])).toEqual(['workers', 'count', 'model', 'task', 'present']);
  });
});

describe('the links the tests, the bench and the README open', () => {
  it('read as they did before the link had its own module', () => {
    const cases: [string, Partial<LinkSettings>, string[]][] = [
      ['?workers=2&count=20000000', { workers: 2, count: 20_000_000 }, []],
      ['?workers=1', { workers: 1 }, []],
      ['?workers=2&count=1e8&model=lock&task=io', { workers: 2, count: 1e8, model: 'lock', task: 'io' }, []],
      ['?present=1&workers=2&count=20000000', { workers: 2, count: 20_000_000, present: true }, []],
      ['?present=0', {}, []],
      ['?kernel=wasm&model=main-thread', { kernel: 'wasm', model: 'main-thread' }, []],
      ['?workers=999&count=abc', { workers: 8 }, ['The link asked for 999 workers; using 8, the most this page offers.', 'The link’s count=“abc” is not a number, so it was ignored.']],
      ['?workers=999&count=lots%3Cb%3E', { workers: 8 }, ['The link asked for 999 workers; using 8, the most this page offers.', 'The link’s count=“lots<b>” is not a number, so it was ignored.']],
    ];
    for (const [search, link, notices] of cases) expect(read(search), search).toEqual({ link: { ...nothing, ...link }, notices });
  });
});

describe('writeLink', () => {
  it('writes workers and count, and the rest only when they are not the defaults', () => {
    expect(writeLink({ ...nothing, workers: 3, count: 123_456_789 })).toBe('?workers=3&count=123456789');
    expect(writeLink({ workers: 2, count: 1e9, model: 'main-thread', task: 'io', present: true, kernel: 'wasm', language: 'javascript' })).toBe(
      '?workers=2&count=1000000000&model=main-thread&task=io&present=1&kernel=wasm',
    );
  });

  it('writes language=python, and nothing for JavaScript, so the lesson’s first links stay as they were', () => {
    expect(writeLink({ ...nothing, workers: 2, count: 1000, language: 'python' })).toBe('?workers=2&count=1000&language=python');
    expect(writeLink({ ...nothing, workers: 2, count: 1000, model: 'lock', language: 'python', present: true })).toBe('?workers=2&count=1000&model=lock&language=python&present=1');
    expect(writeLink({ ...nothing, workers: 2, count: 1000 })).not.toContain('language');
  });

  it('writes a link that reads back the same, quietly', () => {
    const every: LinkSettings[] = [
      { ...nothing, workers: 3, count: 123_456_789 },
      { workers: 8, count: MAX_TOTAL, model: 'lock', task: 'io', present: true, kernel: 'js', language: 'javascript' },
      { workers: 1, count: 1, model: 'main-thread', task: 'cpu', present: false, kernel: 'wasm', language: 'javascript' },
      { workers: 2, count: 1000, model: 'parallel', task: 'cpu', present: false, kernel: null, language: 'python' },
    ];
    for (const link of every) {
      const { count } = link;
      if (count === null) throw new Error('A link to write has a count.');
      expect(read(writeLink({ ...link, count }))).toEqual({ link, notices: [] });
    }
  });
});

describe('readQuery', () => {
  it('takes the first value of each parameter and decodes it', () => {
    const query = readQuery('?workers=2&count=1%2C000&workers=9&flag&a+b=c+d');
    expect(query.get('workers')).toBe('2');
    expect(query.get('count')).toBe('1,000');
    expect(query.get('flag')).toBe('');
    expect(query.get('a b')).toBe('c d');
  });

  it('keeps malformed percent-encoding as it stands', () => {
    expect(readQuery('count=%E0%A4%A').get('count')).toBe('%E0%A4%A');
  });
});
