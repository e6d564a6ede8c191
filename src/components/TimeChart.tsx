import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import type { TimeChartData } from '../lab/chartData';

interface TimeChartProps {
  data: TimeChartData;
  cores: number;
  maxWorkers: number;
}

const seconds = (value: unknown) => `${Number(value).toFixed(2)} s`;

/** Wall-clock time against worker count: a point per finished run, the median line, and the core count marked. */
export default function TimeChart({ data, cores, maxWorkers }: TimeChartProps) {
  return (
    <ResponsiveContainer width="100%" height={360}>
      <ComposedChart margin={{ top: 24, right: 24, bottom: 24, left: 8 }}>
        <CartesianGrid stroke="var(--grid)" />
        <XAxis
          type="number"
          dataKey="workers"
          domain={[0.5, maxWorkers + 0.5]}
          ticks={Array.from({ length: maxWorkers }, (_, index) => index + 1)}
          allowDecimals={false}
          stroke="var(--ink)"
          label={{ value: 'Workers', position: 'insideBottom', offset: -16, fill: 'var(--ink)' }}
        />
        <YAxis
          type="number"
          dataKey="wallSeconds"
          domain={[0, 'auto']}
          stroke="var(--ink)"
          tickFormatter={(value: number) => `${String(value)} s`}
          width={72}
        />
        <ReferenceLine
          x={cores}
          stroke="var(--accent)"
          strokeDasharray="6 4"
          strokeWidth={2}
          label={{ value: `${String(cores)} cores`, position: 'top', fill: 'var(--accent)' }}
        />
        <Tooltip formatter={seconds} labelFormatter={(workers) => `${Number(workers)} workers`} />
        <Legend position="top" />
        <Line
          data={data.medians}
          dataKey="wallSeconds"
          name="median"
          stroke="var(--line)"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        <Scatter data={data.reliable} dataKey="wallSeconds" name="run" fill="var(--point)" isAnimationActive={false} />
        {data.hidden.length > 0 && (
          <Scatter
            data={data.hidden}
            dataKey="wallSeconds"
            name="tab hidden (not reliable)"
            fill="none"
            stroke="var(--warn)"
            isAnimationActive={false}
          />
        )}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
