/**
 * The record kept for an imported machine, built apart from the schema that checks it when read back
 * (storedMachines.ts), so that the page's first screen keeps machines without loading valibot.
 */
import type { ComparedMachine } from '../exchange/comparedMachine';
import type { StoredMachine } from './storedMachines';

/** The format this page writes. A record from a newer page is set aside, never read half-way. */
export const STORED_MACHINE_VERSION = 1;

/** The record kept for a machine. */
export function storedMachine(machine: ComparedMachine, addedAt: number, hidden: boolean): StoredMachine {
  return { version: STORED_MACHINE_VERSION, addedAt, hidden, machine };
}
