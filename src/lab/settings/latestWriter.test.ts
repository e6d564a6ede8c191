import { describe, expect, it } from 'vitest';
import { createLatestWriter, type Timers } from './latestWriter';

/** A clock the test moves by hand. */
function manualClock() {
  let now = 0;
  let nextId = 1;
  const due = new Map<number, { at: number; callback: () => void }>();
  const timers: Timers<number> = {
    set: (callback, ms) => {
      const id = nextId++;
      due.set(id, { at: now + ms, callback });
      return id;
    },
    clear: (id) => {
      due.delete(id);
    },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const next = [...due.entries()].filter(([, entry]) => entry.at <= until).sort((a, b) => a[1].at - b[1].at).at(0);
      if (!next) break;
      due.delete(next[0]);
      now = next[1].at;
      next[1].callback();
    }
    now = until;
  };
  return { timers, advance, now: () => now };
}

describe('createLatestWriter', () => {
  it('writes only the latest value of a burst, once the burst is quiet', () => {
    const clock = manualClock();
    const written: string[] = [];
    const writer = createLatestWriter({ write: (value: string) => written.push(value), onError: () => undefined, delayMs: 250, timers: clock.timers });
    for (let step = 1; step <= 120; step += 1) {
      writer.schedule(`?workers=${String(step % 9)}`);
      clock.advance(20);
    }
    expect(written).toEqual([]);
    clock.advance(250);
    expect(written).toEqual(['?workers=3']);
  });

  it('never writes more often than once per delay, so 100 writes in 10 s are never reached', () => {
    const clock = manualClock();
    const times: number[] = [];
    const writer = createLatestWriter({ write: () => times.push(clock.now()), onError: () => undefined, delayMs: 250, timers: clock.timers });
    // A slider moved every 260 ms for a minute: each move is written, 250 ms after it.
    for (let step = 0; step < 230; step += 1) {
      writer.schedule(step);
      clock.advance(260);
    }
    expect(times.length).toBe(230);
    const mostInTenSeconds = Math.max(...times.map((start) => times.filter((time) => time >= start && time < start + 10_000).length));
    expect(mostInTenSeconds).toBeLessThanOrEqual(40);
  });

  it('hands an error from the write to onError and keeps writing', () => {
    const clock = manualClock();
    const errors: unknown[] = [];
    const written: number[] = [];
    let fail = true;
    const writer = createLatestWriter({
      write: (value: number) => {
        if (fail) throw new Error('SecurityError: Attempt to use history.replaceState() more than 100 times per 10 seconds');
        written.push(value);
      },
      onError: (error) => errors.push(error),
      delayMs: 100,
      timers: clock.timers,
    });
    writer.schedule(1);
    expect(() => {
      clock.advance(100);
    }).not.toThrow();
    expect(errors).toHaveLength(1);
    fail = false;
    writer.schedule(2);
    clock.advance(100);
    expect(written).toEqual([2]);
  });

  it('writes what is waiting on flush, and nothing when nothing waits', () => {
    const clock = manualClock();
    const written: number[] = [];
    const writer = createLatestWriter({ write: (value: number) => written.push(value), onError: () => undefined, delayMs: 100, timers: clock.timers });
    writer.schedule(1);
    writer.flush();
    expect(written).toEqual([1]);
    writer.flush();
    expect(written).toEqual([1]);
    writer.schedule(2);
    writer.flush();
    clock.advance(1000);
    expect(written).toEqual([1, 2]);
  });

  it('writes nothing while held, and what waits at once on release', () => {
    const clock = manualClock();
    const written: string[] = [];
    const writer = createLatestWriter({ write: (value: string) => written.push(value), onError: () => undefined, delayMs: 250, timers: clock.timers });
    writer.schedule('?count=1');
    writer.hold();
    writer.schedule('?count=2');
    clock.advance(10_000);
    expect(written).toEqual([]);
    writer.release();
    expect(written).toEqual(['?count=2']);
    // Released, it writes on its timer again, and a release with nothing waiting writes nothing.
    writer.release();
    writer.schedule('?count=3');
    clock.advance(250);
    expect(written).toEqual(['?count=2', '?count=3']);
  });
});
