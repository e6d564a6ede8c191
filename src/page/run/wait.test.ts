import { describe, expect, it } from 'vitest';
import { wait } from './wait';

describe('wait', () => {
  it('resolves after the time given', async () => {
    const started = performance.now();
    await wait(40, new AbortController().signal);
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('resolves at once when aborted, before or during the wait', async () => {
    const aborted = new AbortController();
    aborted.abort();
    const started = performance.now();
    await wait(10_000, aborted.signal);
    const during = new AbortController();
    setTimeout(() => during.abort(), 20);
    await wait(10_000, during.signal);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
