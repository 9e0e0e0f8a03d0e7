import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import Box from '@mui/material/Box';
import { formatKpi, monthLabel, type KpiUnit } from './kpi-api.ts';

/** A KPI's monthly trend as a line (months without a snapshot are gaps). */
export function KpiTrendChart({ trend, unit, height = 120, axes = false }: { trend: { month: string; total: number | null }[]; unit: KpiUnit; height?: number; axes?: boolean }) {
  return (
    <Box sx={{ height }} data-testid="kpi-trend-chart">
      <ResponsiveContainer>
        <LineChart data={trend} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          {axes && <CartesianGrid strokeDasharray="3 3" vertical={false} />}
          <XAxis dataKey="month" tickFormatter={monthLabel} hide={!axes} fontSize={12} minTickGap={16} />
          <YAxis hide={!axes} fontSize={12} width={56} tickFormatter={(v) => formatKpi(Number(v), unit)} />
          <Tooltip labelFormatter={(v) => monthLabel(String(v))} formatter={(v) => formatKpi(Number(v), unit)} />
          <Line type="monotone" dataKey="total" name="Total" stroke="#1565c0" strokeWidth={2} dot={axes} connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </Box>
  );
}
