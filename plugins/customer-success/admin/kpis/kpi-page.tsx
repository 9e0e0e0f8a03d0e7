import { useState } from 'react';
import { Title, useNotify } from 'react-admin';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCanCall } from '@platform/sdk/admin/use-can-call';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useHealthApi } from '../health-api.ts';
import { formatKpi, type KpiSummary } from './kpi-api.ts';
import { KpiDetail } from './kpi-detail.tsx';
import { KpiTrendChart } from './kpi-trend-chart.tsx';

/** Cross-tenant KPIs (staff): a card per KPI with its 12-month trend; a click opens its per-tenant drill-down. */
export function KpiPage() {
  const api = useHealthApi();
  const notify = useNotify();
  const client = useQueryClient();
  const [selected, setSelected] = useState<string | null>(null);
  const { canCall: canSnapshot } = useCanCall('POST', '/customer-success/kpis/snapshot');
  const kpis = useQuery({ queryKey: ['customer-success', 'kpis'], queryFn: () => api<KpiSummary[]>('/customer-success/kpis') });
  const snapshot = useMutation({
    mutationFn: () => api<{ months: string[] }>('/customer-success/kpis/snapshot', { method: 'POST', body: { months: 12 } }),
    onSuccess: (r) => {
      notify(`Measured ${r.months.length} months`, { type: 'success' });
      void client.invalidateQueries({ queryKey: ['customer-success'] });
    },
    onError: (err) => notify((err as Error).message, { type: 'error' }),
  });
  return (
    <Box sx={{ p: 2 }}>
      <Title title="KPIs" />
      <Stack direction="row" alignItems="center" sx={{ mb: 2 }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          KPIs across tenants
        </Typography>
        {canSnapshot && (
          <Button variant="outlined" onClick={() => snapshot.mutate()} disabled={snapshot.isPending}>
            Measure now (12 months)
          </Button>
        )}
      </Stack>
      {kpis.error && <Alert severity="error">{(kpis.error as Error).message}</Alert>}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: '1fr 1fr 1fr 1fr' }, gap: 2 }}>
        {kpis.isLoading && [0, 1, 2, 3].map((i) => <Skeleton key={i} variant="rounded" height={200} />)}
        {kpis.data?.map((k) => (
          <Card key={k.id} variant="outlined" data-testid={`kpi-card-${k.id}`} sx={selected === k.id ? { borderColor: 'primary.main' } : undefined}>
            <CardActionArea onClick={() => setSelected(k.id)}>
              <CardContent>
                <Typography color="text.secondary" variant="body2">
                  {k.label}
                </Typography>
                <Typography variant="h5">{formatKpi(k.total, k.unit)}</Typography>
                <Typography variant="caption" color={k.error ? 'warning.main' : 'text.secondary'}>
                  {k.error ? `Failed: ${k.error}` : k.changePct === null ? 'this month' : `${k.changePct > 0 ? '+' : ''}${k.changePct}% vs last month`}
                </Typography>
                <KpiTrendChart trend={k.trend} unit={k.unit} />
              </CardContent>
            </CardActionArea>
          </Card>
        ))}
      </Box>
      {kpis.data && kpis.data.every((k) => k.computedAt === null) && <Alert severity="info" sx={{ mt: 2 }}>No snapshot yet: the nightly job stores one, or measure now.</Alert>}
      {selected && (
        <Box sx={{ mt: 2 }}>
          <KpiDetail kpiId={selected} />
        </Box>
      )}
    </Box>
  );
}
