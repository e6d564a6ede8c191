import type { ComparedMachine } from '../lab/exchange/comparedMachine';

/** For tests: another machine imported from a file, "Machine <id>" on 4 cores with one point on its curve, changed as asked. */
export function makeMachine(id: string, overrides: Partial<ComparedMachine> = {}): ComparedMachine {
  return {
    id,
    source: 'file',
    label: `Machine ${id}`,
    reportedCores: 4,
    measuredCores: 4,
    browser: 'Chrome 140',
    seriesWords: null,
    curve: [{ workers: 1, medianMs: 1000 }],
    ...overrides,
  };
}
