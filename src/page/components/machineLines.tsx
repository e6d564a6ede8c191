import { Line } from 'recharts';
import type { ChartMachine } from '../../lab/exchange/comparedMachine';

/** Colours the charts give other machines: the Okabe–Ito palette (told apart with any colour vision), set per scheme in index.css (--machine-0 …). */
export const MACHINE_COLOURS = 6;

/** Dash patterns, cycling with a period prime to the colours', so that colour and dash together tell 30 machines apart; the page's own curve is solid. */
export const MACHINE_DASHES = ['12 5', '3 4', '14 4 3 4', '7 3', '20 5 3 5 3 5'] as const;

/** A machine's line: its colour and dashes by its place among the compared machines (ChartMachine.line), not among those drawn, so that hiding one leaves the others as they were. */
export function machineLine(line: number): { stroke: string; strokeDasharray: string } {
  return { stroke: `var(--machine-${String(line % MACHINE_COLOURS)})`, strokeDasharray: MACHINE_DASHES[line % MACHINE_DASHES.length] };
}

/**
 * The other machines' lines, as elements for a chart to hold directly (Recharts reads its children):
 * each its own colour and dashes, its dots solid, named by its label (drawn as text).
 */
export function machineCurves<Point extends { workers: number }>(machines: readonly ChartMachine[], curves: readonly Point[][], dataKey: keyof Point & string, className: string) {
  return machines.map((machine, index) => {
    const line = machineLine(machine.line ?? index);
    return (
      <Line
        key={machine.id}
        data={curves[index]}
        dataKey={dataKey}
        name={machine.label}
        className={className}
        {...line}
        strokeWidth={3}
        dot={{ r: 4, fill: line.stroke, strokeDasharray: 'none' }}
        isAnimationActive={false}
      />
    );
  });
}
