import { describe, expect, it } from 'vitest';
import type { ComparedMachine } from '../exchange/comparedMachine';
import { STORED_MACHINE_VERSION, storedMachine } from './storedMachineRecord';
import { readMachineRecord } from './storedMachines';

const machine: ComparedMachine = {
  id: 'a',
  source: 'link',
  label: 'Desk 4',
  reportedCores: 4,
  measuredCores: 4,
  browser: 'Chrome 156',
  seriesWords: null,
  curve: [{ workers: 1, medianMs: 900 }],
};

describe('storedMachine', () => {
  it('builds the record of this version, which the stored machines’ schema reads back', () => {
    const record = storedMachine(machine, 12, true);
    expect(record).toEqual({ version: STORED_MACHINE_VERSION, addedAt: 12, hidden: true, machine });
    expect(STORED_MACHINE_VERSION).toBe(1);
    expect(readMachineRecord('a', structuredClone(record))).toEqual({ kind: 'ok', stored: record });
  });
});
