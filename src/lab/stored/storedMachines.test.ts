import { describe, expect, it } from 'vitest';
import type { ComparedMachine } from '../exchange/comparedMachine';
import { MAX_MACHINES } from '../exchange/comparedMachine';
import { storedMachine } from './storedMachineRecord';
import { MAX_MACHINE_RECORD_CHARS, machinesSetAsideNotice, readMachineRecord, readStoredMachines, STORED_MACHINE_MATCHES } from './storedMachines';

const machine = (id: string): ComparedMachine => ({
  id,
  source: 'file',
  label: `<b>${id}</b>`,
  reportedCores: 8,
  measuredCores: null,
  browser: 'Firefox 150',
  seriesWords: 'strong scaling',
  curve: [
    { workers: 1, medianMs: 800 },
    { workers: 4, medianMs: 210 },
  ],
});

describe('readMachineRecord', () => {
  it('reads back what the page stores, under its machine’s id', () => {
    expect(STORED_MACHINE_MATCHES).toBe(true);
    const kept = storedMachine(machine('a'), 5, true);
    expect(readMachineRecord('a', structuredClone(kept))).toEqual({ kind: 'ok', stored: kept });
  });

  it('keeps a weak-scaling machine’s scaling, which its speed-ups need', () => {
    const weak = storedMachine({ ...machine('a'), scaling: 'weak' }, 5, false);
    expect(readMachineRecord('a', structuredClone(weak))).toEqual({ kind: 'ok', stored: weak });
  });

  it.each([
    ['not a record', 'x', 'it is not a record'],
    ['a newer version', { ...storedMachine(machine('a'), 1, false), version: 2 }, 'it is from a newer version of this page (2)'],
    ['no version', { addedAt: 1, hidden: false, machine: machine('a') }, 'version: Invalid key'],
    ['a label of markup that is too long', storedMachine({ ...machine('a'), label: 'x'.repeat(61) }, 1, false), 'machine.label: Invalid length: Expected <=60 but received 61'],
    ['an empty label', storedMachine({ ...machine('a'), label: '' }, 1, false), 'machine.label: Invalid length: Expected >=1 but received 0'],
    ['a curve not in order', storedMachine({ ...machine('a'), curve: [{ workers: 2, medianMs: 1 }, { workers: 1, medianMs: 2 }] }, 1, false), 'machine.curve: the curve is not in ascending workers'],
    ['a time that is not a number', storedMachine({ ...machine('a'), curve: [{ workers: 1, medianMs: Number.NaN }] }, 1, false), 'machine.curve.0.medianMs'],
    ['an unknown scaling', { ...storedMachine(machine('a'), 1, false), machine: { ...machine('a'), scaling: 'sideways' } }, 'machine.scaling'],
    ['a foreign source', { ...storedMachine(machine('a'), 1, false), machine: { ...machine('a'), source: 'server' } }, 'machine.source'],
    ['another key than its id', storedMachine(machine('b'), 1, false), 'it is kept under another name than its machine’s'],
    ['too large', { ...storedMachine(machine('a'), 1, false), padding: 'x'.repeat(MAX_MACHINE_RECORD_CHARS) }, 'it is too large'],
  ])('sets aside a record with %s', (_, value, reason) => {
    const reading = readMachineRecord('a', value);
    expect(reading.kind).toBe('set-aside');
    expect(reading.kind === 'set-aside' && reading.reason).toContain(reason);
  });
});

describe('readStoredMachines', () => {
  it('gives the readable machines in the order they were added, at most MAX_MACHINES, and one sentence on the rest', () => {
    const records = [
      { key: 'late', value: storedMachine(machine('late'), 30, false) },
      { key: 'bad', value: { version: 1 } },
      { key: 'early', value: storedMachine(machine('early'), 10, true) },
    ];
    const reading = readStoredMachines(records);
    expect(reading.machines.map((stored) => [stored.machine.id, stored.hidden])).toEqual([
      ['early', true],
      ['late', false],
    ]);
    expect(reading.setAside.map((item) => item.key)).toEqual(['bad']);
    expect(reading.notice).toBe('1 imported machine kept in this browser could not be read back and was set aside; the readable ones are back.');

    const many = Array.from({ length: MAX_MACHINES + 2 }, (_, index) => ({ key: `m${String(index)}`, value: storedMachine(machine(`m${String(index)}`), index, false) }));
    const capped = readStoredMachines(many);
    expect(capped.machines).toHaveLength(MAX_MACHINES);
    expect(capped.setAside.map((item) => item.key)).toEqual([`m${String(MAX_MACHINES)}`, `m${String(MAX_MACHINES + 1)}`]);
    expect(machinesSetAsideNotice(0)).toBeNull();
  });
});
