import { describe, expect, it } from 'vitest';
import { settingsFromLink, settingsLink, settingsReducer, type PageSettings } from './pageSettings';
import { coresHere, MAX_WORKERS } from './settings';
import { readWorkerCounts } from './sweep';

const context = { cores: 2, workerLimit: 8 };

describe('settingsFromLink', () => {
  it('starts from the cores and the calibration when the link says nothing', () => {
    expect(settingsFromLink('', context)).toEqual({
      settings: {
        workers: 2,
        chosenCount: null,
        workerCountsText: '1-8',
        repeatsText: '3',
        scaling: 'strong',
        workerReuse: 'fresh',
        model: 'parallel',
        task: 'cpu',
        freeze: false,
        quiet: false,
        predictionText: '',
        present: false,
        kernel: null,
        language: 'javascript',
      },
      notices: [],
    });
  });

  it('takes the link’s workers and count, and says what it changed', () => {
    const { settings, notices } = settingsFromLink('?workers=99&count=2e9', context);
    expect(settings.workers).toBe(8);
    expect(settings.chosenCount).toBe('2000000000');
    expect(notices).toEqual(['The link asked for 99 workers; using 8, the most this page offers.']);
  });

  it('starts no more workers than the slider offers on a browser reporting thousands of cores, in a run or a sweep', () => {
    const here = coresHere(4096);
    const { settings } = settingsFromLink('', here);
    expect(settings.workers).toBe(MAX_WORKERS);
    const counts = readWorkerCounts(settings.workerCountsText, here.workerLimit);
    expect(counts.ok && Math.max(...counts.value)).toBe(MAX_WORKERS);
    // A sweep of a few chosen counts (powers of two, the cores, the top), not of 1,024 counts.
    expect(counts.ok && counts.value.length).toBe(11);
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
      { type: 'worker-reuse', workerReuse: 'pool' },
    ] as const;
    const state = typed.reduce(reduce, start);
    expect(state).toMatchObject({ workers: 2, chosenCount: '1e9x', workerCountsText: '1, 2, 99', repeatsText: 'many', scaling: 'weak', workerReuse: 'pool' });
  });

  it('takes a model and a task from the choices there are, and nothing else', () => {
    const locked = reduce(reduce(start, { type: 'model', model: 'lock' }), { type: 'task', task: 'io' });
    expect([locked.model, locked.task]).toEqual(['lock', 'io']);
    expect(reduce(locked, { type: 'model', model: 'gil' as never })).toBe(locked);
    expect(reduce(locked, { type: 'freeze', freeze: true }).freeze).toBe(true);
  });
});

describe('the model, the task and the kernel in a link', () => {
  it('are read into the settings, with the link’s notices', () => {
    expect(settingsFromLink('?model=lock&task=io&kernel=wasm', context)).toMatchObject({ settings: { model: 'lock', task: 'io', kernel: 'wasm' }, notices: [] });
    expect(settingsFromLink('?task=sleep', context).notices).toEqual(['The link’s task=“sleep” is not one of cpu, io, so it was ignored.']);
  });

  it('are written only when they are not the defaults, and read back', () => {
    const reduce = settingsReducer(8);
    const start = settingsFromLink('', context).settings;
    expect(settingsLink(start, 1e9)).toBe('?workers=2&count=1000000000');
    const chosen = reduce(reduce(start, { type: 'model', model: 'main-thread' }), { type: 'task', task: 'io' });
    const link = settingsLink(chosen, 1e9) ?? '';
    expect(link).toBe('?workers=2&count=1000000000&model=main-thread&task=io');
    expect(settingsFromLink(link, context).settings).toMatchObject({ model: 'main-thread', task: 'io' });
  });

  it('keep the link’s kernel in the address bar, so that a reload counts with the same loop', () => {
    const opened = settingsFromLink('?kernel=js&workers=3&count=5000000', context).settings;
    expect(settingsLink(opened, 5e6)).toBe('?workers=3&count=5000000&kernel=js');
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

describe('presentation mode', () => {
  it('is remembered, and a link turns it on or off over what was remembered', () => {
    expect(settingsFromLink('', context).settings.present).toBe(false);
    expect(settingsFromLink('', context, { present: true }).settings.present).toBe(true);
    expect(settingsFromLink('?present=off', context, { present: true }).settings.present).toBe(false);
  });

  it('goes into the link only when on', () => {
    const start = settingsFromLink('', context).settings;
    const on = settingsReducer(8)(start, { type: 'present', present: true });
    expect(settingsLink(start, 1e9)).toBe('?workers=2&count=1000000000');
    expect(settingsLink(on, 1e9)).toBe('?workers=2&count=1000000000&present=1');
    expect(settingsReducer(8)(on, { type: 'present', present: true })).toBe(on);
  });
});

describe('the kernel language', () => {
  it('is JavaScript unless the link says language=python, and a language it does not know gets one sentence', () => {
    expect(settingsFromLink('', context).settings.language).toBe('javascript');
    expect(settingsFromLink('?language=python', context)).toMatchObject({ settings: { language: 'python' }, notices: [] });
    expect(settingsFromLink('?language=perl', context)).toMatchObject({
      settings: { language: 'javascript' },
      notices: ['The link’s language=“perl” is not one of javascript, python, so it was ignored.'],
    });
  });

  it('changes with its choice, ignores what is not a language, and goes into the link only for Python', () => {
    const reduce = settingsReducer(8);
    const start = settingsFromLink('', context).settings;
    const python = reduce(start, { type: 'language', language: 'python' });
    expect(python.language).toBe('python');
    expect(reduce(python, { type: 'language', language: 'python' })).toBe(python);
    expect(reduce(python, { type: 'language', language: 'ruby' as never })).toBe(python);
    expect(settingsLink(python, 1e6)).toBe('?workers=2&count=1000000&language=python');
    expect(settingsLink(reduce(python, { type: 'language', language: 'javascript' }), 1e6)).toBe('?workers=2&count=1000000');
    expect(settingsFromLink(settingsLink(python, 1e6) ?? '', context).settings.language).toBe('python');
  });
});
