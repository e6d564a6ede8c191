/**
 * Machines side by side: another machine's curve, read from an exported file or a share link,
 * beside this machine's own, and what the class measured.
 */
import { analyze, type Analysis } from '../measurement/analysis';
import { median, speedUpOf, type WorkerStats } from '../measurement/stats';
import type { Scaling } from '../models/catalog';
import { coresHere } from '../settings/settings';
import { seriesInWords } from '../texts/describe';
import { crc32 } from './checksum';
import type { MachineDescription } from './machineDescription';
import type { ResultsFile } from './resultsFile';

/** One point of a machine's curve: the median wall-clock time (ms) at a worker count. */
export interface CurvePointMs {
  workers: number;
  medianMs: number;
}

/** What the charts draw for another machine: its label (drawn as text) and its curve. */
export interface ChartMachine {
  id: string;
  label: string;
  curve: CurvePointMs[];
  source: 'file' | 'link';
  /** How its curve's work grew with the workers, for its speed-ups (speedUpCurve); absent means 'strong'. */
  scaling?: Scaling;
  /** Its place among the compared machines in the order added, hidden ones too: its colour and dashes, whichever others are drawn (absent: its place among those drawn). */
  line?: number;
}

/** Another machine (or this one) as the "Machines" table and the charts compare it. */
export interface ComparedMachine {
  /** Deterministic from the content: the same file or link added twice has the same id (replaced, never duplicated). */
  id: string;
  source: 'file' | 'link';
  label: string;
  reportedCores: number | null;
  measuredCores: number | null;
  browser: string;
  /** The series the curve is of, in words for people ("strong scaling, 10^9 in all, fresh workers, JavaScript"), or null. */
  seriesWords: string | null;
  /** Median wall-clock per worker count of the machine's latest series, ascending workers, recomputed from runs (never trusted from a file's statistics). */
  curve: CurvePointMs[];
  /** The series' scaling: with 'weak' each worker did the whole count, so its speed-up is k × t1 ÷ tk; absent means 'strong'. */
  scaling?: Scaling;
}

/** One row of the "Machines" table. */
export interface MachineRow {
  id: string;
  label: string;
  thisMachine: boolean;
  reportedCores: number | null;
  measuredCores: number | null;
  browser: string;
  fastestMs: number | null;
  fastestWorkers: number | null;
  /** Speed-up at its cores (reported, or measured when none reported); null when that point or the 1-worker one is missing. */
  speedUpAtCores: number | null;
  coresForSpeedUp: number | null;
  /** The scaling its speed-up is of (absent means 'strong'): a weak one is the work per second against 1 worker's. */
  scaling?: Scaling;
}

/** The most machines compared at once: a class and its teacher's; more are refused with one sentence. */
export const MAX_MACHINES = 60;

/** The median wall-clock time per worker count, ascending workers. */
export function curveFromStats(stats: readonly WorkerStats[]): CurvePointMs[] {
  return stats.map((row) => ({ workers: row.workers, medianMs: row.wallMs.median })).sort((a, b) => a.workers - b.workers);
}

/** "counting to 1 billion split over the workers, in Python": the series' caption words, for people; null before any run. */
export function seriesWordsOf(series: Analysis['series']): string | null {
  if (series === null) return null;
  const frozen = series.frozen ? ', the page frozen' : '';
  return `${seriesInWords(series).replace(/^, /u, '')}${frozen}`;
}

/** Another page's id for the same content is the same: a file or a link added twice replaces itself. */
function contentId(machine: Omit<ComparedMachine, 'id'>): string {
  // Strong scaling adds nothing, so that a machine without a scaling (strong) keeps the id it had.
  const weak = machine.scaling === 'weak' ? ['weak'] : [];
  const content = JSON.stringify([machine.label, machine.reportedCores, machine.measuredCores, machine.browser, machine.seriesWords, machine.curve, ...weak]);
  return `${machine.source}-${crc32(content).toString(36)}-${content.length.toString(36)}`;
}

/** Repeated labels told apart in order, the second "Chrome on 2 cores" shown as "Chrome on 2 cores (2)": a class's default labels often match, and a row must match its line. */
export function withDistinctLabels<T extends { label: string }>(items: readonly T[]): T[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const count = (seen.get(item.label) ?? 0) + 1;
    seen.set(item.label, count);
    return count === 1 ? item : { ...item, label: `${item.label} (${String(count)})` };
  });
}

/** A machine with its id made from what it shows. */
export function withContentId(machine: Omit<ComparedMachine, 'id'>): ComparedMachine {
  return { id: contentId(machine), ...machine };
}

/** An imported file's machine: its curve and measured cores recomputed from its runs as the page analyses its own (never the file's statistics). */
export function machineFromResults(file: ResultsFile): ComparedMachine {
  const { reported, cores, workerLimit } = coresHere(file.machine.reportedCores);
  const analysis = analyze(file.runs, { cores, reportedCores: reported, maxWorkers: workerLimit });
  return withContentId({
    source: 'file',
    label: file.machine.label,
    reportedCores: file.machine.reportedCores,
    // Only a series of workers in parallel that count measures cores; otherwise what the file's page found.
    measuredCores: analysis.measuredCores ?? file.machine.measuredCores,
    browser: file.machine.browser,
    seriesWords: seriesWordsOf(analysis.series),
    curve: curveFromStats(analysis.stats),
    ...(analysis.series === null ? {} : { scaling: analysis.series.scaling }),
  });
}

/** This machine with its series' words and scaling both taken from its analysis, so that a weak sweep's own row never reads as strong. */
export function thisMachineOf(machine: MachineDescription, analysis: Pick<Analysis, 'stats' | 'series'>): ComparedMachine {
  return thisMachine(machine, analysis.stats, seriesWordsOf(analysis.series), analysis.series?.scaling);
}

/** This machine, as the "Machines" table and the charts compare it; `scaling` is its series' (analysis.series?.scaling), absent before any. */
export function thisMachine(machine: MachineDescription, stats: readonly WorkerStats[], seriesWords: string | null, scaling?: Scaling): ComparedMachine {
  return {
    id: 'this',
    source: 'file',
    label: machine.label,
    reportedCores: machine.reportedCores,
    measuredCores: machine.measuredCores,
    browser: machine.browser,
    seriesWords,
    curve: curveFromStats(stats),
    ...(scaling === undefined ? {} : { scaling }),
  };
}

/**
 * Speed-up per worker count, as the page's own statistics give it (speedUpOf): the 1-worker median over
 * each median for strong scaling, k times that for weak; empty without a 1-worker point.
 */
export function speedUpCurve(curve: readonly CurvePointMs[], scaling: Scaling = 'strong'): { workers: number; speedUp: number }[] {
  const baseline = curve.find((point) => point.workers === 1)?.medianMs;
  if (baseline === undefined || !(baseline > 0)) return [];
  return curve.filter((point) => point.medianMs > 0).map((point) => ({ workers: point.workers, speedUp: speedUpOf(point.workers, point.medianMs, baseline, scaling) }));
}

function machineRow(machine: ComparedMachine, isThis: boolean): MachineRow {
  const fastest = machine.curve.reduce<CurvePointMs | null>((best, point) => (best === null || point.medianMs < best.medianMs ? point : best), null);
  const cores = machine.reportedCores ?? machine.measuredCores;
  const scaling = machine.scaling ?? 'strong';
  const atCores = cores === null ? undefined : speedUpCurve(machine.curve, scaling).find((point) => point.workers === cores);
  return {
    id: machine.id,
    label: machine.label,
    thisMachine: isThis,
    reportedCores: machine.reportedCores,
    measuredCores: machine.measuredCores,
    browser: machine.browser,
    fastestMs: fastest?.medianMs ?? null,
    fastestWorkers: fastest?.workers ?? null,
    speedUpAtCores: atCores?.speedUp ?? null,
    coresForSpeedUp: cores,
    scaling,
  };
}

/** The "Machines" table's rows: this machine first, then the others in the order they were added. */
export function machineRows(own: ComparedMachine, others: readonly ComparedMachine[]): MachineRow[] {
  return [machineRow(own, true), ...others.filter((machine) => machine.id !== own.id).map((machine) => machineRow(machine, false))];
}

/** Within this share of its cores, a machine got close to a full core's worth from each core. */
export const FULL_CORE_SHARE = 0.9;

const percent = (share: number) => `${String(Math.round(share * 100))}%`;

/**
 * One sentence, for the class, on what its machines measured: how the speed-up at each machine's cores
 * compares with those cores; null under 3 machines. Plain text: labels are never part of it.
 */
export function classSentence(rows: readonly MachineRow[]): string | null {
  if (rows.length < 3) return null;
  const compared = rows.flatMap((row) => (row.speedUpAtCores === null || row.coresForSpeedUp === null ? [] : [{ share: row.speedUpAtCores / row.coresForSpeedUp, weak: row.scaling === 'weak' }]));
  const shares = compared.map((each) => each.share);
  const weak = compared.filter((each) => each.weak).length;
  const leftOut = rows.length - shares.length;
  const leftOutWords = leftOut === 0 ? null : `${String(leftOut)} more left out, missing a run at 1 worker or at ${leftOut === 1 ? 'its' : 'their'} cores`;
  const whoWeak = weak === shares.length ? (weak === 1 ? '' : weak === 2 ? 'both ' : 'all ') : `${String(weak)} of them `;
  // A weak-scaling machine's speed-up is k × t1 ÷ tk (speedUpOf): its ideal is k too, so its share sits beside the others'.
  const weakWords = weak === 0 ? null : `${whoWeak}with the same count per worker, where speed-up is the work per second against 1 worker’s`;
  const aside = (parts: readonly (string | null)[]) => {
    const said = parts.filter((part) => part !== null);
    return said.length === 0 ? '' : ` (${said.join('; ')})`;
  };
  if (shares.length === 0) {
    return `None of the ${String(rows.length)} machines has both a run at 1 worker and one at its cores yet, so their speed-ups cannot be compared: run a sweep on each.`;
  }
  if (shares.length === 1) {
    return `Only 1 of the ${String(rows.length)} machines has both a run at 1 worker and one at its cores: its speed-up there reached ${percent(shares[0])} of its cores${aside([weakWords])}.`;
  }
  const least = Math.min(...shares);
  const most = Math.max(...shares);
  const reached = percent(least) === percent(most) ? percent(least) : `${percent(least).slice(0, -1)}–${percent(most)}`;
  const close = shares.filter((share) => share >= FULL_CORE_SHARE).length;
  const verdict =
    close === 0
      ? 'no machine got a full core’s worth from every core'
      : close === shares.length
        ? `every one came within ${percent(1 - FULL_CORE_SHARE)} of a full core’s worth from every core`
        : `${String(close)} of them came within ${percent(1 - FULL_CORE_SHARE)} of a full core’s worth from every core`;
  return `Across ${String(shares.length)} machines${aside([leftOutWords, weakWords])}, speed-up at each machine’s cores reached ${reached} of its cores (median ${percent(median(shares) ?? 0)}): ${verdict}.`;
}
