import { memo, Suspense, useEffect, useRef, type ReactNode } from 'react';
import type { Analysis } from '../../lab/measurement/analysis';
import type { ChartMachine } from '../../lab/exchange/comparedMachine';
import { costChartTable, speedUpChartTable, timeChartTable, type ChartTable } from '../../lab/texts/chartText';
import { costFigureCaption, speedUpFigureCaption, timeFigureCaption } from '../../lab/texts/figureCaptions';
import { lazyPart } from '../boundary/lazyPart';
import { TextTable } from './TextTable';

// Recharts is the heaviest part of the page: the charts load after the first screen.
const TimeChart = lazyPart(() => import('./TimeChart'));
const SpeedUpChart = lazyPart(() => import('./SpeedUpChart'));
const CostChart = lazyPart(() => import('./CostChart'));

interface FiguresProps {
  analysis: Analysis;
  cores: number;
  maxWorkers: number;
  /** Which figures: the wall-clock chart (which stands beside the settings on a wide screen) or the other two. */
  part: 'wall-clock' | 'others';
  /** Other machines shown beside this one (the hidden ones left out): keep the array the same while they do not change, since Figures is memoized. */
  machines: readonly ChartMachine[];
}

const placeholder = <div className="chart-placeholder">Loading the chart…</div>;

/** Recharts 3's layer groups: React listens for focus on every portal container, which makes an SVG group a tab stop in Chromium. */
const LAYERS = 'g[class^="recharts-zIndex-layer"]:not([tabindex])';

/**
 * The drawing, hidden from screen readers, and out of the tab order: its
 * layer groups (8 tab stops a chart, which went nowhere) are given
 * tabindex="-1" as they appear (recharts/recharts#7799 removed it upstream).
 */
function ChartDrawing({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const drawing = ref.current;
    if (!drawing) return;
    const untab = () => {
      for (const layer of drawing.querySelectorAll(LAYERS)) layer.setAttribute('tabindex', '-1');
    };
    untab();
    const observer = new MutationObserver(untab);
    observer.observe(drawing, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
    };
  }, []);
  return (
    <div ref={ref} className="chart-drawing" aria-hidden="true">
      <Suspense fallback={placeholder}>{children}</Suspense>
    </div>
  );
}

/**
 * A figure named by its caption. The drawing is hidden from screen readers
 * (its axis labels read as a string of numbers); they read the same data in a
 * table instead, which the page does not show.
 */
function Figure({ wide = false, caption, table, children }: { wide?: boolean; caption: ReactNode; table: ChartTable; children: ReactNode }) {
  return (
    <figure className={`chart${wide ? ' chart-wide' : ''}`}>
      <figcaption>{caption}</figcaption>
      <ChartDrawing>{children}</ChartDrawing>
      <div className="visually-hidden">
        <TextTable
          caption={table.caption}
          className="chart-data"
          headers={table.headers}
          rows={table.rows}
          rowKey={(row) => row[0] ?? ''}
          cells={(row) => row}
          empty={table.empty}
        />
      </div>
    </figure>
  );
}

/** The three figures, each with a caption that says what it shows in words, and its data as a table: the wall-clock chart, or the other two. */
export const Figures = memo(function Figures({ analysis, cores, maxWorkers, part, machines }: FiguresProps) {
  const { otherRuns } = analysis;
  const others = otherRuns > 0 ? ` ${String(otherRuns)} ${otherRuns === 1 ? 'run' : 'runs'} with other settings ${otherRuns === 1 ? 'is' : 'are'} in the table only.` : '';
  if (part === 'wall-clock') {
    return (
      <div className="figures figures-wall-clock">
        <Figure
          wide
          table={timeChartTable(analysis, machines)}
          caption={timeFigureCaption(analysis, others, machines)}
        >
          <TimeChart analysis={analysis} cores={cores} maxWorkers={maxWorkers} machines={machines} />
        </Figure>
      </div>
    );
  }
  return (
    <div className="figures">
      <Figure
        table={speedUpChartTable(analysis, machines)}
        caption={speedUpFigureCaption(analysis, machines)}
      >
        <SpeedUpChart analysis={analysis} cores={cores} maxWorkers={maxWorkers} machines={machines} />
      </Figure>
      <Figure table={costChartTable(analysis)} caption={costFigureCaption(analysis)}>
        <CostChart analysis={analysis} />
      </Figure>
    </div>
  );
});
