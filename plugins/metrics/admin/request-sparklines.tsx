import Box from '@mui/material/Box';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { Area, AreaChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber, type SparkPoint } from './metrics-api.ts';

const time = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

function Sparkline({ title, data, dataKey, color, unit }: { title: string; data: SparkPoint[]; dataKey: keyof SparkPoint; color: string; unit: string }) {
  const last = [...data].reverse().find((p) => p[dataKey] !== null)?.[dataKey] as number | undefined;
  return (
    <Box>
      <Typography variant="subtitle2">
        {title}: <b>{formatNumber(last ?? null)}{unit}</b>
      </Typography>
      <Box sx={{ height: 80 }}>
        <ResponsiveContainer>
          <AreaChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
            <XAxis dataKey="at" hide />
            <YAxis hide domain={[0, 'auto']} />
            <Tooltip labelFormatter={(v) => time(String(v))} formatter={(v) => [`${formatNumber(Number(v))}${unit}`, title]} />
            <Area type="monotone" dataKey={dataKey} stroke={color} fill={color} fillOpacity={0.2} isAnimationActive={false} connectNulls />
          </AreaChart>
        </ResponsiveContainer>
      </Box>
    </Box>
  );
}

/** 24-hour sparklines: request volume, error rate, p95 latency. */
export function RequestSparklines({ data }: { data: SparkPoint[] }) {
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, md: 4 }}>
        <Sparkline title="Requests / bin" data={data} dataKey="requests" color="#6366f1" unit="" />
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <Sparkline title="Error rate" data={data} dataKey="errorRatePct" color="#ef4444" unit="%" />
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <Sparkline title="p95 latency" data={data} dataKey="p95Ms" color="#0ea5e9" unit=" ms" />
      </Grid>
    </Grid>
  );
}
