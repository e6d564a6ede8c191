import { describe, expect, it } from 'vitest';
import { alsoRemoveMachines, machineRowCells, removeAllMachinesQuestion } from './machineTable';

describe('machineRowCells', () => {
  const row = {
    id: 'a',
    label: 'Desk',
    thisMachine: false,
    reportedCores: 8,
    measuredCores: 6,
    browser: 'Firefox 150',
    fastestMs: 412.4,
    fastestWorkers: 6,
    speedUpAtCores: 5.123,
    coresForSpeedUp: 8,
  };

  it('say each figure with where it was measured', () => {
    expect(machineRowCells(row)).toEqual(['8', '6', 'Firefox 150', '412 ms (6 workers)', '5.12× at 8']);
    expect(machineRowCells({ ...row, fastestWorkers: 1, fastestMs: 12_345 })[3]).toBe('12.3 s (1 worker)');
  });

  it('put a dash where a figure is missing, and "none" where the browser reported no cores', () => {
    expect(machineRowCells({ ...row, reportedCores: null, measuredCores: null, fastestMs: null, fastestWorkers: null, speedUpAtCores: null, coresForSpeedUp: null })).toEqual([
      'none',
      '—',
      'Firefox 150',
      '—',
      '—',
    ]);
  });
});

describe('alsoRemoveMachines', () => {
  it('counts the machines the checkbox would remove', () => {
    expect(alsoRemoveMachines(1)).toBe('Also remove the imported machine');
    expect(alsoRemoveMachines(3)).toBe('Also remove the 3 imported machines');
  });
});

describe('removeAllMachinesQuestion', () => {
  it('counts the machines it would remove, in one question', () => {
    expect(removeAllMachinesQuestion(1)).toBe('Remove the imported machine? This cannot be undone.');
    expect(removeAllMachinesQuestion(30)).toBe('Remove the 30 imported machines? This cannot be undone.');
  });
});
