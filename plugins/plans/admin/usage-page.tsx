import { Title } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { formatDate } from './money-format.ts';
import { useConsoleSession, usePlansApi, type MeterUsage } from './plans-api.ts';
import { UsageChart } from './usage-chart.tsx';
import { UsageMeterBar } from './usage-meter-bar.tsx';

const resetsLabel = (u: MeterUsage) => (u.resets === 'never' ? 'running total' : `${formatDate(u.periodStart)} – ${formatDate(u.periodEnd)}`);

/** The selected tenant's usage per meter in the current period, and a chart per meter over time. */
export function UsagePage() {
  const api = usePlansApi();
  const { tenant } = useConsoleSession();
  const tenantId = tenant?.id ?? null;
  const summary = useQuery({ queryKey: ['plans', 'usage', tenantId], queryFn: () => api<MeterUsage[]>('/plans/usage'), enabled: !!tenantId });

  if (!tenantId)
    return (
      <Box sx={{ p: 2 }}>
        <Title title="Usage" />
        <Alert severity="info">Select a tenant to see its usage. “Near limits” lists the tenants close to a quota.</Alert>
      </Box>
    );
  return (
    <Box sx={{ p: 2, display: 'grid', gap: 2 }}>
      <Title title={`Usage of ${tenant?.name ?? 'tenant'}`} />
      {summary.error && <Alert severity="error">{(summary.error as Error).message}</Alert>}
      {summary.isPending && <Skeleton variant="rounded" height={200} />}
      {summary.data && !summary.data.length && <Alert severity="info">No metered usage and no quotas for this tenant yet.</Alert>}
      {summary.data?.map((u) => (
        <Card key={u.meter} variant="outlined">
          <CardContent sx={{ display: 'grid', gap: 2 }}>
            <Box>
              <UsageMeterBar usage={u} />
              <Typography variant="caption" color="text.secondary">
                {u.meter} · {resetsLabel(u)} {u.limitType ? `· ${u.limitType} limit` : ''}
              </Typography>
            </Box>
            <UsageChart usage={u} tenantId={tenantId} />
          </CardContent>
        </Card>
      ))}
    </Box>
  );
}
