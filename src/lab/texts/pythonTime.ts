/**
 * How long the lesson's Python program would run with the lab's settings, at the lesson's speed,
 * and the one sentence the Python tab shows when that is more than about a minute.
 */
// Only types from lessonCode.ts: the programs' text loads after the first screen (CodeView), this warning with the page.
import { countInWords, formatCount } from '../measurement/count';
import { formatDuration } from './duration';
import type { LessonSettings } from './lessonCode';
import type { ExecutionModel, Scaling } from '../types';

/** The lesson's count: its program counted to 1_000_000_000. */
export const LESSON_TOTAL = 1_000_000_000;

/** The cores of the machine the lesson's figures come from. */
export const LESSON_CORES = 4;

/** The lesson's times (s) to count LESSON_TOTAL on LESSON_CORES cores, by the processes that shared it: the one home of these figures. */
export const LESSON_TIMES: ReadonlyArray<{ processes: number; seconds: number }> = [
  { processes: 1, seconds: 56.7 },
  { processes: 2, seconds: 40.3 },
  { processes: 4, seconds: 27.3 },
  { processes: 8, seconds: 30 },
];

/** How long the lesson's program took to count LESSON_TOTAL on one process (s): the lesson's speed, about 56.7 ns a count. */
export const LESSON_ONE_PROCESS_SECONDS = LESSON_TIMES[0].seconds;

/** "56.7 s with 1 process, 40.3 s with 2, 27.3 s with 4 and 30 s with 8". */
export function lessonTimesInWords(): string {
  const said = LESSON_TIMES.map(({ processes, seconds }, index) =>
    index === 0 ? `${String(seconds)} s with ${String(processes)} ${processes === 1 ? 'process' : 'processes'}` : `${String(seconds)} s with ${String(processes)}`,
  );
  return `${said.slice(0, -1).join(', ')} and ${said[said.length - 1]}`;
}

/** What each model's lanes are in Python. */
export const PYTHON_LANES: Readonly<Record<ExecutionModel, string>> = { parallel: 'processes', lock: 'threads', 'main-thread': 'asyncio tasks' };

/** Beyond this (s), the Python tab says how long its program would take and offers the lesson's count. */
export const LONG_PROGRAM_SECONDS = 60;

/**
 * How long the Python program would take (s): counting, as long as one process takes for its
 * total at the lesson's speed (LESSON_TOTAL in LESSON_ONE_PROCESS_SECONDS, about 56.7 ns a count);
 * waiting, one wait, since the waits overlap in every model.
 */
export function pythonRunSeconds(settings: LessonSettings): number {
  return settings.task === 'cpu' ? (settings.total * LESSON_ONE_PROCESS_SECONDS) / LESSON_TOTAL : settings.waitMs / 1000;
}

const plural = (value: number, unit: string) => `${Number.isInteger(value) ? formatCount(value) : String(value)} ${unit}${value === 1 ? '' : 's'}`;

/** A long time as a person says it: "about 9 minutes", "about 1.6 hours", "under a second". */
export function roughDuration(seconds: number): string {
  if (seconds < 1) return 'under a second';
  if (seconds < 90) return `about ${plural(Math.round(seconds), 'second')}`;
  const minutes = seconds / 60;
  if (minutes < 90) return `about ${plural(Math.round(minutes), 'minute')}`;
  const hours = minutes / 60;
  // Tenths only where they matter: 1.6 hours, but 14 hours.
  if (hours < 36) return `about ${plural(hours < 10 ? Number(hours.toFixed(1)) : Math.round(hours), 'hour')}`;
  return `about ${plural(Math.round(hours / 24), 'day')}`;
}

const LESSON_SPEED = `At the lesson’s speed (${countInWords(LESSON_TOTAL)} counts in ${String(LESSON_ONE_PROCESS_SECONDS)} s on one process)`;

/**
 * One sentence on how long the Python program would take, when that is more than
 * LONG_PROGRAM_SECONDS; null otherwise. Processes can share the count out over free cores;
 * threads under the GIL and asyncio tasks take turns, so they take as long as one process.
 */
export function longProgramWarning(settings: LessonSettings): string | null {
  const seconds = pythonRunSeconds(settings);
  if (!(seconds > LONG_PROGRAM_SECONDS)) return null;
  const { model, workers } = settings;
  const lanes = `${String(workers)} ${PYTHON_LANES[model]}`;
  const time = roughDuration(seconds);
  if (settings.task === 'io') {
    return workers === 1
      ? `This program would wait ${time}.`
      : `This program would wait ${time}: its ${lanes} each wait ${formatDuration(settings.waitMs, 'brief')}, all at the same time.`;
  }
  const count = countInWords(settings.total);
  if (workers === 1) return `${LESSON_SPEED}, this program would take ${time} to count to ${count}.`;
  switch (model) {
    case 'parallel':
      return `${LESSON_SPEED}, counting to ${count} takes ${time} on one process, and at best ${roughDuration(seconds / workers)} with this program’s ${lanes} on ${String(workers)} free cores.`;
    case 'lock':
      return `${LESSON_SPEED}, this program would take ${time} to count to ${count}: its ${lanes} take turns under the GIL, no faster than one.`;
    case 'main-thread':
      return `${LESSON_SPEED}, this program would take ${time} to count to ${count}: its ${lanes} take turns on one thread, no faster than one.`;
  }
}

/**
 * The "Total count" that gives the Python program the lesson's count: LESSON_TOTAL when the
 * total is split, or the nearest whole share of it for each worker when each counts the same.
 */
export function lessonCountSetting(scaling: Scaling, workers: number): number {
  return scaling === 'strong' ? LESSON_TOTAL : Math.max(1, Math.round(LESSON_TOTAL / workers));
}

/** The words of the button that puts the lesson's count in: "Use the lesson’s count (1 billion)". */
export function lessonCountLabel(scaling: Scaling, workers: number): string {
  const share = lessonCountSetting(scaling, workers);
  if (scaling === 'strong' || workers === 1) return `Use the lesson’s count (${countInWords(share)})`;
  return `Use the lesson’s count (${countInWords(share * workers)} in all, ${countInWords(share)} for each worker)`;
}
