import { describe, expect, it } from 'vitest';
import { coresHere, MAX_WORKERS, maxWorkers, reportedCores } from './settings';

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
    expect(maxWorkers(512)).toBe(1024);
    expect(maxWorkers(513)).toBe(MAX_WORKERS);
    expect(maxWorkers(1e9)).toBe(MAX_WORKERS);
  });

  it('plans with the cores reported, or with 4 when the browser reports none', () => {
    expect(coresHere(12)).toEqual({ reported: 12, cores: 12, workerLimit: 24 });
    expect(coresHere(undefined)).toEqual({ reported: null, cores: 4, workerLimit: 8 });
  });

  it('plans with at most MAX_WORKERS cores, and still says what the browser reported', () => {
    expect(coresHere(4096)).toEqual({ reported: 4096, cores: MAX_WORKERS, workerLimit: MAX_WORKERS });
  });
});
