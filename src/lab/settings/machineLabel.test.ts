import { describe, expect, it } from 'vitest';
import { openingMachineLabel, typedMachineLabel } from './machineLabel';

describe('the machine label field', () => {
  it('opens with the remembered label, or else the default', () => {
    expect(openingMachineLabel('Desk 4', 'Chrome on 8 cores')).toEqual({ text: 'Desk 4', label: 'Desk 4', problem: null });
    expect(openingMachineLabel(null, 'Chrome on 8 cores')).toEqual({ text: 'Chrome on 8 cores', label: 'Chrome on 8 cores', problem: null });
  });

  it('takes a good label as plain text, and keeps what was typed in the field', () => {
    const typed = typedMachineLabel(openingMachineLabel(null, 'Chrome on 8 cores'), '  Desk   4 ');
    expect(typed).toEqual({ text: '  Desk   4 ', label: 'Desk 4', problem: null });
  });

  it('keeps the last good label, with one sentence, when the text is empty or too long', () => {
    const start = openingMachineLabel('Desk 4', 'Chrome on 8 cores');
    const empty = typedMachineLabel(start, '   ');
    expect(empty.label).toBe('Desk 4');
    expect(empty.text).toBe('   ');
    expect(empty.problem).toMatch(/^The machine label is empty[^.]*\.$/);
    const long = typedMachineLabel(empty, 'x'.repeat(61));
    expect(long.label).toBe('Desk 4');
    expect(long.problem).toMatch(/61 characters/);
    expect(typedMachineLabel(long, 'Desk 5')).toEqual({ text: 'Desk 5', label: 'Desk 5', problem: null });
  });
});
