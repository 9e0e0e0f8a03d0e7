import { Create, Datagrid, DateField, FunctionField, List, required, SelectInput, Show, SimpleForm, TextField as RaTextField, TextInput, useRecordContext, maxLength } from 'react-admin';
import { detailQueryOptions } from '@platform/sdk/admin';
import { useCanCall } from '@platform/sdk/admin/use-can-call';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { CATEGORY_CHOICES, PRIORITY_CHOICES, STATUS_CHOICES, type TicketDetail, type TicketRow } from './support-api.ts';
import { PriorityChip, StatusChip } from './sla-badge.tsx';
import { AttachmentPanel, ReplyForm, TicketThread } from './ticket-thread.tsx';

const filters = [<SelectInput key="status" source="status" choices={STATUS_CHOICES} alwaysOn />, <TextInput key="q" source="q" label="Search" alwaysOn />];

/** A tenant's "Support" page: their tickets (a tenant admin sees the whole tenant's), and a button to open one. */
export function MyTicketList() {
  return (
    <List filters={filters} sort={{ field: 'lastActivityAt', order: 'DESC' }} exporter={false} title="Support" empty={<EmptyTickets />}>
      <Datagrid bulkActionButtons={false} rowClick="show">
        <FunctionField label="#" source="number" render={(r: TicketRow) => `#${r.number}`} />
        <RaTextField source="subject" />
        <FunctionField label="Status" source="status" render={(r: TicketRow) => <StatusChip status={r.status} />} />
        <FunctionField label="Priority" source="priority" render={(r: TicketRow) => <PriorityChip priority={r.priority} />} />
        <FunctionField label="Opened by" render={(r: TicketRow) => r.reporterName ?? r.reporterEmail ?? '—'} />
        <DateField source="lastActivityAt" label="Last activity" showTime />
      </Datagrid>
    </List>
  );
}

function EmptyTickets() {
  return (
    <Box sx={{ p: 3 }}>
      <Typography variant="h6">No support tickets yet</Typography>
      <Typography color="text.secondary">Use "Create" to ask a question or report a problem; we answer by email and here.</Typography>
    </Box>
  );
}

/** Open a ticket: subject, what happened, category, priority. Files are attached on the ticket's page. */
export function MyTicketCreate() {
  return (
    <Create title="New support ticket" redirect="show">
      <SimpleForm>
        <TextInput source="subject" validate={[required(), maxLength(200)]} fullWidth />
        <TextInput source="body" label="What happened?" validate={[required(), maxLength(20000)]} multiline minRows={5} fullWidth />
        <SelectInput source="category" choices={CATEGORY_CHOICES} validate={required()} defaultValue="problem" />
        <SelectInput source="priority" choices={PRIORITY_CHOICES} defaultValue="normal" />
      </SimpleForm>
    </Create>
  );
}

function MyTicketBody() {
  const ticket = useRecordContext<TicketDetail>();
  const { canCall: canReply } = useCanCall('POST', ticket ? `/support/tickets/${ticket.id}/replies` : '/support/tickets/:id/replies');
  const { canCall: canUpload } = useCanCall('POST', ticket ? `/support/tickets/${ticket.id}/attachments` : '/support/tickets/:id/attachments');
  if (!ticket || !ticket.messages) return null;
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Box>
        <Typography variant="h5" data-testid="ticket-subject">#{ticket.number} {ticket.subject}</Typography>
        <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
          <StatusChip status={ticket.status} />
          <PriorityChip priority={ticket.priority} />
          <Typography variant="body2" color="text.secondary">opened {new Date(ticket.createdAt).toLocaleString()}</Typography>
        </Stack>
      </Box>
      <Card variant="outlined"><CardContent>
        <TicketThread ticket={ticket} />
        {canReply && <Box sx={{ mt: 2 }}><ReplyForm ticket={ticket} side="tickets" /></Box>}
      </CardContent></Card>
      <Card variant="outlined"><CardContent>
        <Typography variant="h6" sx={{ mb: 1 }}>Attachments</Typography>
        <AttachmentPanel ticket={ticket} side="tickets" canUpload={canUpload} />
      </CardContent></Card>
    </Stack>
  );
}

/** One of the tenant's tickets: the conversation (never staff's internal notes), reply, files. */
export function MyTicketShow() {
  return (
    <Show queryOptions={detailQueryOptions} title="Support ticket" actions={false}>
      <MyTicketBody />
    </Show>
  );
}
