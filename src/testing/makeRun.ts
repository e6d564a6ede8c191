import type { RunPlan, RunRecord } from '../lab/types';

let lastId = 0;

/** For tests: what a run of 2 fresh workers splitting one billion in parallel is asked, changed as asked. */
export function makePlan(overrides: Partial<RunPlan> = {}): RunPlan {
  return {
    workers: 2,
    scaling: 'strong',
    count: 1e9,
    pooled: false,
    sweepId: null,
    model: 'parallel',
    task: 'cpu',
    freeze: false,
    nsPerCount: 0.3,
    predictionMs: null,
    ...overrides,
  };
}

/** For tests: a finished, reliable one-billion strong-scaling run with fresh workers, changed as asked. */
export function makeRun(workers: number, wallMs: number, overrides: Partial<RunRecord> = {}): RunRecord {
  lastId += 1;
  return {
    ...makePlan({ workers }),
    id: lastId,
    stableId: `made-${String(lastId)}`,
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
