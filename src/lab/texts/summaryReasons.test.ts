import { describe, expect, it } from 'vitest';
import type { TimeModel } from '../measurement/model';
import { coresLineInWords, gainInWords, idealInWords, measuredCoresWords, plannedCoresInWords, startUpAgreement } from './summaryReasons';

const fit = (perWorkerMs: number): TimeModel => ({ serialMs: 10, perWorkerMs, workMs: 1000, cores: 2, rmsMs: 5, scaling: 'strong', atOnce: 'up-to-cores' });

describe('startUpAgreement', () => {
  it('gives the fit’s cost each where the fit and the measured start-up are within a factor of 2, both at least 1 ms', () => {
    expect(startUpAgreement(fit(18), 12, 'parallel')).toEqual({ kind: 'costly', msEach: 18 });
    expect(startUpAgreement(fit(18), 9, 'parallel')).toEqual({ kind: 'costly', msEach: 18 });
    expect(startUpAgreement(fit(18), 8.9, 'parallel')).toBeNull();
    expect(startUpAgreement(fit(4), 9, 'lock')).toBeNull();
  });

  it('calls starting free only where both are under 1 ms', () => {
    expect(startUpAgreement(fit(0), 0.4, 'parallel')).toEqual({ kind: 'free' });
    expect(startUpAgreement(fit(0), 2, 'parallel')).toBeNull();
    expect(startUpAgreement(fit(2), 0.4, 'parallel')).toBeNull();
  });

  it('says nothing without a fit, a measured start-up, or workers', () => {
    expect(startUpAgreement(null, 12, 'parallel')).toBeNull();
    expect(startUpAgreement(fit(12), null, 'parallel')).toBeNull();
    expect(startUpAgreement(fit(12), 12, 'main-thread')).toBeNull();
  });
});

describe('measuredCoresWords', () => {
  it('says nothing where workers in parallel count, or before any run', () => {
    expect(measuredCoresWords({ model: 'parallel', task: 'cpu', frozen: false }, true)).toBeNull();
    expect(measuredCoresWords(null, false)).toBeNull();
  });

  it('says why other kinds of run do not measure the cores, and where the number comes from', () => {
    expect(measuredCoresWords({ model: 'lock', task: 'cpu', frozen: false }, false)).toBe(
      'not measured: runs under one lock do not measure them, since one worker counts at a time. A sweep of workers in parallel that count measures them',
    );
    expect(measuredCoresWords({ model: 'main-thread', task: 'cpu', frozen: true }, false)).toMatch(/^not measured: runs on the main thread do not measure them, since one thread counts every task\./);
    expect(measuredCoresWords({ model: 'parallel', task: 'io', frozen: false }, true)).toBe(
      'from the latest runs of workers in parallel that count: waiting runs do not measure them, since a wait needs no core',
    );
  });
});

describe('idealInWords', () => {
  it('says what the ideal speed-up is for each model and task', () => {
    expect(idealInWords(null, 2, 2)).toBe('which grows with the workers up to the 2 cores and stays flat after');
    expect(idealInWords({ model: 'parallel', task: 'cpu', frozen: false }, 4, 4)).toBe('which grows with the workers up to the 4 cores and stays flat after');
    expect(idealInWords({ model: 'lock', task: 'cpu', frozen: false }, 2, 2)).toBe('which stays at 1×: one worker holds the lock at a time, whatever the cores');
    expect(idealInWords({ model: 'main-thread', task: 'cpu', frozen: false }, 2, 2)).toBe('which stays at 1×: one thread counts every task, whatever the cores');
    expect(idealInWords({ model: 'main-thread', task: 'io', frozen: false }, 2, 2)).toBe('which grows with every task, beyond the 2 cores: a wait needs no core');
  });

  it('says one core as one', () => {
    expect(idealInWords(null, 1, 1)).toBe('which grows with the workers up to the 1 core and stays flat after');
    expect(idealInWords({ model: 'parallel', task: 'io', frozen: false }, 1, 1)).toBe('which grows with every worker, beyond the 1 core: a wait needs no core');
  });
});

describe('gainInWords', () => {
  it('never calls a slower run faster', () => {
    expect(gainInWords(1.84, 'strong', 'parallel')).toBe('1.8× faster than 1');
    expect(gainInWords(0.91, 'strong', 'parallel')).toBe('0.9× the speed of 1');
    expect(gainInWords(0.91, 'weak', 'main-thread')).toBe('0.9× the work per second of 1 task');
  });
});

describe('cores the browser reports, or assumed', () => {
  it('says the cores as reported, or as assumed when the browser reports none', () => {
    expect(plannedCoresInWords(2, 2)).toBe('2 cores');
    expect(plannedCoresInWords(1, 1)).toBe('1 core');
    expect(plannedCoresInWords(4, null)).toBe('4 cores assumed (the browser reports no core count)');
    expect(plannedCoresInWords(512, 1024)).toBe('512 cores planned for (the browser reports 1024)');
    expect(idealInWords(null, 4, null)).toBe('which grows with the workers up to the 4 cores assumed (the browser reports no core count) and stays flat after');
    expect(idealInWords({ model: 'parallel', task: 'io', frozen: false }, 4, null)).toBe(
      'which grows with every worker, beyond the 4 cores assumed (the browser reports no core count): a wait needs no core',
    );
  });

  it('names what the cores line marks: the cores this browser reports, or those assumed', () => {
    expect(coresLineInWords(2, 2)).toBe('the 2 cores this browser reports');
    expect(coresLineInWords(1, 1)).toBe('the 1 core this browser reports');
    expect(coresLineInWords(4, null)).toBe('the 4 cores assumed, since this browser reports no core count');
  });
});
