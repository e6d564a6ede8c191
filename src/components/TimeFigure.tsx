import { lazy, memo, Suspense, useMemo } from 'react';
import { timeChartData } from '../lab/chartData';
import { countInWords } from '../lab/count';
import type { RunRecord } from '../lab/types';

// Recharts is the heaviest part of the page: it loads after the first screen.
const TimeChart = lazy(() => import('./TimeChart'));

interface TimeFigureProps {
  runs: readonly RunRecord[];
  cores: number;
  maxWorkers: number;
}

/** The "Wall-clock time" figure: its caption in words and the chart. */
export const TimeFigure = memo(function TimeFigure({ runs, cores, maxWorkers }: TimeFigureProps) {
  const data = useMemo(() => timeChartData(runs), [runs]);
  const others = data.otherTotals;
  return (
    <figure className="chart">
      <figcaption>
        Wall-clock time against the number of workers
        {data.total === null ? '' : `, counting to ${countInWords(data.total)}`}. The dashed line marks the{' '}
        {cores} cores this browser reports.
        {others > 0 && ` ${String(others)} ${others === 1 ? 'run' : 'runs'} at other totals ${others === 1 ? 'is' : 'are'} in the table only.`}
      </figcaption>
      <Suspense fallback={<div className="chart-placeholder">Loading the chart…</div>}>
        <TimeChart data={data} cores={cores} maxWorkers={maxWorkers} />
      </Suspense>
    </figure>
  );
});
