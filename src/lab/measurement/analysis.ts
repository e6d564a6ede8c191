import { fitModel, idealSpeedUp, idealWallMs, kneeWorkers, lanesAtOnce, predictWallMs, type LanesAtOnce, type TimeModel } from './model';
import { isFrozen, isReliable, seriesKey, statsByWorkers, type WorkerStats } from './stats';
import { contrastSentences } from '../texts/lesson';
import { summarize } from '../texts/summary';
import { coresLineInWords, idealInWords, measuredCoresWords } from '../texts/summaryReasons';
import type { ExecutionModel, KernelLanguage, RunRecord, Scaling, TaskKind } from '../types';

/** One run as a dot on the time chart (seconds). */
export interface RunDot {
  runId: number;
  workers: number;
  seconds: number;
}

/** Per worker count, what the charts draw (seconds). */
export interface WorkerRow {
  workers: number;
  medianSeconds: number;
  /** [least, greatest] wall-clock time. */
  rangeSeconds: [number, number];
  startupSeconds: number;
  computeSeconds: number;
}

/** A curve over every worker count from 1 to the slider's top. */
export interface CurvePoint {
  workers: number;
  value: number;
}

/** Everything the page shows about the runs of one series: charts, statistics, model and words. */
export interface Analysis {
  /** The series shown: the latest finished run's scaling, count and kind of workers; null before any. */
  series: { key: string; scaling: Scaling; count: number; pooled: boolean; model: ExecutionModel; task: TaskKind; frozen: boolean; language?: KernelLanguage } | null;
  /** How many of the series' lanes work at once, which shapes its ideal and its model; null before any run. */
  atOnce: LanesAtOnce | null;
  dots: RunDot[];
  /** Runs of the series left out of the statistics (tab hidden, count did not add up). */
  unreliableDots: RunDot[];
  rows: WorkerRow[];
  stats: WorkerStats[];
  /** Ideal wall-clock times (s), from the one-worker median, with no start-up cost: the cores', one lane's at a time, or every wait's at once. */
  idealTime: CurvePoint[];
  /** The fitted model's wall-clock times (s). */
  fittedTime: CurvePoint[];
  /** The class's predictions (s), the latest for each worker count of the series, in worker order. */
  predictedTime: CurvePoint[];
  /** Measured median speed-ups. */
  speedUps: CurvePoint[];
  /** min(k, cores planned for) for workers in parallel that count (and before any run); 1 for one lane at a time; k for waits. */
  idealSpeedUps: CurvePoint[];
  /** The speed-up chart's ideal in words, after "the ideal, ". */
  idealWords: string;
  /** What the time chart's cores line marks, after "marks ": the cores reported, or assumed when the browser reports none. */
  coresLineWords: string;
  model: TimeModel | null;
  /** The cores the runs measured, where speed-up stops growing: only workers in parallel that count measure them (the latest such series). */
  measuredCores: number | null;
  /** Beside "Cores the runs measured", or instead of it: why the series shown does not measure them; null when it does or nothing ran. */
  measuredCoresWords: string | null;
  summary: string[];
  /** Finished runs of other series, which the charts leave out. */
  otherRuns: number;
}

interface AnalysisContext {
  /** The cores the page plans for: those reported, or assumed when the browser reports none. */
  cores: number;
  /** The cores the browser reports; null when it reports none (the words then say the cores were assumed). */
  reportedCores: number | null;
  maxWorkers: number;
}

const range = (maxWorkers: number) => Array.from({ length: maxWorkers }, (_, index) => index + 1);

/** The latest prediction for each worker count among these runs (s), in worker order. */
function predictions(runs: readonly RunRecord[]): CurvePoint[] {
  const byWorkers = new Map<number, number>();
  for (const run of runs) if (run.predictionMs !== null) byWorkers.set(run.workers, run.predictionMs / 1000);
  return [...byWorkers.entries()].sort(([a], [b]) => a - b).map(([workers, value]) => ({ workers, value }));
}

/** The cores the latest series of workers in parallel that count measured (where its speed-up stops growing); null without one. */
function coresMeasured(runs: readonly RunRecord[]): number | null {
  const latest = runs.findLast((run) => run.status === 'done' && lanesAtOnce(run.model, run.task) === 'up-to-cores');
  if (!latest) return null;
  const speedUps = statsByWorkers(runs, seriesKey(latest)).flatMap((row) => (row.speedUp === null ? [] : [{ workers: row.workers, speedUp: row.speedUp }]));
  return kneeWorkers(speedUps);
}

/**
 * The runs `analyze` reads: those that went well, oldest first. `previous` itself while they are
 * the same records, so that a run that was stopped or failed leaves the analysis, and every chart,
 * the statistics and the summary drawn from it, as they were: Stop then redraws none of them.
 */
export function finishedRuns(previous: readonly RunRecord[], runs: readonly RunRecord[]): readonly RunRecord[] {
  const finished = runs.filter((run) => run.status === 'done');
  const same = finished.length === previous.length && finished.every((run, index) => run === previous[index]);
  return same ? previous : finished;
}

/** Analyses the runs of the latest series: what every chart, the statistics table and the summary show. */
export function analyze(runs: readonly RunRecord[], { cores, reportedCores, maxWorkers }: AnalysisContext): Analysis {
  const finished = runs.filter((run) => run.status === 'done');
  const latest = finished.at(-1);
  const empty: Analysis = {
    series: null,
    dots: [],
    unreliableDots: [],
    rows: [],
    stats: [],
    idealTime: [],
    fittedTime: [],
    predictedTime: [],
    speedUps: [],
    atOnce: null,
    idealSpeedUps: range(maxWorkers).map((workers) => ({ workers, value: idealSpeedUp(workers, cores) })),
    idealWords: idealInWords(null, cores, reportedCores),
    coresLineWords: coresLineInWords(cores, reportedCores),
    model: null,
    measuredCores: null,
    measuredCoresWords: null,
    summary: summarize({ stats: [], fit: null, cores, reportedCores, scaling: 'strong', kind: { model: 'parallel', task: 'cpu', frozen: false }, atOnce: 'up-to-cores' }),
    otherRuns: 0,
  };
  if (!latest) return empty;

  const key = seriesKey(latest);
  const inSeries = finished.filter((run) => seriesKey(run) === key);
  const dot = (run: RunRecord): RunDot => ({ runId: run.id, workers: run.workers, seconds: (run.wallMs ?? 0) / 1000 });
  const reliable = inSeries.filter(isReliable);
  const stats = statsByWorkers(runs, key);
  const atOnce = lanesAtOnce(latest.model, latest.task);
  // A Python series says so (its captions, its Summary); a JavaScript one says no language, as before.
  const python = latest.language === 'python' ? { language: latest.language } : {};
  const kind = { model: latest.model, task: latest.task, frozen: isFrozen(latest), ...python };
  const model = fitModel(
    reliable.map((run) => ({ workers: run.workers, wallMs: run.wallMs })),
    latest.scaling,
    atOnce,
  );
  const oneWorker = stats.find((row) => row.workers === 1);
  const speedUps = stats.flatMap((row) => (row.speedUp === null ? [] : [{ workers: row.workers, value: row.speedUp }]));
  const measuredCores = coresMeasured(runs);
  return {
    ...empty,
    series: { key, scaling: latest.scaling, count: latest.count, pooled: latest.pooled, model: latest.model, task: latest.task, frozen: kind.frozen, ...python },
    atOnce,
    dots: reliable.map(dot),
    unreliableDots: inSeries.filter((run) => !isReliable(run)).map(dot),
    rows: stats.map((row) => ({
      workers: row.workers,
      medianSeconds: row.wallMs.median / 1000,
      rangeSeconds: [row.wallMs.min / 1000, row.wallMs.max / 1000],
      startupSeconds: row.startupMs.median / 1000,
      computeSeconds: row.computeMs.median / 1000,
    })),
    stats,
    idealTime: oneWorker
      ? range(maxWorkers).map((workers) => ({
          workers,
          value: idealWallMs(workers, cores, oneWorker.wallMs.median, latest.scaling, atOnce) / 1000,
        }))
      : [],
    fittedTime: model ? range(maxWorkers).map((workers) => ({ workers, value: predictWallMs(model, workers) / 1000 })) : [],
    predictedTime: predictions(inSeries),
    speedUps,
    idealSpeedUps: range(maxWorkers).map((workers) => ({ workers, value: idealSpeedUp(workers, cores, atOnce) })),
    idealWords: idealInWords(kind, cores, reportedCores),
    model,
    measuredCores,
    measuredCoresWords: measuredCoresWords(kind, measuredCores !== null),
    // The series' story, then the lesson's contrast between models and tasks, from every run that held (frozen runs are a kind of their own).
    summary: [
      ...summarize({ stats, fit: model, cores, reportedCores, scaling: latest.scaling, kind, atOnce, count: latest.count }),
      ...contrastSentences(finished.filter((run) => isReliable(run) && !isFrozen(run))),
    ],
    otherRuns: finished.length - inSeries.length,
  };
}
