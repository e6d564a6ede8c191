import { countInWords, formatCount } from './count';
import { speedUp } from './stats';
import type { RunRecord } from './types';

/** 1234.5 → "1,235 ms" below 10 s, "12.3 s" above: the unit a class reads at a glance. */
export function formatDuration(ms: number): string {
  if (ms < 10_000) return `${formatCount(Math.round(ms))} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** "1 worker", "2 workers". */
export function workersInWords(workers: number): string {
  return workers === 1 ? '1 worker' : `${String(workers)} workers`;
}

/** A run's outcome in one plain sentence, for the line under the controls. */
export function describeRun(run: RunRecord, runs: readonly RunRecord[]): string {
  const who = workersInWords(run.workers);
  const what = countInWords(run.total);
  switch (run.status) {
    case 'stopped': {
      const share = run.total > 0 ? Math.floor((100 * run.counted) / run.total) : 0;
      return `Stopped: ${who} had counted ${formatCount(run.counted)} of ${formatCount(run.total)} (${String(share)}%).`;
    }
    case 'failed':
      return `The run with ${who} failed. ${run.error ?? ''}`.trim();
    case 'done': {
      const wall = run.wallMs ?? 0;
      const parts = `start-up ${formatDuration(run.startupMs ?? 0)} + counting ${formatDuration(run.computeMs ?? 0)}`;
      let sentence = `${who} counted to ${what} in ${formatDuration(wall)} (${parts}).`;
      const faster = speedUp(run, runs);
      if (run.hiddenDuringRun) {
        sentence += ' The tab was hidden during the run, so the browser may have slowed it: this time is not reliable.';
      } else if (faster !== null && run.workers > 1) {
        sentence += ` That is ${faster.toFixed(2)}× the speed of 1 worker.`;
      } else if (run.workers > 1) {
        sentence += ` Run 1 worker at the same count to see the speed-up.`;
      }
      return sentence;
    }
  }
}

/** What the runs of a series did, for a caption: ", counting to 1 billion split over the workers". */
export function seriesInWords(series: { scaling: 'strong' | 'weak'; count: number; pooled: boolean } | null): string {
  if (series === null) return '';
  const work =
    series.scaling === 'strong'
      ? `, counting to ${countInWords(series.count)} split over the workers`
      : `, each worker counting to ${countInWords(series.count)}`;
  return `${work}${series.pooled ? ', with workers from a reused pool' : ''}`;
}
