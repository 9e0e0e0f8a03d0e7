import { useState } from 'react';
import { Title } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import { ChangePlanDialog } from './change-plan-dialog.tsx';
import { formatDate, formatMoney } from './money-format.ts';
import { useConsoleSession, usePlansApi, type AssignmentRecord, type CurrentPlan } from './plans-api.ts';
import { useCanCall } from '@platform/sdk/admin/use-can-call';

const statusColor = { current: 'success', scheduled: 'info', past: 'default' } as const;

function CurrentPlanCard({ current, onChange, canChange }: { current: CurrentPlan; onChange: () => void; canChange: boolean }) {
  const plan = current.plan;
  return (
    <Card variant="outlined">
      <CardContent>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'flex-start' }}>
          <Box>
            <Typography variant="overline" color="text.secondary">Current plan</Typography>
            <Typography variant="h5" sx={{ fontWeight: 700 }}>{plan ? plan.name : 'No plan'}</Typography>
            {plan && (
              <Typography variant="body2" color="text.secondary">
                {formatMoney(plan.priceAmount, plan.currency)} / {plan.interval === 'annual' ? 'year' : 'month'}
                {current.billingPeriod && ` · period ${formatDate(current.billingPeriod.start)} – ${formatDate(current.billingPeriod.end)}`}
              </Typography>
            )}
            {!plan && current.defaultQuotas && (
              <Typography variant="body2" color="text.secondary">
                Governance default limits apply: {Object.entries(current.defaultQuotas).map(([m, q]) => `${m} ${q}`).join(', ') || 'none'}
              </Typography>
            )}
            <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
              {current.inTrial && <Chip size="small" color="info" label={`Trial until ${formatDate(current.trialEndsAt)}`} />}
              {current.scheduled && <Chip size="small" variant="outlined" label={`${current.scheduled.plan?.name} from ${formatDate(current.scheduled.effectiveFrom)}`} />}
            </Stack>
          </Box>
          {canChange && (
            <Button variant="contained" startIcon={<SwapHorizIcon />} onClick={onChange}>
              Change plan
            </Button>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}

function HistoryTable({ rows }: { rows: AssignmentRecord[] }) {
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>Plan</TableCell>
          <TableCell>From</TableCell>
          <TableCell>To</TableCell>
          <TableCell>By</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell align="right">Proration</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((a) => (
          <TableRow key={a.id}>
            <TableCell>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <span>{a.plan?.name ?? a.planId}</span>
                <Chip size="small" label={a.status} color={statusColor[a.status]} variant="outlined" />
              </Stack>
            </TableCell>
            <TableCell>{formatDate(a.effectiveFrom)}</TableCell>
            <TableCell>{formatDate(a.effectiveTo)}</TableCell>
            <TableCell>{a.assignedByLabel ?? a.assignedBy ?? '—'}</TableCell>
            <TableCell>{a.reason}</TableCell>
            <TableCell align="right">{a.proration ? formatMoney(a.proration.net, a.proration.currency) : '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The selected tenant's plan: current plan, history of assignments, and the change-plan dialog. */
export function TenantPlanPage() {
  const api = usePlansApi();
  const { tenant } = useConsoleSession();
  const [changing, setChanging] = useState(false);
  const { canCall: canChange } = useCanCall('POST', '/plans/change');
  const tenantId = tenant?.id ?? null;
  const current = useQuery({ queryKey: ['plans', 'current', tenantId], queryFn: () => api<CurrentPlan>('/plans/current'), enabled: !!tenantId });
  const history = useQuery({ queryKey: ['plans', 'history', tenantId], queryFn: () => api<AssignmentRecord[]>('/plans/history'), enabled: !!tenantId });

  if (!tenantId)
    return (
      <Box sx={{ p: 2 }}>
        <Title title="Tenant plan" />
        <Alert severity="info">Select a tenant to see its plan and history.</Alert>
      </Box>
    );
  return (
    <Box sx={{ p: 2, display: 'grid', gap: 2 }}>
      <Title title={`Plan of ${tenant?.name ?? 'tenant'}`} />
      {current.error && <Alert severity="error">{(current.error as Error).message}</Alert>}
      {current.isPending ? <Skeleton variant="rounded" height={140} /> : current.data && <CurrentPlanCard current={current.data} onChange={() => setChanging(true)} canChange={canChange} />}
      <Card variant="outlined">
        <CardContent>
          <Typography variant="h6" gutterBottom>History</Typography>
          {history.isPending ? <Skeleton variant="rounded" height={120} /> : history.data?.length ? <HistoryTable rows={history.data} /> : <Typography color="text.secondary">No plan has been assigned yet.</Typography>}
        </CardContent>
      </Card>
      <ChangePlanDialog open={changing} onClose={() => setChanging(false)} tenantId={tenantId} currentPlanId={current.data?.plan?.id ?? null} />
    </Box>
  );
}
