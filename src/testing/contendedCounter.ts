import { NEXT_TICKET, STOP, WORKERS } from '../lab/models/lock';
import type { WorkerStateEvent } from '../lab/types';
import { CounterService } from '../workers/counter/counterService';

/**
 * A counting worker's service for tests in real threads, whose lock is wanted from the first
 * slice on: under the lock, a slice starts only once every worker has taken a ticket (or a stop
 * came), however fast this machine counts and however late a thread starts.
 */
export function contendedCounter(): CounterService {
  let lockSlots: Int32Array | null = null;
  const schedule = (step: () => void) => {
    while (lockSlots !== null && Atomics.load(lockSlots, STOP) === 0 && Atomics.load(lockSlots, NEXT_TICKET) < Atomics.load(lockSlots, WORKERS)) {
      Atomics.wait(lockSlots, NEXT_TICKET, Atomics.load(lockSlots, NEXT_TICKET), 1);
    }
    setImmediate(step);
  };
  class ContendedFromTheStart extends CounterService {
    override countLocked(share: number, lock: SharedArrayBuffer, workerId: number, onStates?: (events: WorkerStateEvent[]) => void): Promise<number> {
      lockSlots = new Int32Array(lock);
      return super.countLocked(share, lock, workerId, onStates).finally(() => {
        lockSlots = null;
      });
    }
  }
  return new ContendedFromTheStart(schedule);
}
