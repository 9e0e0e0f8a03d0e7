import { useQuery } from '@tanstack/react-query';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useAlertsApi } from './alerts-api.ts';
import { durationText } from './duration-text.ts';

interface AlertStats {
  byState: { state: string; severity: string; n: number }[];
  timeToAcknowledge: { acknowledgements: number; meanSeconds: number | null; p90Seconds: number | null };
}

const DAYS = 30;

/** Time to acknowledge (fired → acknowledged) over the last 30 days, from `GET /api/alerts/stats`. */
export function AckStatsCard() {
  const api = useAlertsApi();
  const stats = useQuery({ queryKey: ['alerts', 'stats', DAYS], queryFn: () => api<AlertStats>(`/alerts/stats?days=${DAYS}`), retry: false, refetchInterval: 60_000 });
  if (stats.isPending || stats.error || !stats.data) return null;
  const tta = stats.data.timeToAcknowledge;
  const firing = stats.data.byState.filter((s) => s.state === 'firing').reduce((n, s) => n + s.n, 0);
  return (
    <Card variant="outlined" sx={{ mt: 2 }}>
      <CardContent sx={{ py: 1.5, '&:last-child': { pb: 1.5 } }}>
        <Stack direction="row" spacing={4} alignItems="baseline" flexWrap="wrap" useFlexGap>
          <Typography variant="subtitle2">Time to acknowledge ({DAYS} days)</Typography>
          <Metric label="mean" value={durationText(tta.meanSeconds)} />
          <Metric label="p90" value={durationText(tta.p90Seconds)} />
          <Metric label="acknowledgements" value={String(tta.acknowledgements)} />
          <Metric label="firing now" value={String(firing)} />
        </Stack>
      </CardContent>
    </Card>
  );
}

function Metric({ label, value }: { label: string; value: string }) {
  return (
    <span>
      <Typography component="span" variant="h6">{value}</Typography>{' '}
      <Typography component="span" variant="caption" color="text.secondary">{label}</Typography>
    </span>
  );
}
