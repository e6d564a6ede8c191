import { readableRound } from '../measurement/calibrate';
import { countInWords, formatCount } from '../measurement/count';
import { idealSpeedUp, type LanesAtOnce, type TimeModel } from '../measurement/model';
import { asFastAsTheFastest, startUpPerWorkerMs, unsteadySetting, type Spread, type WorkerStats } from '../measurement/stats';
import { MAX_TOTAL } from '../measurement/split';
import { formatDuration } from './duration';
import { LANE_NOUN } from './lesson';
import { ABOUT_AS_LONG, fitSentence, gainInWords, lanesCount, reasonSentence, startUpAgreement, type SeriesKind, type StartUpAgreement } from './summaryReasons';
import type { Scaling } from '../types';

export type { SeriesKind } from './summaryReasons';

export interface SummaryInput {
  stats: readonly WorkerStats[];
  /** The fitted time model of the series, or null when the runs cannot pin one down. */
  fit: TimeModel | null;
  /** The logical cores the page plans for: those the browser reports, or those assumed when it reports none. */
  cores: number;
  /** The logical cores the browser reports; null when it reports none, so that no sentence says it reported the assumed ones. */
  reportedCores: number | null;
  scaling: Scaling;
  /** What the series' lanes were and did. */
  kind: SeriesKind;
  /** How many of its lanes work at once (lanesAtOnce of its model and task). */
  atOnce: LanesAtOnce;
  /** The series' total count (or each worker's, for the same count per worker), for suggesting a larger one. */
  count?: number;
}

/** Said after the winner of a Python series: what its workers were, and what their start-up holds. */
export const PYTHON_SENTENCE =
  'These runs counted in Python, the lesson’s own function in one interpreter per worker: each worker’s start-up includes loading its interpreter, as a Python process’s does.';

/** A fit this far off (relative to the fastest median) explains little; the summary says so. */
export const POOR_FIT_FRACTION = 0.1;

const times = (value: number) => `${value.toFixed(1)}×`;

/** Start-up at least this fraction of the counting is as large as the counting, for the lesson: the summary says so. */
export const START_UP_HEAVY_FRACTION = 0.5;

/** How long one worker should count for the lesson to show (ms): start-up is then a small part. */
export const SUGGESTED_COUNTING_MS = 3000;

/** A readable count that takes one worker about SUGGESTED_COUNTING_MS, from a measured one-worker compute time. */
export function suggestLargerCount(count: number, oneWorkerComputeMs: number): number {
  const scaled = oneWorkerComputeMs > 0 ? (count * SUGGESTED_COUNTING_MS) / oneWorkerComputeMs : count * 10;
  return Math.min(MAX_TOTAL, readableRound(Math.max(scaled, count * 2)));
}

/** "141–148 ms", "9.5 s – 12.1 s", or one time when the runs agree. */
export function spreadInWords({ min, max }: Spread): string {
  if (Math.round(min) === Math.round(max)) return formatDuration(min);
  return max < 10_000 ? `${formatCount(Math.round(min))}–${formatCount(Math.round(max))} ms` : `${formatDuration(min)} – ${formatDuration(max)}`;
}

/** "1 and 2", "2, 3 and 4". */
function listInWords(values: readonly number[]): string {
  const words = values.map(String);
  return words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Lists the spreads of so many worker counts at most; more are said as one range. */
const SPREADS_LISTED = 3;

/**
 * Which worker count was fastest, only where its spread stands apart from the next best's;
 * otherwise which worker counts were as fast as each other within the spread.
 */
function winnerSentence(stats: readonly WorkerStats[], scaling: Scaling, cores: number, kind: SeriesKind, atOnce: LanesAtOnce): string {
  // One lane at a time cannot gain: a count past 1 a few percent ahead is noise, never "fastest" beside "cannot count faster".
  const oneAtATime = atOnce === 'one';
  const beyondSpread = asFastAsTheFastest(stats, scaling);
  const [fastest, ...tied] = oneAtATime && beyondSpread[0].workers !== 1 ? asFastAsTheFastest(stats, scaling, ABOUT_AS_LONG) : beyondSpread;
  const lanes = (workers: number) => lanesCount(kind.model, workers);
  if (tied.length === 0) {
    if (scaling === 'weak') {
      const ideal = idealSpeedUp(fastest.workers, cores, atOnce);
      return `Most work per second with ${lanes(fastest.workers)}: ${times(fastest.speedUp ?? 1)} the work of ${lanes(1)} in ${formatDuration(fastest.wallMs.median)} (ideal: ${times(ideal)}).`;
    }
    return fastest.workers === 1
      ? `Fastest with ${lanes(1)}: ${formatDuration(fastest.wallMs.median)}. More ${LANE_NOUN[kind.model]}s did not help here.`
      : `Fastest with ${lanes(fastest.workers)}: ${formatDuration(fastest.wallMs.median)}, ${gainInWords(fastest.speedUp ?? 1, scaling, kind.model)}.`;
  }
  const group = [fastest, ...tied].sort((a, b) => a.workers - b.workers);
  const who = `${listInWords(group.map((row) => row.workers))} ${LANE_NOUN[kind.model]}s`;
  const spreads =
    group.length <= SPREADS_LISTED
      ? group.map((row) => `${lanes(row.workers)}: ${spreadInWords(row.wallMs)}`).join('; ')
      : spreadInWords({ median: fastest.wallMs.median, min: Math.min(...group.map((row) => row.wallMs.min)), max: Math.max(...group.map((row) => row.wallMs.max)) });
  const alike = oneAtATime
    ? scaling === 'strong'
      ? 'took about as long as each other'
      : 'did about as much work per second as each other'
    : `${scaling === 'strong' ? 'were as fast as each other' : 'did as much work per second as each other'} within the spread of their runs`;
  const outcome =
    group[0].workers === 1 ? `. More ${LANE_NOUN[kind.model]}s did not help here.` : fastest.speedUp === null ? '.' : `, up to ${gainInWords(fastest.speedUp, scaling, kind.model)}.`;
  return `${who} ${alike} (${spreads})${outcome}`;
}

/** Start-up as large as the counting (or the waits) hides what the workers can do: say so, and suggest a count that shows it. */
function startUpHeavySentence(stats: readonly WorkerStats[], cores: number, kind: SeriesKind, atOnce: LanesAtOnce, count: number | undefined): string | null {
  // Only workers have a start-up to weigh, and only where the workers can gain: not one at a time.
  if (kind.model === 'main-thread' || atOnce === 'one') return null;
  const largestUseful = atOnce === 'all' ? Number.POSITIVE_INFINITY : Math.max(2, cores);
  const heavy = stats.find(
    (row) => row.speedUp !== null && row.workers > 1 && row.workers <= largestUseful && row.startupMs.median >= START_UP_HEAVY_FRACTION * row.computeMs.median,
  );
  if (!heavy) return null;
  const oneWorker = stats.find((row) => row.workers === 1);
  const suggestion = count === undefined ? 'a larger total count' : `a larger total count, such as ${countInWords(suggestLargerCount(count, oneWorker?.computeMs.median ?? 0))}`;
  // Compared as written: "took longer than their waits (98 ms)" beside 98 ms would read as a mistake.
  const startUpWords = formatDuration(heavy.startupMs.median);
  const workWords = formatDuration(heavy.computeMs.median);
  const compared = startUpWords === workWords ? 'as long as' : heavy.startupMs.median > heavy.computeMs.median ? 'longer than' : 'more than half as long as';
  const work = kind.task === 'io' ? 'waits' : 'counting';
  const shows = kind.task === 'io' ? 'the waits overlapping' : 'the cores';
  return `At ${lanesCount(kind.model, heavy.workers)}, starting the workers (${startUpWords}) took ${compared} their ${work} (${workWords}), so the speed-up shows start-up more than ${shows}. Try ${suggestion}.`;
}

/** Start-up this large a part of the serial time, at least, makes the serial time "mostly start-up". */
export const MOSTLY_FRACTION = 0.5;

/** Workers in parallel that count, split total: Amdahl's serial fraction at the cores, and what it is made of where the numbers say. */
function serialFractionSentence(
  stats: readonly WorkerStats[],
  cores: number,
  kind: SeriesKind,
  startUp: StartUpAgreement,
  heavySaid: boolean,
): string | null {
  const largest = stats[stats.length - 1].workers;
  const atCores = stats.find((row) => row.workers === Math.min(cores, largest));
  const oneWorker = stats.find((row) => row.workers === 1);
  if (!atCores || atCores.karpFlatt === null || atCores.workers <= 1 || (heavySaid && atCores.karpFlatt >= 1)) return null;
  const lanes = lanesCount(kind.model, atCores.workers);
  if (atCores.karpFlatt >= 1) return `At ${lanes} the extra workers cost more than they brought: the count is too small to share. Try a larger total count.`;
  const fraction = Math.max(0, atCores.karpFlatt);
  const serialMs = fraction * (oneWorker?.wallMs.median ?? 0);
  // "Mostly start-up" only where the fit and the measured start-up agree that starting costs, and start-up is most of the serial time.
  const mostlyStartUp = startUp?.kind === 'costly' && serialMs > 0 && atCores.startupMs.median >= MOSTLY_FRACTION * serialMs;
  return `Serial fraction at ${lanes} (Karp–Flatt): ${String(Math.round(fraction * 1000) / 10)}%, the part of the run no extra core speeds up${mostlyStartUp ? ', mostly start-up' : ''}.`;
}

/** What the runs at one setting say of the machine: far apart, it was busy with something else. */
function unsteadySentence(stats: readonly WorkerStats[], model: SeriesKind['model']): string | null {
  const unsteady = unsteadySetting(stats);
  if (!unsteady) return null;
  return `The runs with ${lanesCount(model, unsteady.workers)} took ${spreadInWords(unsteady.wallMs)}, ${times(unsteady.wallMs.max / unsteady.wallMs.min)} apart: the machine was probably busy with something else. Close other programs and repeat the sweep.`;
}

/** The sweep's story in plain sentences, with this machine's numbers, true for its model and task. */
export function summarize({ stats, fit, cores, reportedCores, scaling, kind, atOnce, count }: SummaryInput): string[] {
  const measured = stats.filter((row): row is WorkerStats & { speedUp: number } => row.speedUp !== null);
  if (stats.length < 2 || measured.length < 2) {
    return ['Run a sweep (or runs with 1 worker and with more, at the same count) to see the whole curve explained here.'];
  }
  const sentences: string[] = [winnerSentence(stats, scaling, cores, kind, atOnce)];
  if (kind.language === 'python') sentences.push(PYTHON_SENTENCE);
  const startUp = startUpAgreement(fit, startUpPerWorkerMs(stats), kind.model);
  const fewestFastest = Math.min(...asFastAsTheFastest(stats, scaling).map((row) => row.workers));
  const reason = reasonSentence({ kind, atOnce, measured, cores, reportedCores, scaling, startUp, fewestFastest });
  if (reason) sentences.push(reason);
  if (fit) {
    sentences.push(fitSentence(fit, kind));
    const quickest = Math.min(...stats.map((row) => row.wallMs.median));
    if (fit.rmsMs > POOR_FIT_FRACTION * quickest) sentences.push('The model fits poorly here: read the measured medians rather than its line.');
  }
  const unsteady = unsteadySentence(stats, kind.model);
  if (unsteady) sentences.push(unsteady);
  const heavy = startUpHeavySentence(stats, cores, kind, atOnce, count);
  if (heavy) sentences.push(heavy);
  if (atOnce === 'up-to-cores' && scaling === 'strong') {
    const serial = serialFractionSentence(stats, cores, kind, startUp, heavy !== null);
    if (serial) sentences.push(serial);
  }
  return sentences;
}
