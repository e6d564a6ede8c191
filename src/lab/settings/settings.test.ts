import { describe, expect, it } from 'vitest';
import { MAX_TOTAL } from '../measurement/split';
import { maxWorkers, readLink, readQuery, reportedCores, writeLink, type LabSettings } from './settings';

const defaults: LabSettings = { workers: 4, total: 10_000_000_000 };

describe('cores and the slider', () => {
  it('takes what the browser reports when it is a whole number of cores', () => {
    expect(reportedCores(8)).toBe(8);
    expect(reportedCores(undefined)).toBeNull();
    expect(reportedCores(0)).toBeNull();
    expect(reportedCores(2.5)).toBeNull();
    expect(reportedCores('4')).toBeNull();
  });

  it('lets the slider reach twice the cores, and at least 8', () => {
    expect(maxWorkers(2)).toBe(8);
    expect(maxWorkers(4)).toBe(8);
    expect(maxWorkers(12)).toBe(24);
  });
});

describe('readLink', () => {
  it('takes values in range as they are, quietly', () => {
    expect(readLink('?workers=2&count=1000000', defaults, 8)).toEqual({
      settings: { workers: 2, total: 1_000_000 },
      notices: [],
    });
    expect(readLink('?count=1e9', defaults, 8).settings.total).toBe(1e9);
  });

  it('keeps the defaults for a link without settings or with other parameters', () => {
    expect(readLink('', defaults, 8)).toEqual({ settings: defaults, notices: [] });
    expect(readLink('?utm_source=mail', defaults, 8)).toEqual({ settings: defaults, notices: [] });
  });

  it('clamps workers to the slider and says so', () => {
    const many = readLink('?workers=999', defaults, 8);
    expect(many.settings.workers).toBe(8);
    expect(many.notices).toEqual(['The link asked for 999 workers; using 8, the most this page offers.']);
    const none = readLink('?workers=0', defaults, 8);
    expect(none.settings.workers).toBe(1);
    expect(none.notices[0]).toContain('using 1');
    expect(readLink('?workers=-3', defaults, 8).settings.workers).toBe(1);
  });

  it('ignores workers that are not a whole number and says so', () => {
    for (const garbage of ['abc', '2.5', '', '1e3', '<script>']) {
      const reading = readLink(`?workers=${encodeURIComponent(garbage)}`, defaults, 8);
      expect(reading.settings.workers).toBe(4);
      expect(reading.notices).toHaveLength(1);
      expect(reading.notices[0]).toContain('ignored');
    }
  });

  it('clamps counts out of range, rounds fractions and ignores garbage, saying so each time', () => {
    expect(readLink('?count=5e15', defaults, 8).settings.total).toBe(MAX_TOTAL);
    expect(readLink('?count=0', defaults, 8).settings.total).toBe(1);
    expect(readLink('?count=10.6', defaults, 8).settings.total).toBe(11);
    const garbage = readLink('?count=lots', defaults, 8);
    expect(garbage.settings.total).toBe(defaults.total);
    for (const search of ['?count=5e15', '?count=0', '?count=10.6', '?count=lots']) {
      expect(readLink(search, defaults, 8).notices).toHaveLength(1);
    }
  });

  it('quotes a long hostile value back only in part', () => {
    const reading = readLink(`?count=${'x'.repeat(10_000)}`, defaults, 8);
    expect(reading.notices[0].length).toBeLessThan(120);
  });

  it('survives malformed percent-encoding', () => {
    const reading = readLink('?workers=%E0%A4%A&count=%', defaults, 8);
    expect(reading.settings).toEqual(defaults);
    expect(reading.notices).toHaveLength(2);
  });

  it('writes a link that reads back the same', () => {
    const settings = { workers: 3, total: 123_456_789 };
    expect(writeLink(settings)).toBe('?workers=3&count=123456789');
    expect(readLink(writeLink(settings), defaults, 8)).toEqual({ settings, notices: [] });
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
