import { readMachineLabel } from '../../lab/exchange/machineDescription';
import type { Remembered } from '../../lab/settings/link';

/** Where presentation mode is remembered: the page's own key in `localStorage`. */
export const PRESENT_KEY = 'parallel-counting-lab.present';

/** The exact forms the page writes; anything else under the key was not written by it. */
const STORED = { on: 'on', off: 'off' } as const;

/** The part of `Storage` the preferences use, so that a test can pass a plain object. */
export type PreferenceStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * The page's `localStorage`, or null where the browser refuses it: reading
 * `window.localStorage` itself throws when storage is blocked (a sandboxed
 * frame, cookies turned off).
 */
export function pageStorage(): PreferenceStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * What the page remembered from the last visit. Every stored value is
 * treated as hostile: only the exact forms the page writes count, and
 * anything else (nothing, another value, a getter that throws) is not
 * remembered.
 */
export function readPreferences(storage: PreferenceStorage | null): Remembered {
  const present = readSwitch(storage, PRESENT_KEY);
  const quiet = readSwitch(storage, QUIET_KEY);
  return { ...(present === null ? {} : { present }), ...(quiet === null ? {} : { quiet }) };
}

/** A switch the page wrote under `key` ('on' or 'off'), or null when it wrote none there. */
function readSwitch(storage: PreferenceStorage | null, key: string): boolean | null {
  if (storage === null) return null;
  let stored: unknown;
  try {
    stored = storage.getItem(key);
  } catch {
    return null;
  }
  if (stored === STORED.on) return true;
  if (stored === STORED.off) return false;
  return null;
}

/** Where "Quiet run" is remembered: the page's own key in `localStorage`. */
export const QUIET_KEY = 'parallel-counting-lab.quiet-run';

/** Writes a switch under `key` ('on' or 'off'). A write that throws is ignored: the setting holds for this visit only. */
function writeSwitch(storage: PreferenceStorage | null, key: string, on: boolean): void {
  if (storage === null) return;
  try {
    storage.setItem(key, on ? STORED.on : STORED.off);
  } catch {
    // Nothing to do: the page works the same, it just forgets.
  }
}

/** Remembers "Quiet run" for the next visit; a write that throws is ignored, as for presentation mode. */
export function rememberQuiet(storage: PreferenceStorage | null, quiet: boolean): void {
  writeSwitch(storage, QUIET_KEY, quiet);
}

/**
 * Remembers presentation mode for the next visit. A write that throws
 * (private browsing, a full quota, storage blocked) is ignored: the page
 * works the same, it just forgets.
 */
export function rememberPresent(storage: PreferenceStorage | null, present: boolean): void {
  writeSwitch(storage, PRESENT_KEY, present);
}

/** Where the "Machine label" is remembered: the page's own key in `localStorage`. */
export const MACHINE_LABEL_KEY = 'parallel-counting-lab.machine-label';

/**
 * The machine label remembered from the last visit, or null. Hostile like every stored value:
 * only a label exactly as readMachineLabel leaves it (what the page writes) counts.
 */
export function readMachineLabelPreference(storage: PreferenceStorage | null): string | null {
  if (storage === null) return null;
  let stored: unknown;
  try {
    stored = storage.getItem(MACHINE_LABEL_KEY);
  } catch {
    return null;
  }
  if (typeof stored !== 'string') return null;
  const reading = readMachineLabel(stored);
  return reading.ok && reading.value === stored ? stored : null;
}

/** Remembers the machine label for the next visit; a write that throws is ignored, as for presentation mode. */
export function rememberMachineLabel(storage: PreferenceStorage | null, label: string): void {
  if (storage === null) return;
  try {
    storage.setItem(MACHINE_LABEL_KEY, label);
  } catch {
    // Nothing to do: the label holds for this visit only.
  }
}
