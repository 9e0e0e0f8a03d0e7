import { Area, AreaChart, ResponsiveContainer } from 'recharts';

/** A tiny area chart of counts (24 hourly buckets in the error list). */
export function SparklineChart({ points, color = '#ef4444' }: { points: number[]; color?: string }) {
  const data = points.map((count, i) => ({ i, count }));
  return (
    <ResponsiveContainer width={120} height={32}>
      <AreaChart data={data} margin={{ top: 2, right: 0, bottom: 2, left: 0 }}>
        <Area type="monotone" dataKey="count" stroke={color} fill={color} fillOpacity={0.2} isAnimationActive={false} dot={false} />
      </AreaChart>
    </ResponsiveContainer>
  );
}
