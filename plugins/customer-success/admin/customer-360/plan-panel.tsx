import { useQuery } from '@tanstack/react-query';
import type { Customer360PanelProps } from '@platform/sdk/admin';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { customerPath, useConsoleApi, usePanelData, when } from './panel-api.ts';

type Unavailable = { available: false; reason: string };
type PlanInfo = { available: true; plan: { key: string; name: string; interval?: string } | null; inTrial: boolean; trialEndsAt: string | null; billingPeriod: { start: string; end: string } | null } | Unavailable;
interface Invoice {
  id: string;
  number: string;
  state: string;
  totalMinor?: number;
  total_minor?: number;
  currency: string;
  dueAt?: string | null;
}

/** The billing plugin's own invoice list for this tenant (its `GET /billing/invoices?tenantId=`); absent billing is said, not an error of the panel. */
function Invoices({ tenantId }: { tenantId: string }) {
  const api = useConsoleApi();
  const q = useQuery({ queryKey: ['customer-360', 'invoices', tenantId], queryFn: () => api<Invoice[]>(`/billing/invoices?tenantId=${tenantId}`, { tenant: tenantId }), retry: false });
  if (q.isPending) return <Skeleton width="80%" />;
  if (q.isError && (q.error as { status?: number }).status === 404) return <Typography variant="body2" color="text.secondary">No invoices: the billing plugin is not installed</Typography>;
  if (q.isError) return <Typography variant="body2" color="text.secondary">Invoices unavailable: {(q.error as Error).message}</Typography>;
  const open = q.data.filter((i) => i.state === 'open' || i.state === 'overdue');
  return (
    <Typography variant="body2">
      {q.data.length} invoice{q.data.length === 1 ? '' : 's'}, {open.length} open{open[0] ? ` (next due ${when(open[0].dueAt)})` : ''}
    </Typography>
  );
}

/** Plan and billing: the plan and trial (TENANT_PLAN_READER via customer-success) and invoices (billing's route). */
export function PlanPanel({ tenantId }: Customer360PanelProps) {
  const p = usePanelData<PlanInfo>(['plan', tenantId], customerPath(tenantId, '360/plan'));
  if (!p.available) return <Alert severity="info">{p.reason}</Alert>;
  return (
    <Box data-testid="plan-panel">
      <Typography variant="body1" sx={{ fontWeight: 600 }}>
        {p.plan ? `${p.plan.name} (${p.plan.key})` : 'No plan'}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {p.inTrial ? `In trial until ${when(p.trialEndsAt)}` : 'Not in trial'}
        {p.billingPeriod ? ` · period ${new Date(p.billingPeriod.start).toLocaleDateString()}–${new Date(p.billingPeriod.end).toLocaleDateString()}` : ''}
      </Typography>
      <Invoices tenantId={tenantId} />
    </Box>
  );
}
