import { describe, expect, it } from 'vitest';
import { CounterService } from './counterService';
import { immediateScheduler } from './inThreadCounter';

describe('CounterService', () => {
  it('gets ready and counts its share exactly', async () => {
    const service = new CounterService(immediateScheduler);
    await service.ready();
    expect(await service.count(5_000_001)).toBe(5_000_001);
    expect(await service.count(0)).toBe(0);
  });

  it('reports progress that only grows and never passes the share', async () => {
    const service = new CounterService(immediateScheduler);
    const reports: number[] = [];
    const share = 3e8;
    expect(await service.count(share, (counted) => reports.push(counted))).toBe(share);
    for (let index = 1; index < reports.length; index += 1) expect(reports[index]).toBeGreaterThan(reports[index - 1]);
    for (const report of reports) expect(report).toBeLessThanOrEqual(share);
  });

  it('ends a count early when asked to stop, with what it had counted', async () => {
    const service = new CounterService(immediateScheduler);
    const counting = service.count(1e12);
    setTimeout(() => service.stop(), 30);
    const started = performance.now();
    const counted = await counting;
    expect(performance.now() - started).toBeLessThan(2000);
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThan(1e12);
  });

  it('counts again after a stop', async () => {
    const service = new CounterService(immediateScheduler);
    service.stop();
    expect(await service.count(1000)).toBe(1000);
  });

  it('refuses a share that is not a whole number', async () => {
    const service = new CounterService(immediateScheduler);
    await expect(service.count(1.5)).rejects.toThrow(RangeError);
    await expect(service.count(-1)).rejects.toThrow(/whole number/);
  });
});
