import { lazy, memo, Suspense } from 'react';
import type { Analysis } from '../lab/analysis';
import { seriesInWords } from '../lab/describe';

// Recharts is the heaviest part of the page: the charts load after the first screen.
const TimeChart = lazy(() => import('./TimeChart'));
const SpeedUpChart = lazy(() => import('./SpeedUpChart'));
const CostChart = lazy(() => import('./CostChart'));

interface FiguresProps {
  analysis: Analysis;
  cores: number;
  maxWorkers: number;
}

const placeholder = <div className="chart-placeholder">Loading the chart…</div>;

/** The three figures, each with a caption that says what it shows in words. */
export const Figures = memo(function Figures({ analysis, cores, maxWorkers }: FiguresProps) {
  const { series, otherRuns } = analysis;
  const others = otherRuns > 0 ? ` ${String(otherRuns)} ${otherRuns === 1 ? 'run' : 'runs'} with other settings ${otherRuns === 1 ? 'is' : 'are'} in the table only.` : '';
  return (
    <div className="figures">
      <figure className="chart chart-wide">
        <figcaption>
          Wall-clock time against the number of workers{seriesInWords(series)}. Dots are runs, the line their median and the band the fastest to
          the slowest; the dashed green line is the ideal, the dotted line the fitted model, and the dashed orange line marks
          the {cores} cores this browser reports.{others}
        </figcaption>
        <Suspense fallback={placeholder}>
          <TimeChart analysis={analysis} cores={cores} maxWorkers={maxWorkers} />
        </Suspense>
      </figure>
      <figure className="chart">
        <figcaption>
          Speed-up against the number of workers: the measured median beside the ideal, which grows with the workers up to the{' '}
          {cores} cores and stays flat after.
        </figcaption>
        <Suspense fallback={placeholder}>
          <SpeedUpChart analysis={analysis} cores={cores} maxWorkers={maxWorkers} />
        </Suspense>
      </figure>
      <figure className="chart">
        <figcaption>Start-up and compute time per number of workers (medians): what spawning the workers costs.</figcaption>
        <Suspense fallback={placeholder}>
          <CostChart analysis={analysis} />
        </Suspense>
      </figure>
    </div>
  );
});
