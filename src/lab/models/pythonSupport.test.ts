import { describe, expect, it } from 'vitest';
import { EXECUTION_MODELS, TASK_KINDS } from './catalog';
import { pythonSupport } from './pythonSupport';

describe('pythonSupport', () => {
  it('offers workers in parallel and workers sharing one lock with Python, for counting and for waiting', () => {
    for (const model of ['parallel', 'lock'] as const) for (const task of TASK_KINDS) expect(pythonSupport(model, task)).toEqual({ offered: true });
  });

  it('says in one sentence why the main thread is not offered with Python', () => {
    for (const model of ['main-thread'] as const) {
      for (const task of TASK_KINDS) {
        const support = pythonSupport(model, task);
        expect(support.offered, `${model} ${task}`).toBe(false);
        if (support.offered) continue;
        expect(support.why).toMatch(/^(Counting|Waiting) [^.]+ runs with JavaScript only: with Python, [^.]+\.$/);
        expect(support.why.startsWith(task === 'cpu' ? 'Counting' : 'Waiting')).toBe(true);
      }
    }
    const mainThread = pythonSupport('main-thread', 'cpu');
    expect(mainThread.offered ? '' : mainThread.why).toContain('10 MB interpreter');
  });

  it('answers for every model of the catalog', () => {
    for (const model of EXECUTION_MODELS) for (const task of TASK_KINDS) expect(typeof pythonSupport(model, task).offered).toBe('boolean');
  });
});
