import { describe, expect, it } from 'vitest';
import type { ComparedMachine } from '../../lab/exchange/comparedMachine';
import { makeMachine } from '../../testing/makeMachine';
import { visibleMachines } from '../../lab/exchange/chartMachines';
import { MACHINE_COLOURS, MACHINE_DASHES, machineCurves, machineLine } from './machineLines';


/** Each drawn line's name, colour and dashes, as the chart gets them. */
function drawn(machines: readonly ComparedMachine[], hidden: ReadonlySet<string>) {
  const visible = visibleMachines(machines, hidden);
  const curves = visible.map((each) => each.curve.map((point) => ({ workers: point.workers, seconds: point.medianMs / 1000 })));
  return machineCurves(visible, curves, 'seconds', 'machine-curve').map((line) => {
    const { name, stroke, strokeDasharray } = line.props as { name: string; stroke: string; strokeDasharray: string };
    return { name, stroke, strokeDasharray };
  });
}

describe('machine lines', () => {
  const four = ['a', 'b', 'c', 'd'].map((id) => makeMachine(id));

  it('keep their colour and dashes when another machine is hidden', () => {
    const all = drawn(four, new Set());
    expect(all.map((line) => line.stroke)).toEqual(['var(--machine-0)', 'var(--machine-1)', 'var(--machine-2)', 'var(--machine-3)']);
    const withoutB = drawn(four, new Set(['b']));
    expect(withoutB.map((line) => line.name)).toEqual(['Machine a', 'Machine c', 'Machine d']);
    expect(withoutB).toEqual([all[0], all[2], all[3]]);
    // Shown again, it has its own back.
    expect(drawn(four, new Set())[1]).toEqual(all[1]);
  });

  it('give every one of 30 machines its own colour and dashes together', () => {
    const looks = Array.from({ length: MACHINE_COLOURS * MACHINE_DASHES.length }, (_, line) => JSON.stringify(machineLine(line)));
    expect(new Set(looks).size).toBe(30);
  });
});
