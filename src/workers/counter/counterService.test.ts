import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROGRESS_INTERVAL_MS, SLOW_LOOP_WARM_UP_CHUNK, SLOW_LOOP_WARM_UP_SHARE, WARM_UP_CHUNK, WARM_UP_COUNTS, WARM_UP_SHARE } from '../../lab/measurement/kernel';
import { createLockBuffer, readLockStats, requestLockStop } from '../../lab/models/lock';
import type { Engine } from '../../lab/measurement/kernelChoice';
import type { HandedModule, KernelKind, TokenCallbacks, WorkerStateEvent } from '../../lab/types';
import { TIMERS_PER_HOP } from '../../shared/eventLoop';
import { compileCountModule } from '../../shared/wasmKernel';
import { CounterService, schedulerFor } from './counterService';
import { freeToken } from '../../testing/freeToken';
import { countedTurns, immediateScheduler, tickingClock } from '../../testing/inThreadCounter';
import { chainSteps, fakeSubtle } from '../../testing/turns';

/** The states of every batch, and how many batches came. */
function collect() {
  const batches: WorkerStateEvent[][] = [];
  return {
    onStates: (events: WorkerStateEvent[]) => {
      batches.push(events);
    },
    states: () => batches.flat().map((event) => event.state),
    batches,
  };
}

describe('CounterService', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('gets ready and counts its share exactly', async () => {
    const service = new CounterService(immediateScheduler);
    await service.ready();
    expect(await service.count(5_000_001)).toBe(5_000_001);
    expect(await service.count(0)).toBe(0);
  });

  it('counts with its own engine’s faster loop unless told otherwise: WebAssembly in SpiderMonkey', async () => {
    const service = new CounterService(immediateScheduler, 'spidermonkey');
    expect(await service.ready()).toBe('wasm');
    expect(await service.count(5_000_001)).toBe(5_000_001);
  });

  it('reports progress that only grows and never passes the share', async () => {
    // Half a report interval a reading: every chunk ends a report interval after the last report, however fast this machine counts.
    vi.spyOn(performance, 'now').mockImplementation(tickingClock(PROGRESS_INTERVAL_MS / 2));
    const service = new CounterService(immediateScheduler);
    const reports: number[] = [];
    const share = 10_000_001;
    expect(await service.count(share, (counted) => reports.push(counted))).toBe(share);
    expect(reports.length).toBeGreaterThanOrEqual(5);
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

  it('turns on timers then a hop in JavaScriptCore, counting in JavaScript: counts exactly, and a stop gets through between chunks', async () => {
    const service = new CounterService(undefined, 'javascriptcore');
    expect(await service.ready()).toBe('js');
    expect(await service.count(5_000_001)).toBe(5_000_001);
    const counting = service.count(1e12);
    setTimeout(() => service.stop(), 30);
    const counted = await counting;
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThan(1e12);
  });

  describe('warm-up', () => {
    const firstRound = Math.ceil(WARM_UP_SHARE / WARM_UP_CHUNK);
    /** The first round's chunks, and the last chunk of the last round: the rest ran from microtasks (see warmUp). */
    const quickWarmUp = firstRound + 1;
    /** Every chunk of every round on its own turn, the rounds after the first in longer chunks, however fast the turns. */
    const realTurnsWarmUp = firstRound + (WARM_UP_COUNTS - 1) * Math.ceil(SLOW_LOOP_WARM_UP_SHARE / SLOW_LOOP_WARM_UP_CHUNK);
    /** The turns a fresh worker in `engine` takes to answer ready for `kernel`, handed `held` (the page's module); then it counts exactly. */
    const turnsOf = async (engine: Engine, kernel: KernelKind, held: HandedModule<WebAssembly.Module> | null = null) => {
      const { schedule, turns } = countedTurns();
      const service = new CounterService(schedule, engine);
      expect(await service.ready(kernel, held)).toBe(kernel);
      const turnsToReady = turns();
      expect(await service.count(3_000_001)).toBe(3_000_001);
      return turnsToReady;
    };
    /** The page's module as handed to a worker: `warm` once a worker before has warmed it up. */
    const pageModule = (warm: boolean) => {
      const module = compileCountModule();
      if (module === null) throw new Error('The WebAssembly loop did not compile in Node.');
      return { module, warm };
    };

    it('takes none in V8 and SpiderMonkey counting in WebAssembly on the page’s held module once warm, whose code a worker before brought to full speed', async () => {
      expect(await turnsOf('v8', 'wasm', pageModule(true))).toBe(0);
      expect(await turnsOf('spidermonkey', 'wasm', pageModule(true))).toBe(0);
    });

    it('warms the page’s module up where no worker has yet: the first worker handed it', async () => {
      expect(await turnsOf('v8', 'wasm', pageModule(false))).toBe(quickWarmUp);
      expect(await turnsOf('spidermonkey', 'wasm', pageModule(false))).toBe(quickWarmUp);
    });

    it('warms WebAssembly compiled by the worker itself up: through microtasks after the first round in V8 and SpiderMonkey, in real turns and longer chunks in JavaScriptCore, which does not count with a module handed to it', async () => {
      expect(await turnsOf('v8', 'wasm')).toBe(quickWarmUp);
      expect(await turnsOf('spidermonkey', 'wasm')).toBe(quickWarmUp);
      expect(await turnsOf('javascriptcore', 'wasm')).toBe(realTurnsWarmUp);
      expect(await turnsOf('javascriptcore', 'wasm', pageModule(true))).toBe(realTurnsWarmUp);
    });

    it('warms up where the handed module has no counting loop, and still counts in WebAssembly, with a module of its own', async () => {
      // The smallest valid module: no function at all.
      const empty = new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
      expect(await turnsOf('spidermonkey', 'wasm', { module: empty, warm: true })).toBe(quickWarmUp);
    });

    it('warms the JavaScript loop up through microtasks after its first round in V8, and not at all in JavaScriptCore, whose jsLoop is at full speed within a chunk', async () => {
      expect(await turnsOf('v8', 'js', pageModule(true))).toBe(quickWarmUp);
      expect(await turnsOf('javascriptcore', 'js')).toBe(0);
    });
  });

  it('counts exactly in JavaScriptCore without a warm-up, from its first chunk', async () => {
    const service = new CounterService(immediateScheduler, 'javascriptcore');
    expect(await service.ready()).toBe('js');
    for (const share of [0, 1, 1023, 4_194_305, 9_000_001]) expect(await service.count(share)).toBe(share);
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

  it('counts under the shared lock exactly and reports its states once, at the end, with epoch times', async () => {
    const service = new CounterService(immediateScheduler);
    const lock = createLockBuffer(1);
    const { onStates, states, batches } = collect();
    const before = performance.timeOrigin + performance.now();
    expect(await service.countLocked(30_000_001, lock, 0, onStates)).toBe(30_000_001);
    const after = performance.timeOrigin + performance.now();
    expect(states()).toEqual(['waiting-lock', 'counting', 'done']);
    expect(batches).toHaveLength(1);
    for (const { atMs } of batches[0]) {
      expect(atMs).toBeGreaterThanOrEqual(before);
      expect(atMs).toBeLessThanOrEqual(after);
    }
    expect(readLockStats(lock)).toMatchObject({ holder: -1, grants: 1 });
  });

  it('reports a count under a stopped lock as stopped, having counted nothing', async () => {
    const service = new CounterService(immediateScheduler);
    const lock = createLockBuffer(1);
    requestLockStop(lock);
    const { onStates, states } = collect();
    expect(await service.countLocked(1e9, lock, 0, onStates)).toBe(0);
    expect(states()).toEqual(['waiting-lock', 'stopped']);
  });

  it('refuses a worker id the lock has no room for, and a share that is not whole', async () => {
    const service = new CounterService(immediateScheduler);
    await expect(service.countLocked(10, createLockBuffer(2), 2)).rejects.toThrow('workers 0 to 1');
    await expect(service.countLocked(1.5, createLockBuffer(1), 0)).rejects.toThrow(RangeError);
    await expect(service.waitFor(-1)).rejects.toThrow(RangeError);
  });

  it('waits for I/O for real, in slices, and says how long', async () => {
    const service = new CounterService(immediateScheduler);
    const { onStates, states } = collect();
    const started = performance.now();
    const waited = await service.waitFor(40, onStates);
    expect(waited).toBeGreaterThanOrEqual(40);
    expect(performance.now() - started).toBeGreaterThanOrEqual(40);
    expect(states()).toEqual(['waiting-io', 'done']);
  });

  it('ends an I/O wait early when asked to stop', async () => {
    const service = new CounterService(immediateScheduler);
    const { onStates, states } = collect();
    const waiting = service.waitFor(60_000, onStates);
    setTimeout(() => service.stop(), 20);
    expect(await waiting).toBeLessThan(1_000);
    expect(states()).toEqual(['waiting-io', 'stopped']);
  });

  it('waits for I/O under the shared lock without holding it', async () => {
    const service = new CounterService(immediateScheduler);
    const lock = createLockBuffer(1);
    const { onStates, states } = collect();
    expect(await service.waitLocked(25, lock, 0, onStates)).toBeGreaterThanOrEqual(25);
    expect(states()).toEqual(['waiting-lock', 'counting', 'waiting-io', 'waiting-lock', 'counting', 'done']);
    expect(readLockStats(lock)).toMatchObject({ holder: -1, grants: 2 });
  });

  it('counts with a token nobody else wants in one hold, exactly', async () => {
    const service = new CounterService(immediateScheduler);
    const { token, grants, held } = freeToken();
    const { onStates, states } = collect();
    expect(await service.countWithToken(50_000_001, token, onStates)).toBe(50_000_001);
    expect(grants()).toBe(1);
    expect(held()).toBe(false);
    expect(states()).toEqual(['waiting-lock', 'counting', 'done']);
  });

  it('gives the token up after a slice once another worker wants it, and asks again', async () => {
    const service = new CounterService(immediateScheduler);
    const { token, grants, held } = freeToken(1);
    const { onStates, states } = collect();
    expect(await service.countWithToken(50_000_000, token, onStates)).toBe(50_000_000);
    expect(grants()).toBeGreaterThan(2);
    expect(held()).toBe(false);
    const all = states();
    expect(all.filter((state) => state === 'counting')).toHaveLength(grants());
    expect(all.at(-1)).toBe('done');
  });

  it('gives the token up when told that its grant is wanted, and not for an older grant', async () => {
    const service = new CounterService(immediateScheduler);
    const { token, grants, held } = freeToken();
    // Told while holding, as the page tells a holder: grant 1 is wanted; during grant 2 only older grants are.
    const told: TokenCallbacks = {
      request: async () => {
        const granted = await token.request();
        if (granted?.grant === 1) service.tokenWanted(1);
        if (granted?.grant === 2) {
          service.tokenWanted(0);
          service.tokenWanted(1);
        }
        return granted;
      },
      release: () => token.release(),
    };
    // Slices at most double from 2^20, so 2·10^7 takes at least 4 slices at any speed: grant 2 has slices to keep.
    expect(await service.countWithToken(20_000_000, told)).toBe(20_000_000);
    expect(grants()).toBe(2);
    expect(held()).toBe(false);
  });

  it('waits for I/O with the token, holding it only to start and to finish', async () => {
    const service = new CounterService(immediateScheduler);
    const { token, grants, held } = freeToken();
    const { onStates, states } = collect();
    expect(await service.waitWithToken(20, token, onStates)).toBeGreaterThanOrEqual(20);
    expect(grants()).toBe(2);
    expect(held()).toBe(false);
    expect(states()).toEqual(['waiting-lock', 'counting', 'waiting-io', 'waiting-lock', 'counting', 'done']);
  });
});

describe('schedulerFor', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls the next chunk on a 0 ms timer in JavaScriptCore, whose hop goes through another process, and after a hop elsewhere', async () => {
    vi.useFakeTimers();
    const step = vi.fn();
    schedulerFor('javascriptcore')(step);
    expect(vi.getTimerCount()).toBe(1);
    for (const engine of ['v8', 'spidermonkey', 'unknown'] as const) schedulerFor(engine)(step);
    expect(vi.getTimerCount()).toBe(1);
    vi.runOnlyPendingTimers();
    expect(step).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
    await vi.waitFor(() => {
      expect(step).toHaveBeenCalledTimes(4);
    });
  });

  it('makes every fifth turn in JavaScriptCore a SubtleCrypto digest, or a message where there is no SubtleCrypto', async () => {
    const { subtle, asked } = fakeSubtle();
    const steps = 2 * (TIMERS_PER_HOP + 1);
    await chainSteps(schedulerFor('javascriptcore', subtle), steps);
    expect(asked).toEqual([
      { algorithm: 'SHA-1', length: 0 },
      { algorithm: 'SHA-1', length: 0 },
    ]);
    // A channel that counts its messages and delivers each on the next turn, as a port does.
    let posted = 0;
    class CountingChannel {
      port1: { onmessage: (() => void) | null } = { onmessage: null };
      port2 = {
        postMessage: () => {
          posted += 1;
          setImmediate(() => this.port1.onmessage?.());
        },
      };
    }
    vi.stubGlobal('MessageChannel', CountingChannel);
    try {
      await chainSteps(schedulerFor('javascriptcore', null), steps);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(posted).toBe(2);
    expect(asked).toHaveLength(2);
  });
});
