import { useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import type { DashboardWidgetProps } from '@platform/sdk/admin';
import { usePlansApi, type CurrentPlan, type MeterUsage } from './plans-api.ts';
import { UsageMeterBar } from './usage-meter-bar.tsx';

/** Dashboard: the selected tenant's plan and its fullest meters. */
export function UsageWidget({ tenantId }: DashboardWidgetProps) {
  const api = usePlansApi();
  const current = useQuery({ queryKey: ['plans', 'current', tenantId], queryFn: () => api<CurrentPlan>('/plans/current'), enabled: !!tenantId });
  const usage = useQuery({ queryKey: ['plans', 'usage', tenantId], queryFn: () => api<MeterUsage[]>('/plans/usage'), enabled: !!tenantId });
  if (!tenantId) return <Typography variant="body2" color="text.secondary">Select a tenant to see its plan and usage.</Typography>;
  if (current.isPending || usage.isPending) return <Skeleton variant="rounded" height={120} />;
  const top = [...(usage.data ?? [])].filter((u) => u.limit !== null).sort((a, b) => (b.percent ?? 0) - (a.percent ?? 0)).slice(0, 3);
  return (
    <Box sx={{ display: 'grid', gap: 1.5 }}>
      <Typography variant="h6" component="p">{current.data?.plan?.name ?? 'No plan'}</Typography>
      {top.length ? top.map((u) => <UsageMeterBar key={u.meter} usage={u} />) : <Typography variant="body2" color="text.secondary">No limited meters.</Typography>}
    </Box>
  );
}
