import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nodeGridTimers } from '../testing/nodeTimers';
import { redrawGrid } from './redrawGrid';

/** On the system time, which the tests move with `vi.setSystemTime` to hold the page's thread. */
const timers = nodeGridTimers(() => Date.now());

describe('redrawGrid', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls every subscriber in the same tick, every period, and stops when none is left', () => {
    const grid = redrawGrid(500, timers);
    const calls: string[] = [];
    const leaveMeter = grid.subscribe((nowMs) => calls.push(`meter ${String(nowMs)}`));
    vi.advanceTimersByTime(200);
    const leaveBars = grid.subscribe((nowMs) => calls.push(`bars ${String(nowMs)}`));
    vi.advanceTimersByTime(800);
    // One grid, not one timer each: the bars' first tick is the meter's next, not 500 ms after they subscribed.
    expect(calls).toEqual(['meter 500', 'bars 500', 'meter 1000', 'bars 1000']);
    leaveMeter();
    vi.advanceTimersByTime(500);
    expect(calls.slice(4)).toEqual(['bars 1500']);
    leaveBars();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(2000);
    expect(calls).toHaveLength(5);
  });

  it('ticks a period after the last tick ran, so a late tick stays late by what held the page', () => {
    const grid = redrawGrid(500, timers);
    const ticks: number[] = [];
    grid.subscribe((nowMs) => {
      ticks.push(nowMs);
      // The first tick holds the page's thread for 300 ms.
      if (ticks.length === 1) vi.setSystemTime(nowMs + 300);
    });
    vi.advanceTimersByTime(1000);
    expect(ticks.slice(0, 2)).toEqual([500, 1300]);
  });

  it('calls a function subscribed twice twice, and a subscriber that leaves during a tick no more', () => {
    const grid = redrawGrid(500, timers);
    const calls: string[] = [];
    const onTick = () => calls.push('twice');
    const leaveFirst = grid.subscribe(onTick);
    grid.subscribe(onTick);
    let leaveLater: () => void = () => undefined;
    grid.subscribe(() => {
      calls.push('leaver');
      leaveLater();
    });
    leaveLater = grid.subscribe(() => calls.push('left'));
    vi.advanceTimersByTime(500);
    expect(calls).toEqual(['twice', 'twice', 'leaver']);
    leaveFirst();
    vi.advanceTimersByTime(500);
    expect(calls.slice(3)).toEqual(['twice', 'leaver']);
  });

  it('runs the gatherers before the drawers in every tick, whenever each subscribed', () => {
    const grid = redrawGrid(500, timers);
    const calls: string[] = [];
    grid.subscribe(() => calls.push('bars'));
    const leaveRun = grid.subscribe(() => calls.push('progress'), 'gather');
    grid.subscribe(() => calls.push('meter'), 'draw');
    vi.advanceTimersByTime(1000);
    expect(calls).toEqual(['progress', 'bars', 'meter', 'progress', 'bars', 'meter']);
    leaveRun();
    vi.advanceTimersByTime(500);
    expect(calls.slice(6)).toEqual(['bars', 'meter']);
  });

  it('keeps ticking for a gatherer alone, and stops when the last one leaves', () => {
    const grid = redrawGrid(500, timers);
    const ticks: number[] = [];
    const leave = grid.subscribe((nowMs) => ticks.push(nowMs), 'gather');
    vi.advanceTimersByTime(1000);
    expect(ticks).toEqual([500, 1000]);
    leave();
    expect(vi.getTimerCount()).toBe(0);
  });
  it('holds a tick due during a hold until the release, tells it the time it was due, and keeps the beat', () => {
    const grid = redrawGrid(500, timers);
    const ticks: string[] = [];
    grid.subscribe((nowMs) => ticks.push(`meter ${String(nowMs)}`));
    grid.subscribe((nowMs) => ticks.push(`progress ${String(nowMs)}`), 'gather');
    vi.advanceTimersByTime(480);
    const release = grid.hold(250);
    vi.advanceTimersByTime(60);
    // Due at 500: nothing runs on the page's thread while held.
    expect(ticks).toEqual([]);
    release();
    expect(ticks).toEqual(['progress 500', 'meter 500']);
    release();
    vi.advanceTimersByTime(460);
    // The next tick is due a period after the held one was due, not after the release.
    expect(ticks.slice(2)).toEqual(['progress 1000', 'meter 1000']);
  });

  it('lets the ticks go after the hold\'s limit, and changes nothing when no tick was due', () => {
    const grid = redrawGrid(500, timers);
    const ticks: number[] = [];
    grid.subscribe((nowMs) => ticks.push(nowMs));
    const release = grid.hold(100);
    vi.advanceTimersByTime(100);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(400);
    expect(ticks).toEqual([500]);
    const late = grid.hold(250);
    vi.advanceTimersByTime(600);
    // Let go by its limit at 750, before the tick due at 1000.
    expect(ticks).toEqual([500, 1000]);
    late();
    release();
    vi.advanceTimersByTime(500);
    expect(ticks).toEqual([500, 1000, 1500]);
  });

  it('forgets a held tick when every subscriber leaves, and starts afresh after the release', () => {
    const grid = redrawGrid(500, timers);
    const ticks: number[] = [];
    const leave = grid.subscribe((nowMs) => ticks.push(nowMs));
    const release = grid.hold(1000);
    vi.advanceTimersByTime(600);
    leave();
    release();
    expect(ticks).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    grid.subscribe((nowMs) => ticks.push(nowMs));
    vi.advanceTimersByTime(500);
    expect(ticks).toEqual([1100]);
  });

  it('ticks at a slow period from the next tick while slowed, tells each tick the period it was due after, and keeps the longest of two', () => {
    const grid = redrawGrid(500, timers);
    const ticks: string[] = [];
    grid.subscribe((nowMs, dueAfterMs) => ticks.push(`${String(nowMs)} after ${String(dueAfterMs)}`));
    vi.advanceTimersByTime(200);
    const release = grid.slow(1000);
    vi.advanceTimersByTime(2300);
    // The tick already due keeps its time; the next come a second apart.
    expect(ticks).toEqual(['500 after 500', '1500 after 1000', '2500 after 1000']);
    const releaseFaster = grid.slow(750);
    release();
    release();
    vi.advanceTimersByTime(1000);
    expect(ticks.slice(3)).toEqual(['3500 after 1000']);
    vi.advanceTimersByTime(750);
    expect(ticks.slice(4)).toEqual(['4250 after 750']);
    releaseFaster();
    vi.advanceTimersByTime(1250);
    expect(ticks.slice(5)).toEqual(['5000 after 750', '5500 after 500']);
  });

  it('never ticks faster than its own period, whatever a slow asks', () => {
    const grid = redrawGrid(500, timers);
    const ticks: number[] = [];
    grid.slow(100);
    grid.subscribe((_, dueAfterMs) => ticks.push(dueAfterMs));
    vi.advanceTimersByTime(1000);
    expect(ticks).toEqual([500, 500]);
  });
});
