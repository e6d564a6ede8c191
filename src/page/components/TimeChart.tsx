import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import type { Analysis } from '../../lab/measurement/analysis';
import type { ChartMachine } from '../../lab/exchange/comparedMachine';
import { machineCurves } from './machineLines';
import { CORES_LINE, legendText, MODEL_LINE, TOOLTIP_STYLE } from './chartStyle';
import { workersAxis } from './workersAxis';
import { formatSecondsTick } from '../../lab/axis';
import { chartTopWorkers, timeChartScale } from '../../lab/chartScales';

interface TimeChartProps {
  analysis: Analysis;
  cores: number;
  maxWorkers: number;
  /** Other machines' medians, drawn beside this one's, each named by its label. */
  machines: readonly ChartMachine[];
}

const seconds = (value: unknown) => (Array.isArray(value) ? value.map((part) => formatSecondsTick(Number(part))).join(' – ') : formatSecondsTick(Number(value)));
/** A tooltip's values in seconds, but for a run dot's own x value, which is its number of workers. */
const tooltipValue = (value: unknown, name: unknown) => (name === 'workers' ? String(value) : seconds(value));

/** The height (px) kept between the legend and the plot for the cores line's label: its text at 18 px, and a gap. */
const CORES_LABEL_ROOM = 26;

/** A prediction's mark: a hollow diamond, named by its class so that tests and styles find it. */
function predictionDot({ cx, cy, index }: { cx?: number; cy?: number; index?: number }) {
  if (cx === undefined || cy === undefined) return <g key={`prediction-${String(index)}`} />;
  const r = 8;
  return (
    <path
      key={`prediction-${String(index)}`}
      className="prediction-dot"
      d={`M${String(cx)},${String(cy - r)} L${String(cx + r)},${String(cy)} L${String(cx)},${String(cy + r)} L${String(cx - r)},${String(cy)} Z`}
      fill="var(--paper)"
      stroke="var(--warn)"
      strokeWidth={3}
    />
  );
}

/** Wall-clock time against workers: a dot per run, the median line with its min–max band, the ideal and the fitted model. */
export default function TimeChart({ analysis, cores, maxWorkers, machines }: TimeChartProps) {
  const { rows, dots, unreliableDots, idealTime, fittedTime, predictedTime } = analysis;
  const { curves, ticks } = timeChartScale(analysis, machines);
  return (
    // Its height comes from the page's CSS (.time-chart-box): larger in presentation mode, where it is the stage.
    <div className="time-chart-box">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart accessibilityLayer={false} data={rows} margin={{ top: 16, right: 24, bottom: 24, left: 8 }}>
          <CartesianGrid stroke="var(--grid)" />
          <XAxis {...workersAxis(chartTopWorkers(maxWorkers, machines))} />
          {/* The model and the ideal are drawn over every worker count; what leaves the measured range is clipped. */}
          <YAxis
            type="number"
            domain={[0, ticks[ticks.length - 1]]}
            ticks={ticks}
            allowDataOverflow
            stroke="var(--ink)"
            tickFormatter={formatSecondsTick}
            width={72}
          />
          {/* Its label above the plot, in a gap left under the legend, where no dot or line can be (inside, it covered the slowest 1-worker dot). */}
          <ReferenceLine x={cores} {...CORES_LINE} label={{ value: `${String(cores)} ${cores === 1 ? 'core' : 'cores'}`, position: 'top', fill: 'var(--accent)' }} />
          <Tooltip {...TOOLTIP_STYLE} formatter={tooltipValue} labelFormatter={(workers) => `${Number(workers)} workers`} />
          <Legend position="top" offset={CORES_LABEL_ROOM} formatter={legendText} itemSorter={null} />
          <Area dataKey="rangeSeconds" name="fastest – slowest" stroke="none" fill="var(--line)" fillOpacity={0.25} isAnimationActive={false} />
          <Line dataKey="medianSeconds" name="median" stroke="var(--point)" strokeWidth={3} dot={false} isAnimationActive={false} />
          {idealTime.length > 0 && (
            <Line data={idealTime} dataKey="value" name="ideal" stroke="var(--ok)" strokeDasharray="8 5" strokeWidth={2} dot={false} isAnimationActive={false} />
          )}
          {fittedTime.length > 0 && (
            <Line data={fittedTime} dataKey="value" name="model" {...MODEL_LINE} dot={false} isAnimationActive={false} />
          )}
          {/* The class's guesses, made before the runs: hollow diamonds joined by a line, beside the measured median. */}
          {predictedTime.length > 0 && (
            <Line
              data={predictedTime}
              dataKey="value"
              name="prediction"
              className="prediction-line"
              stroke="var(--warn)"
              strokeDasharray="10 6"
              strokeWidth={3}
              dot={predictionDot}
              isAnimationActive={false}
            />
          )}
          {/* Other machines' medians: each its own colour and dashes, named by its label (text, never markup). */}
          {machineCurves(machines, curves, 'seconds', 'machine-curve')}
          <Scatter data={dots} dataKey="seconds" name="run" className="run-dots" fill="var(--point)" isAnimationActive={false} />
          {unreliableDots.length > 0 && (
            <Scatter
              data={unreliableDots}
              dataKey="seconds"
              name="not reliable (left out)"
              className="unreliable-dots"
              fill="none"
              stroke="var(--warn)"
              isAnimationActive={false}
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
