import { describe, expect, it } from 'vitest';
import { settingsFromLink, settingsLink, settingsReducer, type PageSettings } from './pageSettings';

const context = { cores: 2, workerLimit: 8 };

describe('settingsFromLink', () => {
  it('starts from the cores and the calibration when the link says nothing', () => {
    expect(settingsFromLink('', context)).toEqual({
      settings: { workers: 2, chosenCount: null, workerCountsText: '1-8', repeatsText: '3', scaling: 'strong', workerKind: 'fresh' },
      notices: [],
    });
  });

  it('takes the link’s workers and count, and says what it changed', () => {
    const { settings, notices } = settingsFromLink('?workers=99&count=2e9', context);
    expect(settings.workers).toBe(8);
    expect(settings.chosenCount).toBe('2000000000');
    expect(notices).toEqual(['The link asked for 99 workers; using 8, the most this page offers.']);
  });

  it('keeps the calibration in charge when the link’s count is garbage', () => {
    const { settings, notices } = settingsFromLink('?count=lots', context);
    expect(settings.chosenCount).toBeNull();
    expect(notices).toHaveLength(1);
  });
});

describe('settingsReducer', () => {
  const reduce = settingsReducer(8);
  const start: PageSettings = settingsFromLink('', context).settings;

  it('keeps the worker count a whole number on the slider', () => {
    expect(reduce(start, { type: 'workers', workers: 5 }).workers).toBe(5);
    expect(reduce(start, { type: 'workers', workers: 40 }).workers).toBe(8);
    expect(reduce(start, { type: 'workers', workers: 0 }).workers).toBe(1);
    expect(reduce(start, { type: 'workers', workers: 2.6 }).workers).toBe(3);
    expect(reduce(start, { type: 'workers', workers: Number.NaN })).toBe(start);
    expect(reduce(start, { type: 'workers', workers: 2 })).toBe(start);
  });

  it('keeps what was typed, mistakes included, for the fields to explain', () => {
    const typed = [
      { type: 'count', text: '1e9x' },
      { type: 'worker-counts', text: '1, 2, 99' },
      { type: 'repeats', text: 'many' },
      { type: 'scaling', scaling: 'weak' },
      { type: 'worker-kind', workerKind: 'pool' },
    ] as const;
    const state = typed.reduce(reduce, start);
    expect(state).toEqual({ workers: 2, chosenCount: '1e9x', workerCountsText: '1, 2, 99', repeatsText: 'many', scaling: 'weak', workerKind: 'pool' });
  });
});

describe('settingsLink', () => {
  it('writes a link that reads back to the same settings', () => {
    const state = settingsReducer(8)(settingsFromLink('', context).settings, { type: 'workers', workers: 6 });
    const link = settingsLink(state, 3e9);
    expect(link).toBe('?workers=6&count=3000000000');
    const back = settingsFromLink(link ?? '', context);
    expect(back.settings.workers).toBe(6);
    expect(back.settings.chosenCount).toBe('3000000000');
    expect(back.notices).toEqual([]);
  });

  it('writes nothing while the count cannot run', () => {
    expect(settingsLink(settingsFromLink('', context).settings, null)).toBeNull();
  });
});
