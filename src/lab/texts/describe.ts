import { countInWords, formatCount } from '../measurement/count';
import { speedUp } from '../measurement/stats';
import { lanesInWords } from './lesson';
import type { ExecutionModel, RunRecord, TaskKind } from '../types';

/** 1234.5 → "1,235 ms" below 10 s, "12.3 s" above: the unit a class reads at a glance. */
export function formatDuration(ms: number): string {
  if (ms < 10_000) return `${formatCount(Math.round(ms))} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** "1 worker", "2 workers". */
export function workersInWords(workers: number): string {
  return workers === 1 ? '1 worker' : `${String(workers)} workers`;
}

/** "counting", "waiting": what a run's lanes do. */
export function doingInWords(task: TaskKind): string {
  return task === 'io' ? 'waiting' : 'counting';
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
      const one = run.model === 'main-thread' ? '1 task' : '1 worker';
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

/** What the runs of a series did, for a caption: ", counting to 1 billion split over the workers". */
export function seriesInWords(
  series: { scaling: 'strong' | 'weak'; count: number; pooled: boolean; model?: ExecutionModel; task?: TaskKind } | null,
): string {
  if (series === null) return '';
  const model = series.model ?? 'parallel';
  const lanes = model === 'main-thread' ? 'tasks' : 'workers';
  const doing = series.task === 'io' ? 'waiting as long as counting' : 'counting';
  const work =
    series.scaling === 'strong'
      ? `, ${doing} to ${countInWords(series.count)} split over the ${lanes}`
      : `, each ${lanes.slice(0, -1)} ${doing} to ${countInWords(series.count)}`;
  const how = model === 'parallel' ? '' : model === 'lock' ? ', the workers sharing one lock' : ', on the main thread';
  return `${work}${how}${series.pooled && model !== 'main-thread' ? ', with workers from a reused pool' : ''}`;
}
