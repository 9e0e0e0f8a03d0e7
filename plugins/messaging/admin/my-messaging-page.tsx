import { useQuery } from '@tanstack/react-query';
import { Title } from 'react-admin';
import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { errorText, useMessagingApi, type TenantUsage } from './messaging-api.ts';
import { DailyStackedChart } from './daily-chart.tsx';
import { DeliveryStatusChip } from './status-chip.tsx';
import type { MessageRow } from './message-pages.tsx';

const RECENT = 20;

/**
 * A tenant admin's messaging: remaining SMS credits, usage over the last 30 days, messages per delivery
 * status and the latest deliveries. Tenant routes only: `/messaging/my/usage` and the messages list (which
 * shows a tenant caller its own tenant's messages).
 */
export function MyMessagingPage() {
  const api = useMessagingApi();
  const usage = useQuery({ queryKey: ['messaging', 'my', 'usage'], queryFn: () => api<TenantUsage>('/messaging/my/usage') });
  const recent = useQuery({
    queryKey: ['messaging', 'my', 'recent'],
    queryFn: () => api<MessageRow[]>(`/messaging/messages?sort=${encodeURIComponent('["createdAt","DESC"]')}&range=${encodeURIComponent(`[0,${RECENT - 1}]`)}`),
  });
  const u = usage.data;
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="My messaging" />
      {usage.error && <Alert severity="error">{errorText(usage.error)}</Alert>}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 4 }}>
          <Card sx={{ height: '100%' }}>
            <CardContent>
              <Typography variant="overline">SMS credits left</Typography>
              {u ? (
                <>
                  <Typography variant="h3" data-testid="my-credit-balance">{u.credits.balance}</Typography>
                  {u.credits.low ? <Chip color="warning" label={`Low: below ${u.credits.threshold}`} /> : <Typography variant="body2" color="text.secondary">Alert below {u.credits.threshold}</Typography>}
                </>
              ) : <Skeleton height={60} />}
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, md: 8 }}>
          <Card sx={{ height: '100%' }}>
            <CardContent>
              <Typography variant="overline">Delivery status, last 30 days</Typography>
              <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" sx={{ mt: 1 }} data-testid="my-status-counts">
                {u && Object.entries(u.statuses).filter(([, n]) => n > 0).map(([status, n]) => (
                  <Stack key={status} direction="row" spacing={0.5} alignItems="center"><DeliveryStatusChip status={status} /><Typography variant="body2">{n}</Typography></Stack>
                ))}
                {u && Object.values(u.statuses).every((n) => n === 0) && <Typography color="text.secondary">No message sent in the last 30 days.</Typography>}
              </Stack>
            </CardContent>
          </Card>
        </Grid>
      </Grid>
      <Card>
        <CardContent>
          <Typography variant="subtitle1" gutterBottom>Messages per day</Typography>
          {u ? <DailyStackedChart days={u.days} height={220} /> : <Skeleton variant="rounded" height={220} />}
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography variant="subtitle1" gutterBottom>Recent deliveries</Typography>
          {recent.error && <Alert severity="error">{errorText(recent.error)}</Alert>}
          {recent.data?.length === 0 && <Typography color="text.secondary">No message yet.</Typography>}
          {recent.data && recent.data.length > 0 && (
            <Table size="small" data-testid="my-recent-deliveries">
              <TableHead><TableRow><TableCell>When</TableCell><TableCell>Channel</TableCell><TableCell>Recipient</TableCell><TableCell>Template</TableCell><TableCell>Status</TableCell><TableCell>Reason</TableCell></TableRow></TableHead>
              <TableBody>
                {recent.data.map((m) => (
                  <TableRow key={m.id}>
                    <TableCell>{new Date(m.createdAt).toLocaleString()}</TableCell>
                    <TableCell>{m.channel}</TableCell>
                    <TableCell>{m.to}</TableCell>
                    <TableCell>{m.templateKey ?? '—'}</TableCell>
                    <TableCell><DeliveryStatusChip status={m.status} /></TableCell>
                    <TableCell>{m.error ?? ''}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </Stack>
  );
}
