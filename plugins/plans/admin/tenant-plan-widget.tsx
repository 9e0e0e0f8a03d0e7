import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router-dom';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useCanCall } from '@platform/sdk/admin/use-can-call';
import { formatDate, formatMoney } from './money-format.ts';
import { usePlansApi, type CurrentPlan, type MeterUsage } from './plans-api.ts';
import { UsageMeterBar } from './usage-meter-bar.tsx';

/** A tenant user's dashboard: their plan, its trial and period, and (for those who may see usage) the fullest meters. */
export function TenantPlanWidget() {
  const api = usePlansApi();
  const { canCall: seesUsage } = useCanCall('GET', '/plans/usage');
  const current = useQuery({ queryKey: ['plans', 'current', 'own'], queryFn: () => api<CurrentPlan>('/plans/current') });
  const usage = useQuery({ queryKey: ['plans', 'usage', 'own'], queryFn: () => api<MeterUsage[]>('/plans/usage'), enabled: seesUsage });
  if (current.isPending) return <Skeleton variant="rounded" height={120} />;
  if (current.error) return <Typography color="error">{(current.error as Error).message}</Typography>;
  const c = current.data!;
  const top = [...(usage.data ?? [])].sort((a, b) => (b.percent ?? -1) - (a.percent ?? -1)).slice(0, 3);
  return (
    <Box sx={{ display: 'grid', gap: 1.5 }}>
      <Box>
        <Typography variant="h6" component="p">{c.plan?.name ?? 'No plan'}</Typography>
        {c.plan && (
          <Typography variant="body2" color="text.secondary">
            {formatMoney(c.plan.priceAmount, c.plan.currency)} / {c.plan.interval === 'annual' ? 'year' : 'month'}
            {c.billingPeriod && ` · period ends ${formatDate(c.billingPeriod.end)}`}
          </Typography>
        )}
        {c.inTrial && <Chip size="small" color="info" label={`Trial until ${formatDate(c.trialEndsAt)}`} sx={{ mt: 0.5 }} />}
      </Box>
      {seesUsage && (usage.isPending ? <Skeleton variant="rounded" height={60} /> : top.length ? top.map((u) => <UsageMeterBar key={u.meter} usage={u} />) : <Typography variant="body2" color="text.secondary">No usage recorded this period.</Typography>)}
      <Box sx={{ display: 'flex', gap: 2 }}>
        <Link component={RouterLink} to="/plans/tenant" variant="body2">Plan details</Link>
        {seesUsage && <Link component={RouterLink} to="/plans/usage" variant="body2">Usage</Link>}
      </Box>
    </Box>
  );
}
