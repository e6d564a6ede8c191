import type { ChartMachine, ComparedMachine } from './comparedMachine';

/** The compared machines the charts draw: the shown ones, each keeping its place among all (its line's colour and dashes) when others are hidden. */
export function visibleMachines(machines: readonly ComparedMachine[], hidden: ReadonlySet<string>): ChartMachine[] {
  return machines.flatMap((machine, line): ChartMachine[] =>
    hidden.has(machine.id)
      ? []
      : [{ id: machine.id, label: machine.label, curve: machine.curve, source: machine.source, line, ...(machine.scaling === undefined ? {} : { scaling: machine.scaling }) }],
  );
}

/**
 * Every machine the charts draw: the shown compared ones, then a share link's machine not yet
 * among the compared ones, on the line after all of them (so that no compared machine, shown or
 * hidden, shares its colour and dashes). `visible` itself when there is no such link.
 */
export function withSharedLinkMachine(visible: readonly ChartMachine[], comparedCount: number, linkMachine: ChartMachine | null): readonly ChartMachine[] {
  if (linkMachine === null || visible.some((machine) => machine.id === linkMachine.id)) return visible;
  return [...visible, { ...linkMachine, line: comparedCount }];
}
