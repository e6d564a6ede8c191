/** The x-axis both line charts share: one tick per worker count, from 1 to the slider's top. */
export function workersAxis(maxWorkers: number) {
  return {
    type: 'number' as const,
    dataKey: 'workers',
    domain: [0.5, maxWorkers + 0.5],
    ticks: Array.from({ length: maxWorkers }, (_, index) => index + 1),
    allowDecimals: false,
    stroke: 'var(--ink)',
    label: { value: 'Workers', position: 'insideBottom' as const, offset: -16, fill: 'var(--ink)' },
  };
}
