import { useQuery } from '@tanstack/react-query';
import { Title } from 'react-admin';
import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Grid from '@mui/material/Grid';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { formatNumber, useMetricsApi, type Overview } from './metrics-api.ts';
import { SloCards } from './slo-cards.tsx';
import { RequestSparklines } from './request-sparklines.tsx';
import { WhyRedPanel } from './why-red-panel.tsx';
import { ServiceGrid } from './service-grid.tsx';
import { RecentAlerts } from './recent-alerts.tsx';

const BANNER = {
  green: { severity: 'success', text: 'All systems operational' },
  yellow: { severity: 'warning', text: 'Degraded: an SLO is at risk' },
  red: { severity: 'error', text: 'SLO breached' },
  unknown: { severity: 'info', text: 'Not enough traffic to judge' },
} as const;

/** System health: banner from the SLOs, SLO cards, service grid, 24 h sparklines, "why is it red", recent alerts. */
export function SystemHealthPage() {
  const api = useMetricsApi();
  const overview = useQuery({ queryKey: ['metrics', 'overview'], queryFn: () => api<Overview>('/metrics/overview?hours=24&binMinutes=15'), refetchInterval: 30_000 });
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="System health" />
      {overview.isPending ? (
        <Skeleton variant="rounded" height={320} />
      ) : overview.error ? (
        <Alert severity="error">{(overview.error as Error).message}</Alert>
      ) : (
        <>
          <Alert severity={BANNER[overview.data.status].severity}>
            {BANNER[overview.data.status].text} · {overview.data.totals.requests.toLocaleString()} requests in 24 h, error rate {formatNumber(overview.data.totals.errorRatePct)}%, p95 {formatNumber(overview.data.totals.p95Ms, 0)} ms
          </Alert>
          <SloCards slos={overview.data.slos} />
          <Typography variant="body2" color="text.secondary" data-testid="monitoring-traffic">
            Console and monitor polling (health, metrics, live streams), not counted in the SLOs above: {overview.data.monitoring.requests.toLocaleString()} requests in 24 h, {overview.data.monitoring.errors.toLocaleString()} server errors.
          </Typography>
          <Card variant="outlined">
            <CardHeader title="Last 24 hours" />
            <CardContent>
              <RequestSparklines data={overview.data.sparkline} />
            </CardContent>
          </Card>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, md: 6 }}>
              <Card variant="outlined">
                <CardHeader title="Why is it red?" />
                <CardContent>
                  <WhyRedPanel whyRed={overview.data.whyRed} />
                </CardContent>
              </Card>
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <Card variant="outlined">
                <CardHeader title="Recent alerts" />
                <CardContent>
                  <RecentAlerts />
                </CardContent>
              </Card>
            </Grid>
          </Grid>
        </>
      )}
      <Card variant="outlined">
        <CardHeader title="Services" />
        <CardContent>
          <ServiceGrid />
        </CardContent>
      </Card>
    </Stack>
  );
}

/** Dashboard widget: the SLO banner and cards. */
export function SloWidget() {
  const api = useMetricsApi();
  const overview = useQuery({ queryKey: ['metrics', 'overview', 'widget'], queryFn: () => api<Overview>('/metrics/overview?hours=1&binMinutes=5') });
  if (overview.isPending) return <Skeleton variant="rounded" height={120} />;
  if (overview.error) return <Alert severity="error">{(overview.error as Error).message}</Alert>;
  return (
    <Stack spacing={1}>
      {overview.data.slos.map((s) => (
        <Alert key={s.id} severity={s.status === 'breached' ? 'error' : s.status === 'at_risk' ? 'warning' : s.status === 'met' ? 'success' : 'info'}>
          {s.name}: {s.sliPct === null ? 'no traffic' : `${s.sliPct.toFixed(2)}%`} (target {s.targetPct}%)
        </Alert>
      ))}
    </Stack>
  );
}
