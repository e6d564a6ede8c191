/**
 * Round ticks from 0 to just above `max`: steps of 1, 2 or 5 times a power
 * of ten, about `count` of them, so the axis reads 0, 0.5, 1, 1.5 s.
 */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((factor) => factor * power >= rough) ?? 10) * power;
  const ticks: number[] = [];
  for (let index = 0; index * step < max + step * 1e-9; index += 1) ticks.push(Number((index * step).toPrecision(12)));
  if ((ticks.at(-1) ?? 0) < max) ticks.push(Number((ticks.length * step).toPrecision(12)));
  return ticks;
}

/** An axis label for a time in seconds: "0", "0.25 s", "2 s". */
export function formatSecondsTick(value: number): string {
  return value === 0 ? '0' : `${String(Number(value.toPrecision(3)))} s`;
}
