import { countInWords, formatCount } from '../measurement/count';
import { speedUp } from '../measurement/stats';
import { DEFAULT_MODEL, DEFAULT_TASK } from '../models/catalog';
import { formatDuration } from './duration';
import { LANE_NOUN, lanesInWords } from './lesson';
import type { ExecutionModel, KernelLanguage, RunRecord, Scaling, TaskKind } from '../types';

/** "1 worker", "2 workers". */
export function workersInWords(workers: number): string {
  return workers === 1 ? '1 worker' : `${String(workers)} workers`;
}

const DOING: Readonly<Record<TaskKind, string>> = { cpu: 'counting', io: 'waiting' };

/** "counting", "waiting": what a run's lanes do. */
export function doingInWords(task: TaskKind): string {
  return DOING[task];
}

/** A run's outcome in one plain sentence, for the line under the controls. */
export function describeRun(run: RunRecord, runs: readonly RunRecord[]): string {
  const who = lanesInWords(run.model, run.workers);
  const what = countInWords(run.total);
  const waiting = run.task === 'io';
  switch (run.status) {
    case 'stopped': {
      if (run.capped) return `${who} counted ${formatCount(run.counted)} of ${formatCount(run.total)}, then stopped: ${run.error ?? ''}`.trim();
      if (waiting) return `Stopped: ${who} had not finished waiting.`;
      const share = run.total > 0 ? Math.floor((100 * run.counted) / run.total) : 0;
      return `Stopped: ${who} had counted ${formatCount(run.counted)} of ${formatCount(run.total)} (${String(share)}%).`;
    }
    case 'failed':
      return `The run with ${who} failed. ${run.error ?? ''}`.trim();
    case 'done': {
      const wall = run.wallMs ?? 0;
      const parts = `start-up ${formatDuration(run.startupMs ?? 0)} + ${doingInWords(run.task)} ${formatDuration(run.computeMs ?? 0)}`;
      const longest = Math.max(0, ...(run.waitMsByTask ?? []));
      let sentence = waiting
        ? `${who} each waited up to ${formatDuration(longest)} (as long as counting their share of ${what} takes), in ${formatDuration(wall)} (${parts}).`
        : `${who} counted to ${what} in ${formatDuration(wall)} (${parts}).`;
      const faster = speedUp(run, runs);
      const one = `1 ${LANE_NOUN[run.model]}`;
      if (run.hiddenDuringRun) {
        sentence += ' The tab was hidden during the run, so the browser may have slowed it: this time is not reliable.';
      } else if (faster !== null && run.workers > 1) {
        sentence += ` That is ${faster.toFixed(2)}× the speed of ${one}.`;
      } else if (run.workers > 1) {
        sentence += ` Run ${one} at the same count to see the speed-up.`;
      }
      return sentence;
    }
  }
}

/** What a series' lanes did, in a caption. */
const SERIES_DOING: Readonly<Record<TaskKind, string>> = { cpu: 'counting', io: 'waiting as long as counting' };

/** How a series' lanes shared the machine, in a caption. */
const SERIES_HOW: Readonly<Record<ExecutionModel, string>> = {
  parallel: '',
  lock: ', the workers sharing one lock',
  'main-thread': ', on the main thread',
};

/** What the runs of a series did, for a caption: ", counting to 1 billion split over the workers". */
export function seriesInWords(
  series: { scaling: Scaling; count: number; pooled: boolean; model?: ExecutionModel; task?: TaskKind; language?: KernelLanguage } | null,
): string {
  if (series === null) return '';
  // A series kept from before the models had no model and no task: the lesson's first half.
  const model = series.model ?? DEFAULT_MODEL;
  const lane = LANE_NOUN[model];
  const doing = SERIES_DOING[series.task ?? DEFAULT_TASK];
  const work =
    series.scaling === 'strong'
      ? `, ${doing} to ${countInWords(series.count)} split over the ${lane}s`
      : `, each ${lane} ${doing} to ${countInWords(series.count)}`;
  const python = series.language === 'python' ? ', in Python' : '';
  return `${work}${python}${SERIES_HOW[model]}${series.pooled && lane === 'worker' ? ', with workers from a reused pool' : ''}`;
}
