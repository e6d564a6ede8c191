import type { MachineChanges } from '../../lab/stored/machineList';
import type { StoredMachine } from '../../lab/stored/storedMachines';

/** What the page learns from reading the kept machines: the readable ones in order, and one sentence on what was set aside. */
export interface MachinesReading {
  machines: StoredMachine[];
  notice: string | null;
}

/** What the page asks of the place where imported machines are kept. */
export interface MachineStore {
  /** Every readable machine, in the order they were added; anything unreadable is moved aside first. */
  load(): Promise<MachinesReading>;
  /** Keeps and forgets, in one step: after it, either every change is kept or none. */
  apply(changes: MachineChanges): Promise<void>;
}

/**
 * The machines' store in this browser, or null where there is no IndexedDB at all. Its code (idb,
 * and the format's schema in valibot) loads on first use, after the first screen.
 */
export function browserMachineStore(): MachineStore | null {
  if (typeof indexedDB === 'undefined') return null;
  let store: Promise<MachineStore> | null = null;
  const loaded = () => (store ??= import('./indexedDbMachineStore').then((module) => module.indexedDbMachineStore()));
  return {
    load: async () => (await loaded()).load(),
    apply: async (changes) => {
      await (await loaded()).apply(changes);
    },
  };
}
