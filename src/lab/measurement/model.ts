import type { ExecutionModel, Scaling, TaskKind } from '../types';

/**
 * How many lanes get on with their work at the same moment:
 * 'up-to-cores': workers in parallel that count, one a core;
 * 'one': counting under one lock, or on the page's one thread, one lane at a time whatever the cores;
 * 'all': waiting tasks, every one at once, since a wait needs no core (nor, under the lock, the lock).
 */
export type LanesAtOnce = 'up-to-cores' | 'one' | 'all';

/** How many lanes of this model and task work at once (see src/page/run/runUnderLock.ts: a waiting worker gives the lock up for its wait). */
export function lanesAtOnce(model: ExecutionModel, task: TaskKind): LanesAtOnce {
  if (task === 'io') return 'all';
  return model === 'parallel' ? 'up-to-cores' : 'one';
}

/**
 * The model that explains the curve: wall-clock time with k workers is
 *   serial + perWorker × k + work × W(k) / A(k)
 * a fixed part, a cost each worker adds, and the work shared by the lanes that
 * work at once, A(k): min(k, cores) for workers in parallel that count, 1 under
 * one lock or on one thread, k for waits. W(k) is 1 for strong scaling (one
 * total) and k for weak scaling (k workers, each with the whole count).
 */
export interface TimeModel {
  /** The part that no worker shares (ms). */
  serialMs: number;
  /** What each extra worker adds: start-up, hand-overs, turns (ms). */
  perWorkerMs: number;
  /** The counting (or waiting) of one lane alone (ms). */
  workMs: number;
  /** The cores the fit found, where adding workers stops dividing the work: only for 'up-to-cores' (1 otherwise, where cores do not enter). */
  cores: number;
  /** Root mean square of the misfit (ms). */
  rmsMs: number;
  scaling: Scaling;
  atOnce: LanesAtOnce;
}

/** One measured point: a worker count and its wall-clock time (ms). */
export interface TimePoint {
  workers: number;
  wallMs: number;
}

/** How many of k lanes work at the same moment. */
function workingAtOnce(workers: number, cores: number, atOnce: LanesAtOnce): number {
  if (atOnce === 'one') return 1;
  return atOnce === 'all' ? workers : Math.min(workers, cores);
}

function workShare(workers: number, cores: number, scaling: Scaling, atOnce: LanesAtOnce): number {
  return (scaling === 'strong' ? 1 : workers) / workingAtOnce(workers, cores, atOnce);
}

/** The model's wall-clock time (ms) for k workers. */
export function predictWallMs(model: Omit<TimeModel, 'rmsMs'>, workers: number): number {
  return model.serialMs + model.perWorkerMs * workers + model.workMs * workShare(workers, model.cores, model.scaling, model.atOnce);
}

/** Solves a small square linear system by Gaussian elimination with pivoting; null when it is singular. */
function solveLinear(matrix: readonly number[][], vector: readonly number[]): number[] | null {
  const size = vector.length;
  const rows = matrix.map((row, index) => [...row, vector[index]]);
  for (let column = 0; column < size; column += 1) {
    let pivot = column;
    for (let row = column + 1; row < size; row += 1) if (Math.abs(rows[row][column]) > Math.abs(rows[pivot][column])) pivot = row;
    if (Math.abs(rows[pivot][column]) < 1e-12) return null;
    [rows[column], rows[pivot]] = [rows[pivot], rows[column]];
    for (let row = 0; row < size; row += 1) {
      if (row === column) continue;
      const factor = rows[row][column] / rows[column][column];
      for (let entry = column; entry <= size; entry += 1) rows[row][entry] -= factor * rows[column][entry];
    }
  }
  return rows.map((row, index) => row[size] / row[index]);
}

/**
 * Least-squares fit of the model for a given number of cores, with no part
 * below zero: a negative start-up cost per worker explains nothing to a
 * student. Fits every subset of the three parts (the others held at 0) and
 * keeps the best one whose parts are all ≥ 0, which is the non-negative
 * least-squares fit. Needs at least three distinct worker counts; null when
 * the points cannot pin the model down.
 */
export function fitModelWithCores(points: readonly TimePoint[], cores: number, scaling: Scaling, atOnce: LanesAtOnce = 'up-to-cores'): TimeModel | null {
  if (new Set(points.map((point) => point.workers)).size < 3) return null;
  // Columns: 1, k, W(k)/A(k). Normal equations AᵀA x = Aᵀy; times are scaled to seconds for conditioning.
  const features = points.map((point) => [1, point.workers, workShare(point.workers, cores, scaling, atOnce)]);
  // The work column can equal another one (one lane at a time: 1 for a split total, k for the same count per
  // worker; waits of the same count each: 1): that part is then counted as work, so that rounding cannot decide which it is.
  const sameAsWork = [0, 1].find((column) => features.every((row) => row[2] === row[column])) ?? -1;
  let best: TimeModel | null = null;
  for (let subset = 1; subset < 8; subset += 1) {
    if ((subset >> sameAsWork) & 1 && sameAsWork >= 0) continue;
    const free = [0, 1, 2].filter((column) => (subset >> column) & 1);
    const normal = free.map((i) => free.map((j) => features.reduce((total, row) => total + row[i] * row[j], 0)));
    const right = free.map((i) => features.reduce((total, row, index) => total + row[i] * (points[index].wallMs / 1000), 0));
    const solution = solveLinear(normal, right);
    if (!solution || solution.some((value) => value < 0)) continue;
    const parts = [0, 0, 0];
    free.forEach((column, index) => (parts[column] = solution[index] * 1000));
    const [serialMs, perWorkerMs, workMs] = parts;
    const model = { serialMs, perWorkerMs, workMs, cores, scaling, atOnce };
    const squares = points.reduce((total, point) => total + (predictWallMs(model, point.workers) - point.wallMs) ** 2, 0);
    const rmsMs = Math.sqrt(squares / points.length);
    if (!best || rmsMs < best.rmsMs) best = { ...model, rmsMs };
  }
  return best;
}

/**
 * The best fit: for workers in parallel that count, over every core count from
 * 1 to the largest worker count measured, the one with the least misfit; for
 * lanes one at a time or all at once, where cores do not enter, the one fit. A
 * fit that makes the work negative explains nothing and is passed over.
 */
export function fitModel(points: readonly TimePoint[], scaling: Scaling, atOnce: LanesAtOnce = 'up-to-cores'): TimeModel | null {
  if (atOnce !== 'up-to-cores') {
    const model = fitModelWithCores(points, 1, scaling, atOnce);
    return model && model.workMs > 0 ? model : null;
  }
  const largest = Math.max(0, ...points.map((point) => point.workers));
  let best: TimeModel | null = null;
  for (let cores = 1; cores <= largest; cores += 1) {
    const model = fitModelWithCores(points, cores, scaling);
    if (!model || model.workMs <= 0) continue;
    // Prefer fewer cores unless more explain clearly better (10% and 1 ms less misfit): noise,
    // or rounding between two perfect fits, should not invent cores.
    if (!best || model.rmsMs < Math.min(best.rmsMs * 0.9, best.rmsMs - 1)) best = model;
  }
  return best;
}

/**
 * Speed-up an ideal machine gives with k workers: k while there are cores, flat after, for
 * workers in parallel that count; 1 (none) for lanes one at a time; k for waits, whatever the cores.
 */
export function idealSpeedUp(workers: number, cores: number, atOnce: LanesAtOnce = 'up-to-cores'): number {
  return workingAtOnce(workers, cores, atOnce);
}

/** Wall-clock time an ideal machine needs (ms), from the one-worker time, with no start-up cost. */
export function idealWallMs(workers: number, cores: number, oneWorkerMs: number, scaling: Scaling, atOnce: LanesAtOnce = 'up-to-cores'): number {
  return oneWorkerMs * workShare(workers, cores, scaling, atOnce);
}

/** The speed-up a worker must add, at least, for the sweep to count it as a core of its own. */
export const KNEE_GAIN = 0.5;

/**
 * The cores the sweep measured: the worker count after which speed-up stops
 * growing, i.e. each further worker adds less than KNEE_GAIN to it. Null
 * with fewer than two worker counts.
 */
export function kneeWorkers(points: ReadonlyArray<{ workers: number; speedUp: number }>): number | null {
  const sorted = [...points].sort((a, b) => a.workers - b.workers);
  if (sorted.length < 2) return null;
  for (let index = 0; index < sorted.length - 1; index += 1) {
    const here = sorted[index];
    const next = sorted[index + 1];
    const gainPerWorker = (next.speedUp - here.speedUp) / (next.workers - here.workers);
    if (gainPerWorker < KNEE_GAIN) return here.workers;
  }
  return sorted[sorted.length - 1].workers;
}
