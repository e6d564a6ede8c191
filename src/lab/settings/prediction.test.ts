import { describe, expect, it } from 'vitest';
import { errorText, MAX_PREDICTIONS, PREDICTION_RIGHT_WITHIN, predictionAnswer, predictionError, predictionFor, readPrediction } from './prediction';

describe('readPrediction', () => {
  it('reads nothing, one time, or one time per worker count', () => {
    expect(readPrediction('  ', 8)).toEqual({ kind: 'none' });
    expect(readPrediction('3000', 8)).toEqual({ kind: 'one', ms: 3000 });
    expect(readPrediction('3,000', 8)).toEqual({ kind: 'one', ms: 3000 });
    expect(readPrediction('2.5 s', 8)).toEqual({ kind: 'one', ms: 2500 });
    expect(readPrediction('1200 ms', 8)).toEqual({ kind: 'one', ms: 1200 });
    const reading = readPrediction('1: 3000, 2: 1600, 4: 900', 8);
    expect(reading.kind === 'per-workers' ? [...reading.byWorkers] : reading).toEqual([
      [1, 3000],
      [2, 1600],
      [4, 900],
    ]);
  });

  it('takes semicolons, "=", spaces and thousands separators in a list', () => {
    const reading = readPrediction('1 = 3,000; 2:1 600;8: 2 s', 8);
    expect(reading.kind === 'per-workers' ? [...reading.byWorkers] : reading).toEqual([
      [1, 3000],
      [2, 1600],
      [8, 2000],
    ]);
  });

  it.each([
    ['soon', '“soon” is not a time in milliseconds. Type one, like 3000, or one per worker count, like 1: 3000, 2: 1600.'],
    ['0', 'A prediction must be more than 0 ms.'],
    ['-5', '“-5” is not a time in milliseconds. Type one, like 3000, or one per worker count, like 1: 3000, 2: 1600.'],
    ['1e99', '“1e99” is not a time in milliseconds. Type one, like 3000, or one per worker count, like 1: 3000, 2: 1600.'],
    ['99999999999', 'A prediction must be at most 86,400,000 ms (a day).'],
    ['1: 3000, 2: fast', '“2: fast” is not “workers: milliseconds”, like 2: 1600.'],
    ['1: 3000, 9: 500', '9 workers is outside 1 to 8, the slider’s range.'],
    ['0: 3000', '0 workers is outside 1 to 8, the slider’s range.'],
    ['2: 1600, 2: 1500', '2 workers has two predictions; keep one.'],
  ])('says what is wrong with %s', (text, problem) => {
    expect(readPrediction(text, 8)).toEqual({ kind: 'bad', problem });
  });

  it('refuses a list longer than the most worker counts', () => {
    const text = Array.from({ length: MAX_PREDICTIONS + 1 }, (_, index) => `${String(index + 1)}: 100`).join(', ');
    expect(readPrediction(text, 999)).toEqual({ kind: 'bad', problem: `That is ${String(MAX_PREDICTIONS + 1)} predictions; the most is ${String(MAX_PREDICTIONS)}.` });
  });

  it('quotes a hostile text shortened', () => {
    const reading = readPrediction('x'.repeat(500), 8);
    expect(reading.kind === 'bad' && reading.problem.startsWith(`“${'x'.repeat(20)}…”`)).toBe(true);
  });
});

describe('predictionFor', () => {
  it('gives one number to the slider’s worker count only, and a list’s entry to its count', () => {
    const one = readPrediction('3000', 8);
    expect(predictionFor(one, 2, 2)).toBe(3000);
    expect(predictionFor(one, 4, 2)).toBeNull();
    const list = readPrediction('1: 3000, 2: 1600', 8);
    expect(predictionFor(list, 2, 1)).toBe(1600);
    expect(predictionFor(list, 4, 4)).toBeNull();
    expect(predictionFor({ kind: 'none' }, 1, 1)).toBeNull();
  });
});

describe('predictionError and errorText', () => {
  it('is the measurement’s distance from the prediction, as a share of the prediction', () => {
    expect(predictionError(1000, 1250)).toBe(0.25);
    expect(predictionError(1600, 1472)).toBeCloseTo(-0.08);
    expect(errorText(predictionError(1000, 1250))).toBe('+25%');
    expect(errorText(predictionError(1600, 1472))).toBe('−8%');
    expect(errorText(predictionError(1000, 1004))).toBe('0%');
    expect(errorText(predictionError(100, 2100))).toBe('+2,000%');
  });

  it('has none without a usable prediction or time', () => {
    expect(predictionError(0, 100)).toBeNull();
    expect(predictionError(100, Number.NaN)).toBeNull();
    expect(errorText(null)).toBe('');
  });
});

describe('predictionAnswer', () => {
  it('answers a prediction in the run’s sentence: how far off, and which way', () => {
    expect(predictionAnswer(500, 683)).toBe('You predicted 500 ms; it took 683 ms, 37% longer.');
    expect(predictionAnswer(500, 365)).toBe('You predicted 500 ms; it took 365 ms, 27% shorter.');
    expect(predictionAnswer(3000, 1499.6)).toBe('You predicted 3,000 ms; it took 1,500 ms, 50% shorter.');
    expect(predictionAnswer(100, 1600)).toBe('You predicted 100 ms; it took 1,600 ms, 1,500% longer.');
    expect(predictionAnswer(100_000, 1000)).toBe('You predicted 100,000 ms; it took 1,000 ms, 99% shorter.');
    // Rounded to 100% shorter, it would say the run took no time.
    expect(predictionAnswer(100_000, 499)).toBe('You predicted 100,000 ms; it took 499 ms, under 1% of the prediction.');
    expect(predictionAnswer(100_000, 30)).toBe('You predicted 100,000 ms; it took 30 ms, under 1% of the prediction.');
  });

  it('calls a prediction within 5% right, and only then', () => {
    expect(PREDICTION_RIGHT_WITHIN).toBe(0.05);
    expect(predictionAnswer(500, 500)).toBe('You predicted 500 ms; it took 500 ms: right within 5%.');
    expect(predictionAnswer(500, 522)).toBe('You predicted 500 ms; it took 522 ms: right within 5%.');
    expect(predictionAnswer(500, 478)).toBe('You predicted 500 ms; it took 478 ms: right within 5%.');
    expect(predictionAnswer(500, 525)).toBe('You predicted 500 ms; it took 525 ms, 5% longer.');
    expect(predictionAnswer(500, 475)).toBe('You predicted 500 ms; it took 475 ms, 5% shorter.');
    // Rounded as the Error column rounds: −4.6% there reads −5%, so not "right" here.
    expect(errorText(predictionError(1000, 954))).toBe('−5%');
    expect(predictionAnswer(1000, 954)).toBe('You predicted 1,000 ms; it took 954 ms, 5% shorter.');
    expect(predictionAnswer(1000, 955)).toBe('You predicted 1,000 ms; it took 955 ms: right within 5%.');
  });

  it('has nothing to say without a usable prediction or time', () => {
    expect(predictionAnswer(0, 500)).toBeNull();
    expect(predictionAnswer(500, Number.NaN)).toBeNull();
    expect(predictionAnswer(500, -1)).toBeNull();
  });
});
