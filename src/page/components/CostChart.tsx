import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Analysis } from '../../lab/measurement/analysis';
import { legendText, TOOLTIP_STYLE } from './chartStyle';
import { formatSecondsTick } from '../../lab/axis';
import { costChartTicks } from '../../lab/chartScales';

interface CostChartProps {
  analysis: Analysis;
}

/** Start-up stacked on compute per worker count (medians): what spawning costs. */
export default function CostChart({ analysis }: CostChartProps) {
  const { rows } = analysis;
  const ticks = costChartTicks(analysis);
  return (
    <ResponsiveContainer width="100%" height={320}>
      <BarChart accessibilityLayer={false} data={rows} margin={{ top: 16, right: 24, bottom: 24, left: 8 }}>
        <CartesianGrid stroke="var(--grid)" vertical={false} />
        <XAxis dataKey="workers" stroke="var(--ink)" label={{ value: 'Workers', position: 'insideBottom', offset: -16, fill: 'var(--ink)' }} />
        <YAxis domain={[0, ticks[ticks.length - 1]]} ticks={ticks} stroke="var(--ink)" tickFormatter={formatSecondsTick} width={72} />
        <Tooltip {...TOOLTIP_STYLE} formatter={(value) => formatSecondsTick(Number(value))} labelFormatter={(workers) => `${Number(workers)} workers`} />
        <Legend position="top" formatter={legendText} />
        <Bar dataKey="startupSeconds" name="start-up" stackId="time" fill="var(--accent)" isAnimationActive={false} />
        <Bar dataKey="computeSeconds" name="compute" stackId="time" fill="var(--point)" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
