import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { DayCounts } from './messaging-api.ts';

const tick = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** Messages per UTC day, stacked by outcome: delivered, sent (awaiting a report), failed, queued. */
export function DailyStackedChart({ days, height = 260 }: { days: DayCounts[]; height?: number }) {
  if (days.every((d) => d.total === 0)) return <Typography color="text.secondary" sx={{ py: 4, textAlign: 'center' }}>No message in this period.</Typography>;
  return (
    <Box sx={{ height }} data-testid="daily-chart">
      <ResponsiveContainer>
        <BarChart data={days} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={tick} minTickGap={24} fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} width={40} />
          <Tooltip labelFormatter={(v) => tick(String(v))} />
          <Legend />
          <Bar dataKey="delivered" name="Delivered" stackId="m" fill="#16a34a" isAnimationActive={false} />
          <Bar dataKey="sent" name="Sent (no report yet)" stackId="m" fill="#0ea5e9" isAnimationActive={false} />
          <Bar dataKey="failed" name="Failed" stackId="m" fill="#dc2626" isAnimationActive={false} />
          <Bar dataKey="queued" name="Queued" stackId="m" fill="#a3a3a3" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
}
