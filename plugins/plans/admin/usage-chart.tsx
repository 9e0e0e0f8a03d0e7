import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Bar, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import Box from '@mui/material/Box';
import Skeleton from '@mui/material/Skeleton';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { usePlansApi, type MeterUsage, type SeriesPoint } from './plans-api.ts';

type Range = '30d' | '90d' | '12m';
const RANGES: Record<Range, { days: number; bucket: 'day' | 'week' | 'month'; label: string }> = {
  '30d': { days: 30, bucket: 'day', label: '30 days' },
  '90d': { days: 91, bucket: 'week', label: '13 weeks' },
  '12m': { days: 365, bucket: 'month', label: '12 months' },
};

const tick = (iso: string, bucket: string) => new Date(iso).toLocaleDateString(undefined, bucket === 'month' ? { month: 'short', year: '2-digit' } : { month: 'short', day: 'numeric' });

/** One meter over time: usage per bucket (bars), running total (line) and the quota (dashed). */
export function UsageChart({ usage, tenantId }: { usage: MeterUsage; tenantId: string }) {
  const api = usePlansApi();
  const [range, setRange] = useState<Range>('30d');
  const r = RANGES[range];
  const series = useQuery({
    queryKey: ['plans', 'series', tenantId, usage.meter, range],
    queryFn: () => {
      const from = new Date(Date.now() - r.days * 86_400_000).toISOString();
      return api<SeriesPoint[]>(`/plans/usage/series?meter=${encodeURIComponent(usage.meter)}&bucket=${r.bucket}&from=${encodeURIComponent(from)}`);
    },
  });
  return (
    <Box>
      <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
        <Typography variant="subtitle2">{usage.label}</Typography>
        <ToggleButtonGroup size="small" exclusive value={range} onChange={(_, v) => v && setRange(v)}>
          {(Object.keys(RANGES) as Range[]).map((k) => (
            <ToggleButton key={k} value={k}>{RANGES[k].label}</ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Box>
      {series.isPending ? (
        <Skeleton variant="rounded" height={220} />
      ) : series.error ? (
        <Typography color="error">{(series.error as Error).message}</Typography>
      ) : (
        <Box sx={{ height: 220 }}>
          <ResponsiveContainer>
            <ComposedChart data={series.data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="bucket" tickFormatter={(v: string) => tick(v, r.bucket)} minTickGap={24} fontSize={12} />
              <YAxis allowDecimals={false} fontSize={12} width={48} />
              <Tooltip labelFormatter={(v) => tick(String(v), r.bucket)} />
              <Bar dataKey="quantity" name={`Used per ${r.bucket}`} fill="#6366f1" isAnimationActive={false} />
              <Line dataKey="cumulative" name="Running total" stroke="#0ea5e9" dot={false} isAnimationActive={false} />
              {usage.limit !== null && <ReferenceLine y={usage.limit} stroke="#ef4444" strokeDasharray="6 4" label={{ value: `quota ${usage.limit}`, position: 'insideTopRight', fontSize: 11 }} />}
            </ComposedChart>
          </ResponsiveContainer>
        </Box>
      )}
    </Box>
  );
}
