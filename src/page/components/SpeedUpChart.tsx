import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Analysis } from '../../lab/measurement/analysis';
import type { ChartMachine } from '../../lab/exchange/comparedMachine';
import { machineCurves } from './machineLines';
import { CORES_LINE, legendText, TOOLTIP_STYLE } from './chartStyle';
import { workersAxis } from './workersAxis';
import { chartTopWorkers, speedUpChartScale } from '../../lab/chartScales';

interface SpeedUpChartProps {
  analysis: Analysis;
  cores: number;
  maxWorkers: number;
  /** Other machines' speed-ups (each from its own 1-worker time), drawn beside this one's, each named by its label. */
  machines: readonly ChartMachine[];
}

/** Speed-up against workers: the measured medians and the ideal (k up to the cores, flat after), and other machines' speed-ups. */
export default function SpeedUpChart({ analysis, cores, maxWorkers, machines }: SpeedUpChartProps) {
  const { speedUps, idealSpeedUps } = analysis;
  const { curves, ticks } = speedUpChartScale(analysis, machines);
  return (
    <ResponsiveContainer width="100%" height={320}>
      <ComposedChart accessibilityLayer={false} margin={{ top: 16, right: 24, bottom: 24, left: 8 }}>
        <CartesianGrid stroke="var(--grid)" />
        <XAxis {...workersAxis(chartTopWorkers(maxWorkers, machines))} />
        <YAxis type="number" domain={[0, ticks[ticks.length - 1]]} ticks={ticks} stroke="var(--ink)" tickFormatter={(value: number) => `${String(value)}×`} width={56} />
        <ReferenceLine x={cores} {...CORES_LINE} />
        <Tooltip {...TOOLTIP_STYLE} formatter={(value) => `${Number(value).toFixed(2)}×`} labelFormatter={(workers) => `${Number(workers)} workers`} />
        <Legend position="top" formatter={legendText} itemSorter={null} />
        <Line data={idealSpeedUps} dataKey="value" name="ideal" stroke="var(--ok)" strokeDasharray="8 5" strokeWidth={2} dot={false} isAnimationActive={false} />
        <Line
          data={speedUps}
          dataKey="value"
          name="measured (median)"
          className="measured-speed-up"
          stroke="var(--point)"
          strokeWidth={3}
          dot={{ r: 5, fill: 'var(--point)' }}
          isAnimationActive={false}
        />
        {machineCurves(machines, curves, 'speedUp', 'machine-speed-up')}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
