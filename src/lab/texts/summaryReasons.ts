import { kneeWorkers, lanesAtOnce, type LanesAtOnce, type TimeModel } from '../measurement/model';
import type { WorkerStats } from '../measurement/stats';
import { formatDuration } from './duration';
import { LANE_NOUN } from './lesson';
import type { ExecutionModel, KernelLanguage, Scaling, TaskKind } from '../types';

/** What the lanes of a series were and did: the sentences that can be true depend on it. */
export interface SeriesKind {
  model: ExecutionModel;
  task: TaskKind;
  /** "Freeze the page": the main thread counted its slices back to back. */
  frozen: boolean;
  /** "Kernel language": absent or 'javascript' for the app's own loop, 'python' for the lesson's function in an interpreter per worker. */
  language?: KernelLanguage;
}

/** What the fit and the measured start-up agree on about starting a worker (the fit's cost each, as its sentence says); null when they do not agree. */
export type StartUpAgreement = { kind: 'costly'; msEach: number } | { kind: 'free' } | null;

/** The fit's cost per worker and the measured start-up per worker agree when neither is more than this many times the other. */
export const START_UP_AGREEMENT = 2;

/**
 * Whether the sweep can say what starting a worker costs: 'costly' (with the fit's cost
 * per worker) when the fit's cost per worker and the measured one are
 * both at least 1 ms and within START_UP_AGREEMENT of each other; 'free' when both are under
 * 1 ms; null otherwise, and on the main thread, which starts no workers.
 */
export function startUpAgreement(fit: TimeModel | null, measuredMsEach: number | null, model: ExecutionModel): StartUpAgreement {
  if (fit === null || measuredMsEach === null || model === 'main-thread') return null;
  const fitted = fit.perWorkerMs;
  if (fitted < 1 && measuredMsEach < 1) return { kind: 'free' };
  if (fitted < 1 || measuredMsEach < 1) return null;
  return Math.max(fitted, measuredMsEach) <= START_UP_AGREEMENT * Math.min(fitted, measuredMsEach) ? { kind: 'costly', msEach: fitted } : null;
}

/** "1 worker", "3 tasks". */
export function lanesCount(model: ExecutionModel, lanes: number): string {
  return `${String(lanes)} ${LANE_NOUN[model]}${lanes === 1 ? '' : 's'}`;
}

const times = (value: number) => `${value.toFixed(1)}×`;

/** "1 core", "2 cores". */
export function coresCount(cores: number): string {
  return `${String(cores)} ${cores === 1 ? 'core' : 'cores'}`;
}

/**
 * The cores the page plans for, said as they are known: "4 cores" as the browser reports them,
 * "4 cores assumed (the browser reports no core count)" when it reports none, and the
 * reported number beside the planned one when they differ (more cores than the lab plans for).
 */
export function plannedCoresInWords(cores: number, reported: number | null): string {
  if (reported === cores) return coresCount(cores);
  return reported === null ? `${coresCount(cores)} assumed (the browser reports no core count)` : `${coresCount(cores)} planned for (the browser reports ${String(reported)})`;
}

/** What the time chart's cores line marks, after "marks ": "the 2 cores this browser reports", or the cores assumed when it reports none. */
export function coresLineInWords(cores: number, reported: number | null): string {
  if (reported === cores) return `the ${coresCount(cores)} this browser reports`;
  return reported === null ? `the ${coresCount(cores)} assumed, since this browser reports no core count` : `the ${coresCount(cores)} the lab plans for (this browser reports ${String(reported)})`;
}

/** "1.8× faster than 1" ("0.9× the speed of 1" when slower), or for the same count each, "1.8× the work per second of 1 worker". */
export function gainInWords(speedUp: number, scaling: Scaling, model: ExecutionModel): string {
  if (scaling === 'weak') return `${times(speedUp)} the work per second of ${lanesCount(model, 1)}`;
  // "0.9× faster" would call a slower run faster.
  return speedUp < 1 ? `${times(speedUp)} the speed of 1` : `${times(speedUp)} faster than 1`;
}

interface ReasonInput {
  kind: SeriesKind;
  atOnce: LanesAtOnce;
  /** Rows with a speed-up, in worker order: at least two. */
  measured: ReadonlyArray<WorkerStats & { speedUp: number }>;
  /** The cores the page plans for: those reported, or assumed when the browser reports none. */
  cores: number;
  /** The cores the browser reports; null when it reports none (sentences then say the cores were assumed). */
  reportedCores: number | null;
  scaling: Scaling;
  startUp: StartUpAgreement;
  /** The fewest workers as fast as the fastest: extra workers cannot be said to stop helping before it. */
  fewestFastest: number;
}

/** Workers in parallel that count: where the speed-up stopped growing, and what the workers past it cost. */
function coresReason({ measured, cores, reportedCores, scaling, startUp, fewestFastest }: ReasonInput): string | null {
  const measuredKnee = kneeWorkers(measured);
  if (measuredKnee === null) return null;
  const knee = scaling === 'strong' ? Math.max(measuredKnee, fewestFastest) : measuredKnee;
  const largest = measured[measured.length - 1].workers;
  if (knee >= largest) return `Speed-up still grew at ${lanesCount('parallel', largest)}: try more workers to find where it stops.`;
  const which =
    reportedCores === null
      ? `${String(knee)} (the browser reports no core count; ${String(cores)} assumed)`
      : knee === reportedCores
        ? `${String(knee)}, the number of cores this browser reports`
        : `${String(knee)} (the browser reports ${coresCount(reportedCores)})`;
  const cost = startUp?.kind === 'costly' ? `: about ${formatDuration(startUp.msEach)} each` : '';
  if (scaling === 'weak') return `Beyond ${which}, extra workers share the cores there are, so the time grows with them${cost ? `${cost} of start-up on top` : ''}.`;
  if (startUp?.kind === 'costly') return `Beyond ${which}, extra workers only add start-up cost${cost}.`;
  if (startUp?.kind === 'free') return `Beyond ${which}, extra workers add nothing: every core is already busy, and starting one costs under a millisecond.`;
  return `Beyond ${which}, extra workers did not make it faster: every core was already busy.`;
}

/** Why counting one lane at a time gains nothing, for each model that does it. */
const ONE_AT_A_TIME: Readonly<Record<ExecutionModel, string>> = {
  lock: 'Under one lock one worker counts at a time, so more workers cannot count faster, whatever the cores or the count',
  'main-thread': 'On the main thread one thread counts every task, in turns, so more tasks cannot count faster, whatever the cores or the count',
  // Not a case the page runs (workers in parallel count side by side); said plainly should a series ever be one.
  parallel: 'One worker counted at a time here, so more workers could not count faster',
};

/** Times within this fraction of each other are "about as long" (for a teacher pointing at the screen). */
export const ABOUT_AS_LONG = 0.1;

/** Counting one lane at a time (under the lock, on the main thread, frozen or not): nothing to gain, with the times measured. */
function oneAtATimeReason({ kind, measured, scaling }: ReasonInput): string {
  const one = measured.find((row) => row.workers === 1) ?? measured[0];
  const most = measured[measured.length - 1];
  const near = Math.abs(most.wallMs.median / one.wallMs.median - 1) <= ABOUT_AS_LONG;
  const numbers =
    scaling === 'weak'
      ? `${lanesCount(kind.model, most.workers)}, each with the same count, did ${gainInWords(most.speedUp, scaling, kind.model)}`
      : near
        ? `${lanesCount(kind.model, most.workers)} took about as long as ${lanesCount(kind.model, one.workers)} (${formatDuration(most.wallMs.median)} against ${formatDuration(one.wallMs.median)})`
        : `${lanesCount(kind.model, most.workers)} took ${formatDuration(most.wallMs.median)}, ${lanesCount(kind.model, one.workers)} ${formatDuration(one.wallMs.median)}`;
  const why = kind.frozen
    ? 'Frozen, the page’s one thread counts the tasks’ slices back to back and draws nothing until they end, so more tasks cannot count faster, whatever the cores or the count'
    : ONE_AT_A_TIME[kind.model];
  const noStartUp = kind.model === 'main-thread' ? ' There are no workers to start: the tasks only take turns.' : '';
  // The same count each gains work per second from what is done once for all (start-up), never from the counting: its times show it.
  const countingRatio = one.computeMs.median > 0 ? most.computeMs.median / one.computeMs.median : null;
  const sharedRest =
    scaling === 'weak' && most.speedUp >= 1 + ABOUT_AS_LONG && countingRatio !== null
      ? ` Their counting still took turns: ${lanesCount(kind.model, most.workers)} counted for ${times(countingRatio)} as long as ${lanesCount(kind.model, one.workers)}, with ${String(most.workers)} times the count; only the rest of the run, done once for all of them, was shared.`
      : '';
  return `${why}: ${numbers}.${noStartUp}${sharedRest}`;
}

/** Why waits overlap, for each model. */
const WAITS_OVERLAP: Readonly<Record<ExecutionModel, string>> = {
  parallel: 'A waiting task needs no core, so the waits overlap beyond the cores',
  lock: 'A waiting worker gives the lock up for its wait, as a Python thread gives up the GIL, and a wait needs no core, so the waits overlap beyond the cores',
  'main-thread': 'A wait needs no core and no thread of its own: the page’s one thread starts every timer, so the waits overlap beyond the cores',
};

/** Waiting tasks: the waits overlap beyond the cores, and what this sweep shows of it. */
function waitsReason({ kind, measured, cores, reportedCores, scaling }: ReasonInput): string {
  const most = measured[measured.length - 1];
  const lanes = lanesCount(kind.model, most.workers);
  const gain = gainInWords(most.speedUp, scaling, kind.model);
  const why = WAITS_OVERLAP[kind.model];
  if (most.workers <= cores) {
    return `${why}: ${lanes} waited at once, ${gain} (ideal: ${times(most.workers)}). Try more ${LANE_NOUN[kind.model]}s than the ${plannedCoresInWords(cores, reportedCores)} to see the waits overlap beyond them.`;
  }
  const machine = reportedCores === null ? `a machine that reports no core count (${coresCount(cores)} assumed)` : `a machine with ${plannedCoresInWords(cores, reportedCores)}`;
  if (most.speedUp > cores) {
    return `${why}: ${lanes} waited at once on ${machine}, ${gain}, more than the ${times(cores)} that counting could gain.`;
  }
  return `${why}: ${lanes} waited at once on ${machine}, but only ${gain} here: the waits were short beside the rest of the run.`;
}

/** The sentence that says why the curve looks as it does, for this model and task; null when the sweep cannot say. */
export function reasonSentence(input: ReasonInput): string | null {
  switch (input.atOnce) {
    case 'up-to-cores':
      return coresReason(input);
    case 'one':
      return oneAtATimeReason(input);
    case 'all':
      return waitsReason(input);
  }
}

/** The fitted model in words, naming cores only where the work is shared by cores. */
export function fitSentence(fit: TimeModel, kind: SeriesKind): string {
  const ms = formatDuration;
  const lane = LANE_NOUN[kind.model];
  const strong = fit.scaling === 'strong';
  let parts: string[];
  switch (fit.atOnce) {
    case 'up-to-cores': {
      const cores = coresCount(fit.cores);
      parts = [ms(fit.serialMs), `${ms(fit.perWorkerMs)} per worker`, `${ms(fit.workMs)} of counting ${strong ? 'shared by' : 'for each worker, on'} ${cores}`];
      break;
    }
    case 'one':
      // One lane at a time: the fixed part (a split total) or the part per lane (the same count each) is counted as work.
      parts = strong
        ? [`${ms(fit.perWorkerMs)} per ${lane}`, `${ms(fit.workMs)} of counting, one ${lane} at a time`]
        : [ms(fit.serialMs), `${ms(fit.workMs)} of counting for each ${lane}, one at a time`];
      break;
    case 'all':
      // The same wait each: the waits take one wait, counted as work with the fixed part.
      parts = strong
        ? [ms(fit.serialMs), `${ms(fit.perWorkerMs)} per ${lane}`, `${ms(fit.workMs)} of waiting divided among the ${lane}s, all waiting at once`]
        : [`${ms(fit.perWorkerMs)} per ${lane}`, `${ms(fit.workMs)} of waiting, every ${lane} at once`];
      break;
  }
  return `Fitted model: ${parts.join(' + ')} (typical misfit ${ms(fit.rmsMs)}).`;
}

/** Why runs of this kind cannot measure the cores, for "This machine". */
function whyNoCores(kind: SeriesKind): string {
  if (kind.task === 'io') return 'waiting runs do not measure them, since a wait needs no core';
  if (kind.model === 'lock') return 'runs under one lock do not measure them, since one worker counts at a time';
  return 'runs on the main thread do not measure them, since one thread counts every task';
}

/**
 * What "Cores the runs measured" says beside (or instead of) a number, for the series shown:
 * only workers in parallel that count can measure the cores. Null when the series shown
 * measured them itself, or when nothing was run.
 */
export function measuredCoresWords(shown: SeriesKind | null, measuredElsewhere: boolean): string | null {
  if (shown === null || lanesAtOnce(shown.model, shown.task) === 'up-to-cores') return null;
  return measuredElsewhere
    ? `from the latest runs of workers in parallel that count: ${whyNoCores(shown)}`
    : `not measured: ${whyNoCores(shown)}. A sweep of workers in parallel that count measures them`;
}

/** The speed-up chart's ideal in words, after "the ideal, ": what it is for this model and task, with the cores planned for (`reported` null: assumed). */
export function idealInWords(kind: SeriesKind | null, cores: number, reported: number | null): string {
  const upToCores = `which grows with the workers up to the ${plannedCoresInWords(cores, reported)} and stays flat after`;
  if (kind === null) return upToCores;
  const lane = LANE_NOUN[kind.model];
  switch (lanesAtOnce(kind.model, kind.task)) {
    case 'up-to-cores':
      return upToCores;
    case 'one':
      return kind.model === 'lock' ? 'which stays at 1×: one worker holds the lock at a time, whatever the cores' : 'which stays at 1×: one thread counts every task, whatever the cores';
    case 'all':
      return `which grows with every ${lane}, beyond the ${plannedCoresInWords(cores, reported)}: a wait needs no core`;
  }
}
