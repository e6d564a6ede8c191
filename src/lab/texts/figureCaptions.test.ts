import { describe, expect, it } from 'vitest';
import { analyze } from '../measurement/analysis';
import { makeRun as run } from '../../testing/makeRun';
import { costFigureCaption, speedUpFigureCaption, timeFigureCaption, timelineCaption } from './figureCaptions';

describe('the figures’ captions', () => {
  const mainThread = [run(1, 300, { model: 'main-thread' }), run(2, 310, { model: 'main-thread' })];

  it('name the lanes tasks on the main thread, and workers otherwise', () => {
    const tasks = analyze(mainThread, { cores: 2, reportedCores: 2, maxWorkers: 8 });
    expect(timeFigureCaption(tasks, '')).toMatch(/^Wall-clock time against the number of tasks, /);
    expect(speedUpFigureCaption(tasks)).toBe('Speed-up against the number of tasks: the measured median beside the ideal, which stays at 1×: one thread counts every task, whatever the cores.');
    expect(costFigureCaption(tasks)).toBe('Start-up and compute time per number of tasks (medians): on the main thread there are no workers to spawn.');
    const workers = analyze([run(1, 300), run(2, 160)], { cores: 2, reportedCores: 2, maxWorkers: 8 });
    expect(speedUpFigureCaption(workers)).toMatch(/^Speed-up against the number of workers: /);
    expect(costFigureCaption(workers)).toBe('Start-up and compute time per number of workers (medians): what spawning the workers costs.');
    expect(speedUpFigureCaption(analyze([], { cores: 2, reportedCores: 2, maxWorkers: 8 }))).toMatch(/^Speed-up against the number of workers: /);
  });

  it('say the cores line marks 1 core, not "1 cores", and cores assumed when the browser reports none', () => {
    expect(timeFigureCaption(analyze([], { cores: 1, reportedCores: 1, maxWorkers: 8 }), '')).toContain('dots marks the 1 core this browser reports.');
    const assumed = timeFigureCaption(analyze([], { cores: 4, reportedCores: null, maxWorkers: 8 }), ' 1 run with other settings is in the table only.');
    expect(assumed).toMatch(/dots marks the 4 cores assumed, since this browser reports no core count\. 1 run with other settings is in the table only\.$/);
    expect(assumed).not.toContain('cores this browser reports');
  });
});

describe('timelineCaption', () => {
  it('names the run drawn by its number, and a sweep’s warm-up by none (the run after it takes the number)', () => {
    expect(timelineCaption({ runId: 3, warmUp: false, model: 'lock', lanes: 2 })).toBe(
      'Timeline of the latest run (run 3, 2 workers sharing one lock): one lane per worker, coloured by what it was doing, on the page’s clock.',
    );
    const warmUp = timelineCaption({ runId: 3, warmUp: true, model: 'main-thread', lanes: 2 });
    expect(warmUp).toBe('Timeline of the latest run (the sweep’s warm-up, not kept): one lane per task, coloured by what it was doing, on the page’s clock.');
    expect(warmUp).not.toMatch(/run \d/);
  });
});

describe('the figures’ captions with other machines', () => {
  const machine = (label: string) => ({ id: label, label, source: 'file' as const, curve: [{ workers: 1, medianMs: 1000 }] });
  const analysis = analyze([run(1, 300), run(2, 160)], { cores: 2, reportedCores: 2, maxWorkers: 8 });

  it('name up to four machines drawn, and count more', () => {
    expect(timeFigureCaption(analysis, '', [])).toBe(timeFigureCaption(analysis, ''));
    expect(timeFigureCaption(analysis, '', [machine('Ana’s laptop')])).toMatch(/cores this browser reports\. Also drawn: the medians of 1 other machine \(“Ana’s laptop”\), each in its own colour and dashes\.$/);
    expect(speedUpFigureCaption(analysis, [machine('A'), machine('B'), machine('C')])).toMatch(
      /\. Also drawn: the speed-ups \(each from its own 1-worker time\) of 3 other machines \(“A”, “B” and “C”\), each in its own colour and dashes\.$/,
    );
    const five = ['A', 'B', 'C', 'D', 'E'].map(machine);
    expect(timeFigureCaption(analysis, '', five)).toContain('the medians of 5 other machines, named in the legend and in the Machines table,');
  });
});
