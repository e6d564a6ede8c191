import { describe, expect, it } from 'vitest';
import { readCount } from '../measurement/count';
import { MAX_TOTAL } from '../measurement/split';
import { MAX_WORKERS } from '../settings/settings';
import type { LessonSettings } from './lessonCode';
import { LESSON_TOTAL, lessonCountLabel, lessonTimesInWords, lessonCountSetting, LONG_PROGRAM_SECONDS, longProgramWarning, pythonRunSeconds, roughDuration } from './pythonTime';
import type { ExecutionModel, Scaling, TaskKind } from '../types';

const MODELS: readonly ExecutionModel[] = ['parallel', 'lock', 'main-thread'];
const TASKS: readonly TaskKind[] = ['cpu', 'io'];

const counting = (model: ExecutionModel, workers: number, total: number): LessonSettings => ({ model, task: 'cpu', workers, total, waitMs: 0 });
const waiting = (model: ExecutionModel, workers: number, waitMs: number): LessonSettings => ({ model, task: 'io', workers, total: 0, waitMs });

describe('pythonRunSeconds', () => {
  it("counts at the lesson's speed, 56.7 s for 1 billion on one process", () => {
    expect(pythonRunSeconds(counting('parallel', 4, LESSON_TOTAL))).toBeCloseTo(56.7, 9);
    expect(pythonRunSeconds(counting('lock', 2, 1e10))).toBeCloseTo(567, 9);
    expect(pythonRunSeconds(counting('main-thread', 1, 2e9))).toBeCloseTo(113.4, 9);
  });

  it('waits one wait: the waits overlap in every model', () => {
    for (const model of MODELS) expect(pythonRunSeconds(waiting(model, 8, 90_000))).toBe(90);
  });
});

describe('lessonTimesInWords', () => {
  it("says the lesson's four figures as the Explainer and the Python program write them", () => {
    expect(lessonTimesInWords()).toBe('56.7 s with 1 process, 40.3 s with 2, 27.3 s with 4 and 30 s with 8');
  });
});

describe('roughDuration', () => {
  it('says a long time as a person says it', () => {
    expect(roughDuration(0.4)).toBe('under a second');
    expect(roughDuration(1)).toBe('about 1 second');
    expect(roughDuration(61)).toBe('about 61 seconds');
    expect(roughDuration(89.4)).toBe('about 89 seconds');
    expect(roughDuration(90)).toBe('about 2 minutes');
    // Issue 15: the default 10 billion, "about 9 minutes at the lesson's speed".
    expect(roughDuration(567)).toBe('about 9 minutes');
    expect(roughDuration(89 * 60)).toBe('about 89 minutes');
    expect(roughDuration(5670)).toBe('about 1.6 hours');
    expect(roughDuration(15 * 3600 + 100)).toBe('about 15 hours');
    expect(roughDuration(56_700)).toBe('about 16 hours');
    expect(roughDuration(MAX_TOTAL * MAX_WORKERS * 56.7e-9)).toBe('about 672 days');
  });
});

describe('longProgramWarning', () => {
  it('says nothing up to about a minute: the lesson’s own count, a small one, a short wait', () => {
    for (const model of MODELS) {
      for (const workers of [1, 2, 8]) {
        expect(longProgramWarning(counting(model, workers, LESSON_TOTAL))).toBeNull();
        expect(longProgramWarning(counting(model, workers, 20_000))).toBeNull();
        expect(longProgramWarning(waiting(model, workers, LONG_PROGRAM_SECONDS * 1000))).toBeNull();
      }
    }
  });

  it('says how long processes would count, on one process and at best on free cores (issue 15: 10 billion, about 9 minutes)', () => {
    expect(longProgramWarning(counting('parallel', 2, 1e10))).toBe(
      'At the lesson’s speed (1 billion counts in 56.7 s on one process), counting to 10 billion takes about 9 minutes on one process, and at best about 5 minutes with this program’s 2 processes on 2 free cores.',
    );
    expect(longProgramWarning(counting('parallel', 1, 1e10))).toBe(
      'At the lesson’s speed (1 billion counts in 56.7 s on one process), this program would take about 9 minutes to count to 10 billion.',
    );
    expect(longProgramWarning(counting('parallel', MAX_WORKERS, 2e9))).toBe(
      'At the lesson’s speed (1 billion counts in 56.7 s on one process), counting to 2 billion takes about 2 minutes on one process, and at best under a second with this program’s 1024 processes on 1024 free cores.',
    );
  });

  it('says that threads and asyncio tasks take turns, so they take as long as one', () => {
    expect(longProgramWarning(counting('lock', 4, 1e10))).toBe(
      'At the lesson’s speed (1 billion counts in 56.7 s on one process), this program would take about 9 minutes to count to 10 billion: its 4 threads take turns under the GIL, no faster than one.',
    );
    expect(longProgramWarning(counting('main-thread', 3, 1e11))).toBe(
      'At the lesson’s speed (1 billion counts in 56.7 s on one process), this program would take about 1.6 hours to count to 100 billion: its 3 asyncio tasks take turns on one thread, no faster than one.',
    );
  });

  it('says how long a long wait lasts: the waits overlap', () => {
    expect(longProgramWarning(waiting('parallel', 2, 300_000))).toBe('This program would wait about 5 minutes: its 2 processes each wait 300 s, all at the same time.');
    expect(longProgramWarning(waiting('lock', 1, 90_400))).toBe('This program would wait about 2 minutes.');
  });

  it('writes every number in it as a person does, for every model, task and setting', () => {
    for (const model of MODELS) {
      for (const task of TASKS) {
        for (const workers of [1, 2, 3, 7, MAX_WORKERS]) {
          for (const total of [1e10, 1e10 + 7, 123_456_789_012, MAX_TOTAL, MAX_TOTAL * MAX_WORKERS]) {
            const sentence = longProgramWarning({ model, task, workers, total, waitMs: Math.min(3_600_000, total / 1e4) + 61_000.3 });
            expect(sentence, `${model} ${task} ${String(workers)} ${String(total)}`).toMatch(/^[A-Z].*\.$/);
            // No float noise, no exponent, at most 3 decimals, long numbers grouped.
            expect(sentence).not.toMatch(/\d\.\d{4,}|\de[+-]?\d|(?<![\d,_])\d{5,}|NaN|Infinity|undefined/);
          }
        }
      }
    }
  });
});

describe("the lesson's count", () => {
  it('puts 1 billion in a split total, or its nearest share for each worker', () => {
    expect(lessonCountSetting('strong', 7)).toBe(1e9);
    expect(lessonCountSetting('weak', 4)).toBe(250_000_000);
    expect(lessonCountSetting('weak', 3)).toBe(333_333_333);
    expect(lessonCountSetting('weak', 1)).toBe(1e9);
  });

  it('gives a Python program that counts about the lesson’s count, and then says nothing', () => {
    for (const scaling of ['strong', 'weak'] as const satisfies readonly Scaling[]) {
      for (const workers of [1, 2, 3, 7, 8, MAX_WORKERS]) {
        const count = lessonCountSetting(scaling, workers);
        const total = scaling === 'weak' ? count * workers : count;
        expect(Math.abs(total - LESSON_TOTAL) / LESSON_TOTAL).toBeLessThan(0.001);
        // The page reads the count back as it puts it into the field.
        expect(readCount(String(count))).toEqual({ kind: 'ok', value: count });
        for (const model of MODELS) expect(longProgramWarning(counting(model, workers, total))).toBeNull();
      }
    }
  });

  it('names what it puts in', () => {
    expect(lessonCountLabel('strong', 2)).toBe('Use the lesson’s count (1 billion)');
    expect(lessonCountLabel('weak', 1)).toBe('Use the lesson’s count (1 billion)');
    expect(lessonCountLabel('weak', 4)).toBe('Use the lesson’s count (1 billion in all, 250 million for each worker)');
    expect(lessonCountLabel('weak', 3)).toBe('Use the lesson’s count (about 1 billion in all, about 333 million for each worker)');
  });
});
