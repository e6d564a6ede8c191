import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Analysis } from '../../lab/measurement/analysis';
import { CORES_LINE, legendText, TOOLTIP_STYLE } from './chartStyle';
import { workersAxis } from './workersAxis';
import { niceTicks } from '../../lab/axis';

interface SpeedUpChartProps {
  analysis: Analysis;
  cores: number;
  maxWorkers: number;
}

/** Speed-up against workers: the measured medians and the ideal (k up to the cores, flat after). */
export default function SpeedUpChart({ analysis, cores, maxWorkers }: SpeedUpChartProps) {
  const { speedUps, idealSpeedUps } = analysis;
  const ticks = niceTicks(Math.max(1, ...speedUps.map((point) => point.value), ...idealSpeedUps.map((point) => point.value)));
  return (
    <ResponsiveContainer width="100%" height={320}>
      <ComposedChart accessibilityLayer={false} margin={{ top: 16, right: 24, bottom: 24, left: 8 }}>
        <CartesianGrid stroke="var(--grid)" />
        <XAxis {...workersAxis(maxWorkers)} />
        <YAxis type="number" domain={[0, ticks[ticks.length - 1]]} ticks={ticks} stroke="var(--ink)" tickFormatter={(value: number) => `${String(value)}×`} width={56} />
        <ReferenceLine x={cores} {...CORES_LINE} />
        <Tooltip {...TOOLTIP_STYLE} formatter={(value) => `${Number(value).toFixed(2)}×`} labelFormatter={(workers) => `${Number(workers)} workers`} />
        <Legend position="top" formatter={legendText} />
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
      </ComposedChart>
    </ResponsiveContainer>
  );
}
