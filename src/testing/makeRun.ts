import type { RunRecord } from '../lab/types';

let lastId = 0;

/** For tests: a finished, reliable one-billion strong-scaling run with fresh workers, changed as asked. */
export function makeRun(workers: number, wallMs: number, overrides: Partial<RunRecord> = {}): RunRecord {
  lastId += 1;
  return {
    id: lastId,
    stableId: `made-${String(lastId)}`,
    workers,
    scaling: 'strong',
    count: 1e9,
    pooled: false,
    sweepId: null,
    model: 'parallel',
    task: 'cpu',
    freeze: false,
    nsPerCount: 0.3,
    predictionMs: null,
    total: 1e9,
    counted: 1e9,
    status: 'done',
    startupMs: 10,
    computeMs: wallMs - 10,
    wallMs,
    hiddenDuringRun: false,
    ...overrides,
  };
}
