import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { AutocompleteInput, BooleanInput, Datagrid, DateField, FunctionField, List, ReferenceInput, SelectInput, Show, TextField as RaTextField, TextInput, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { detailQueryOptions } from '@platform/sdk/admin';
import { useCanCall } from '@platform/sdk/admin/use-can-call';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { CATEGORY_CHOICES, errorText, PRIORITY_CHOICES, STATUS_CHOICES, useSupportApi, type TicketDetail, type TicketRow } from './support-api.ts';
import { PriorityChip, SlaBadges, StatusChip } from './sla-badge.tsx';
import { AttachmentPanel, ReplyForm, TicketThread } from './ticket-thread.tsx';
import { SnapshotView } from './snapshot-view.tsx';

const filters = [
  <SelectInput key="status" source="status" choices={STATUS_CHOICES} alwaysOn />,
  <SelectInput key="priority" source="priority" choices={PRIORITY_CHOICES} alwaysOn />,
  <SelectInput key="assigneeUserId" source="assigneeUserId" label="Assignee" choices={[{ id: 'me', name: 'Me' }, { id: 'none', name: 'Unassigned' }]} alwaysOn />,
  <BooleanInput key="breached" source="breached" label="SLA breached" />,
  <SelectInput key="category" source="category" choices={CATEGORY_CHOICES} />,
  <ReferenceInput key="tenantId" source="tenantId" reference="tenants"><AutocompleteInput label="Tenant" optionText="name" filterToQuery={(q: string) => ({ q })} /></ReferenceInput>,
  <TextInput key="q" source="q" label="Search" alwaysOn />,
];

/** Staff's queue across tenants: SLA badges, status, priority, assignee; filters for the usual views. */
export function QueueList() {
  return (
    <List filters={filters} sort={{ field: 'lastActivityAt', order: 'DESC' }} exporter={false} empty={false} title="Support queue">
      <Datagrid bulkActionButtons={false} rowClick="show" empty={<Typography sx={{ p: 2 }} color="text.secondary">No ticket matches these filters.</Typography>}>
        <FunctionField label="#" source="number" render={(r: TicketRow) => `#${r.number}`} />
        <RaTextField source="subject" />
        <FunctionField label="Tenant" render={(r: TicketRow) => <TenantName id={r.tenantId} />} />
        <FunctionField label="Status" source="status" render={(r: TicketRow) => <StatusChip status={r.status} />} />
        <FunctionField label="Priority" source="priority" render={(r: TicketRow) => <PriorityChip priority={r.priority} />} />
        <FunctionField label="SLA" render={(r: TicketRow) => <SlaBadges sla={r.sla} />} />
        <FunctionField label="Assignee" render={(r: TicketRow) => r.assigneeLabel ?? '—'} />
        <DateField source="lastActivityAt" label="Last activity" showTime />
      </Datagrid>
    </List>
  );
}

function TenantName({ id }: { id: string }) {
  const api = useSupportApi();
  const q = useQuery({ queryKey: ['tenants', 'name', id], queryFn: () => api<{ name: string }>(`/tenants/${id}`), staleTime: 300_000 });
  return <>{q.data?.name ?? id.slice(0, 8)}</>;
}

/** Status, priority and assignee selects; each change is a PATCH the server checks (a closed ticket stays closed). */
function TicketControls({ ticket }: { ticket: TicketDetail }) {
  const api = useSupportApi();
  const refresh = useRefresh();
  const notify = useNotify();
  const { canCall: canChange } = useCanCall('PATCH', `/support/queue/${ticket.id}`);
  const agents = useQuery({ queryKey: ['support', 'agents'], queryFn: () => api<{ id: string; name: string; email: string }[]>('/support/agents'), enabled: canChange });
  const change = async (body: Record<string, unknown>) => {
    try {
      await api(`/support/queue/${ticket.id}`, { method: 'PATCH', body });
      refresh();
    } catch (err) {
      notify(errorText(err), { type: 'error' });
    }
  };
  if (!canChange)
    return (
      <Stack direction="row" spacing={1}>
        <StatusChip status={ticket.status} />
        <PriorityChip priority={ticket.priority} />
        <Typography>Assignee: {ticket.assigneeLabel ?? '—'}</Typography>
      </Stack>
    );
  return (
    <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap>
      <TextField select size="small" fullWidth={false} label="Status" value={ticket.status} onChange={(e) => void change({ status: e.target.value })} sx={{ minWidth: 180 }} inputProps={{ 'data-testid': 'ticket-status' }}>
        {STATUS_CHOICES.map((c) => <MenuItem key={c.id} value={c.id} disabled={ticket.status === 'closed' && c.id !== 'closed'}>{c.name}</MenuItem>)}
      </TextField>
      <TextField select size="small" fullWidth={false} label="Priority" value={ticket.priority} onChange={(e) => void change({ priority: e.target.value })} sx={{ minWidth: 140 }}>
        {PRIORITY_CHOICES.map((c) => <MenuItem key={c.id} value={c.id}>{c.name}</MenuItem>)}
      </TextField>
      <TextField select size="small" fullWidth={false} label="Assignee" value={ticket.assigneeUserId ?? ''} SelectProps={{ displayEmpty: true }} InputLabelProps={{ shrink: true }} onChange={(e) => void change({ assigneeUserId: e.target.value || null })} sx={{ minWidth: 220 }}>
        <MenuItem value="">Unassigned</MenuItem>
        {ticket.assigneeUserId && !agents.data?.some((a) => a.id === ticket.assigneeUserId) && <MenuItem value={ticket.assigneeUserId}>{ticket.assigneeLabel}</MenuItem>}
        {(agents.data ?? []).map((a) => <MenuItem key={a.id} value={a.id}>{a.name || a.email}</MenuItem>)}
      </TextField>
    </Stack>
  );
}

/** The snapshot button (for staff who may take one) and the ticket's snapshots, newest first and readable. */
function SnapshotPanel({ ticket }: { ticket: TicketDetail }) {
  const api = useSupportApi();
  const refresh = useRefresh();
  const notify = useNotify();
  const { canCall } = useCanCall('POST', `/support/queue/${ticket.id}/snapshots`);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState(0);
  const snapshots = ticket.snapshots ?? [];
  const take = async () => {
    setBusy(true);
    try {
      await api(`/support/queue/${ticket.id}/snapshots`, { method: 'POST' });
      setShown(0);
      notify('Snapshot taken', { type: 'info' });
      refresh();
    } catch (err) {
      notify(errorText(err), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box>
      <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 1 }}>
        <Typography variant="h6" sx={{ flex: 1 }}>Debug snapshot</Typography>
        {canCall && <Button variant="outlined" disabled={busy} onClick={() => void take()} data-testid="take-snapshot">Take snapshot</Button>}
      </Stack>
      {snapshots.length === 0 ? (
        <Typography color="text.secondary">No snapshot yet. A snapshot records the tenant's health, recent errors, the reporter's flags, plan and usage, and recent audit entries as they are now.</Typography>
      ) : (
        <>
          {snapshots.length > 1 && (
            <TextField select size="small" label="Snapshot" value={shown} onChange={(e) => setShown(Number(e.target.value))} sx={{ mb: 1, minWidth: 260 }}>
              {snapshots.map((s, i) => <MenuItem key={s.id} value={i}>{new Date(s.takenAt).toLocaleString()}</MenuItem>)}
            </TextField>
          )}
          <SnapshotView snapshot={snapshots[Math.min(shown, snapshots.length - 1)]} />
        </>
      )}
    </Box>
  );
}

function QueueTicketBody() {
  const ticket = useRecordContext<TicketDetail>();
  const { canCall: canReply } = useCanCall('POST', ticket ? `/support/queue/${ticket.id}/replies` : '/support/queue/:id/replies');
  const { canCall: canUpload } = useCanCall('POST', ticket ? `/support/queue/${ticket.id}/attachments` : '/support/queue/:id/attachments');
  if (!ticket || !ticket.messages) return null;
  return (
    <Grid container spacing={2} sx={{ p: 2 }}>
      <Grid size={{ xs: 12 }}>
        <Typography variant="h5" data-testid="ticket-subject">#{ticket.number} {ticket.subject}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          <TenantName id={ticket.tenantId} /> · {ticket.reporterName ?? ticket.reporterEmail ?? 'API'} · {ticket.category.replace('_', ' ')} · opened {new Date(ticket.createdAt).toLocaleString()}
        </Typography>
        <Stack spacing={1}>
          <TicketControls ticket={ticket} />
          <SlaBadges sla={ticket.sla} />
        </Stack>
      </Grid>
      <Grid size={{ xs: 12, md: 7 }}>
        <Card variant="outlined"><CardContent>
          <Typography variant="h6" sx={{ mb: 1 }}>Conversation</Typography>
          <TicketThread ticket={ticket} />
          {canReply && <Box sx={{ mt: 2 }}><ReplyForm ticket={ticket} side="queue" /></Box>}
        </CardContent></Card>
        <Card variant="outlined" sx={{ mt: 2 }}><CardContent>
          <Typography variant="h6" sx={{ mb: 1 }}>Attachments</Typography>
          <AttachmentPanel ticket={ticket} side="queue" canUpload={canUpload} />
        </CardContent></Card>
      </Grid>
      <Grid size={{ xs: 12, md: 5 }}>
        <Card variant="outlined"><CardContent>
          <Typography variant="h6" sx={{ mb: 1 }}>Customer</Typography>
          <Typography>{ticket.reporterName ?? '—'}</Typography>
          <Typography color="text.secondary">{ticket.reporterEmail ?? 'opened through an API key'}</Typography>
          <Typography color="text.secondary"><TenantName id={ticket.tenantId} /></Typography>
        </CardContent></Card>
      </Grid>
      <Grid size={{ xs: 12 }}>
        <Card variant="outlined"><CardContent><SnapshotPanel ticket={ticket} /></CardContent></Card>
      </Grid>
    </Grid>
  );
}

/** One ticket for staff: thread with internal notes, reply, status/priority/assignee, attachments, snapshots. */
export function QueueTicketShow() {
  return (
    <Show queryOptions={detailQueryOptions} title="Support ticket" actions={false}>
      <QueueTicketBody />
    </Show>
  );
}
