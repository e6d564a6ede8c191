import { describe, expect, it } from 'vitest';
import { MAX_MACHINES, type ComparedMachine } from '../exchange/comparedMachine';
import { storedMachine } from './storedMachineRecord';
import { makeMachine } from '../../testing/makeMachine';
import { admit, EMPTY_MACHINE_LIST, filesToRead, machineChanges, machineListReducer, MAX_FILES_PER_IMPORT, refusedSentence, unreadSentence, type MachineListState, type MachineReading } from './machineList';

const machine = (id: string, medianMs = 1000, label = `Machine ${id}`): ComparedMachine =>
  makeMachine(id, {
    label,
    curve: [
      { workers: 1, medianMs },
      { workers: 2, medianMs: medianMs / 2 },
    ],
  });
const ok = (each: ComparedMachine): MachineReading => ({ kind: 'ok', name: `${each.id}.json`, machine: each });
const ids = (state: MachineListState) => state.entries.map((entry) => entry.machine.id);

describe('machineListReducer', () => {
  it('adds the good files of an import, says one sentence per bad one, and loses nothing already loaded', () => {
    const first = machineListReducer(EMPTY_MACHINE_LIST, { type: 'imported', readings: [ok(machine('a')), ok(machine('b'))], at: 1 });
    const second = machineListReducer(first, {
      type: 'imported',
      readings: [{ kind: 'problem', sentence: '“x.json” is not JSON.' }, ok(machine('c')), { kind: 'problem', sentence: '“y.json” is too large.' }],
      at: 2,
    });
    expect(ids(second)).toEqual(['a', 'b', 'c']);
    expect(second.problems).toEqual(['“x.json” is not JSON.', '“y.json” is too large.']);
    expect(machineListReducer(second, { type: 'problems-dismissed' }).problems).toEqual([]);
  });

  it('replaces the same machine imported again in its place, keeping it hidden if it was', () => {
    let state = machineListReducer(EMPTY_MACHINE_LIST, { type: 'imported', readings: [ok(machine('a')), ok(machine('b'))], at: 1 });
    state = machineListReducer(state, { type: 'toggled', id: 'a' });
    state = machineListReducer(state, { type: 'imported', readings: [ok(machine('a', 500, 'Renamed'))], at: 9 });
    expect(state.entries.map((entry) => [entry.machine.id, entry.machine.label, entry.hidden, entry.addedAt])).toEqual([
      ['a', 'Renamed', true, 1],
      ['b', 'Machine b', false, 1],
    ]);
  });

  it('refuses machines beyond MAX_MACHINES with one sentence naming them, keeping every one already there', () => {
    const many = Array.from({ length: MAX_MACHINES - 1 }, (_, index) => ok(machine(`m${String(index)}`)));
    const full = machineListReducer(EMPTY_MACHINE_LIST, { type: 'imported', readings: many, at: 1 });
    const over = machineListReducer(full, { type: 'imported', readings: [ok(machine('last')), ok(machine('extra1')), ok(machine('extra2'))], at: 2 });
    expect(over.entries).toHaveLength(MAX_MACHINES);
    expect(ids(over).at(-1)).toBe('last');
    expect(over.problems).toEqual([`2 were not added (“extra1.json”, “extra2.json”): the page compares at most ${String(MAX_MACHINES)} machines; remove one first.`]);
    // One already there is still replaced when the page is full.
    expect(admit(over.entries, [{ name: 'm0.json', machine: machine('m0', 7) }], 3).refused).toEqual([]);
  });

  it('reads at most MAX_FILES_PER_IMPORT files of one import, and names the rest in one sentence beside the refusals', () => {
    const dropped = Array.from({ length: MAX_FILES_PER_IMPORT + 2 }, (_, index) => ({ name: `f${String(index)}.json` }));
    const { read, unread } = filesToRead(dropped);
    expect(read).toEqual(dropped.slice(0, MAX_FILES_PER_IMPORT));
    expect(unread).toEqual([`f${String(MAX_FILES_PER_IMPORT)}.json`, `f${String(MAX_FILES_PER_IMPORT + 1)}.json`]);
    expect(filesToRead(dropped.slice(0, 3))).toEqual({ read: dropped.slice(0, 3), unread: [] });
    const state = machineListReducer(EMPTY_MACHINE_LIST, { type: 'imported', readings: [ok(machine('a'))], at: 1, unread });
    expect(ids(state)).toEqual(['a']);
    expect(state.problems).toEqual([unreadSentence(unread)]);
    expect(unreadSentence(unread)).toBe(`2 were not read (“f${String(MAX_FILES_PER_IMPORT)}.json”, “f${String(MAX_FILES_PER_IMPORT + 1)}.json”): the page reads at most ${String(MAX_FILES_PER_IMPORT)} files at a time; import them in another go.`);
    expect(unreadSentence(['a.json'])).toBe(`“a.json” was not read: the page reads at most ${String(MAX_FILES_PER_IMPORT)} files at a time; import it in another go.`);
    expect(unreadSentence([])).toBeNull();
  });

  it('merges what the store kept with what was added before it answered, in the order they were added', () => {
    const early = machineListReducer(EMPTY_MACHINE_LIST, { type: 'imported', readings: [ok(machine('new'))], at: 50 });
    const loaded = machineListReducer(early, {
      type: 'loaded',
      stored: [storedMachine(machine('old'), 10, true), storedMachine(machine('new', 9), 5, false)],
      notice: '1 imported machine kept in this browser could not be read back and was set aside; the readable ones are back.',
    });
    expect(loaded.entries.map((entry) => [entry.machine.id, entry.hidden, entry.machine.curve[0].medianMs])).toEqual([
      ['old', true, 1000],
      ['new', false, 1000],
    ]);
    expect(loaded.problems).toHaveLength(1);
  });

  it('drops from the store’s answer what was removed before it came: a Remove (or Remove all) in the first moments stays done', () => {
    let state = machineListReducer(EMPTY_MACHINE_LIST, { type: 'imported', readings: [ok(machine('a')), ok(machine('b')), ok(machine('c'))], at: 20 });
    state = machineListReducer(state, { type: 'removed', id: 'a' });
    state = machineListReducer(state, { type: 'toggled', id: 'c' });
    // Read after 'a', 'b' and 'c' were written, before a's removal was.
    const stored = [storedMachine(machine('old'), 10, false), ...['a', 'b', 'c'].map((id) => storedMachine(machine(id), 20, false))];
    const loaded = machineListReducer(state, { type: 'loaded', stored, notice: null });
    expect(loaded.entries.map((entry) => [entry.machine.id, entry.hidden])).toEqual([
      ['old', false],
      ['b', false],
      ['c', true],
    ]);
    const cleared = machineListReducer(machineListReducer(state, { type: 'cleared' }), { type: 'loaded', stored, notice: null });
    expect(ids(cleared)).toEqual(['old']);
    // Once the store has answered, a machine removed and imported again is simply there.
    const again = machineListReducer(machineListReducer(loaded, { type: 'removed', id: 'b' }), { type: 'imported', readings: [ok(machine('b'))], at: 30 });
    expect(ids(again)).toEqual(['old', 'c', 'b']);
  });

  it('hides, shows, removes and clears', () => {
    let state = machineListReducer(EMPTY_MACHINE_LIST, { type: 'imported', readings: [ok(machine('a')), ok(machine('b'))], at: 1 });
    state = machineListReducer(state, { type: 'toggled', id: 'b' });
    expect(state.entries.map((entry) => entry.hidden)).toEqual([false, true]);
    state = machineListReducer(state, { type: 'toggled', id: 'b' });
    expect(state.entries.map((entry) => entry.hidden)).toEqual([false, false]);
    state = machineListReducer(state, { type: 'removed', id: 'a' });
    expect(ids(state)).toEqual(['b']);
    expect(machineListReducer(state, { type: 'cleared' }).entries).toEqual([]);
  });
});

describe('machineChanges', () => {
  it('keeps what is new or changed and forgets what is gone, nothing else', () => {
    const before = machineListReducer(EMPTY_MACHINE_LIST, { type: 'imported', readings: [ok(machine('a')), ok(machine('b')), ok(machine('c'))], at: 1 });
    let after = machineListReducer(before, { type: 'toggled', id: 'b' });
    after = machineListReducer(after, { type: 'removed', id: 'c' });
    after = machineListReducer(after, { type: 'imported', readings: [ok(machine('d'))], at: 2 });
    const changes = machineChanges(before.entries, after.entries);
    expect(changes.put.map((entry) => [entry.machine.id, entry.hidden])).toEqual([
      ['b', true],
      ['d', false],
    ]);
    expect(changes.remove).toEqual(['c']);
    expect(machineChanges(after.entries, after.entries)).toEqual({ put: [], remove: [] });
  });
});

describe('refusedSentence', () => {
  it('names one file, or the first three of several, shortened', () => {
    expect(refusedSentence([])).toBeNull();
    expect(refusedSentence(['a.json'])).toBe(`“a.json” was not added: the page compares at most ${String(MAX_MACHINES)} machines; remove one first.`);
    expect(refusedSentence(['a', 'b', 'c', 'd'])).toContain('4 were not added (“a”, “b”, “c”, …)');
    expect(refusedSentence([`${'x'.repeat(60)}.json`])).toContain(`“${'x'.repeat(47)}…”`);
  });
});
