import { useQuery } from '@tanstack/react-query';
import { AutocompleteInput, Datagrid, DateField, DateInput, FunctionField, List, ReferenceInput, SelectArrayInput, SelectInput, TextField as RaTextField, TextInput, Title } from 'react-admin';
import { useParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { CHANNEL_CHOICES, costText, errorText, STATUS_CHOICES, useMessagingApi } from './messaging-api.ts';
import { DeliveryStatusChip } from './status-chip.tsx';

export interface MessageRow {
  id: string;
  tenantId: string | null;
  channel: 'sms' | 'email';
  status: string;
  to: string;
  subject: string | null;
  body: string | null;
  templateKey: string | null;
  purpose: string | null;
  segments: number;
  creditsReserved: number;
  providerConfigId: string | null;
  providerId: string | null;
  providerMessageId: string | null;
  cost: { amountMinor: number; currency: string; amountMicros?: number } | null;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}

interface MessageDetail extends MessageRow {
  attempts: { seq: number; providerConfigId: string | null; providerId: string; outcome: string; detail: string | null; httpStatus: number | null; at: string }[];
  history: { status: string; source: string; reason: string | null; providerAt: string | null; at: string }[];
}

const filters = [
  <SelectArrayInput key="status" source="status" choices={STATUS_CHOICES} alwaysOn />,
  <SelectInput key="channel" source="channel" choices={CHANNEL_CHOICES} alwaysOn />,
  <ReferenceInput key="providerConfigId" source="providerConfigId" reference="messaging/providers"><AutocompleteInput label="Provider" optionText="name" filterToQuery={(q: string) => ({ q })} /></ReferenceInput>,
  <ReferenceInput key="tenantId" source="tenantId" reference="tenants"><AutocompleteInput label="Tenant" optionText="name" filterToQuery={(q: string) => ({ q })} /></ReferenceInput>,
  <DateInput key="from" source="from" label="Sent from" />,
  <DateInput key="to" source="to" label="Sent before" />,
  <TextInput key="q" source="q" label="Recipient" />,
];

/** The delivery log: every message with its status and provider; the failed-message log is status = failed/undelivered/bounced. */
export function MessageList() {
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} exporter={false} empty={false}>
      <Datagrid bulkActionButtons={false} rowClick="show" empty={<Typography sx={{ p: 2 }} color="text.secondary">No message matches these filters.</Typography>}>
        <DateField source="createdAt" label="Created" showTime />
        <RaTextField source="channel" />
        <RaTextField source="to" label="Recipient" sortable={false} />
        <FunctionField label="Status" sortBy="status" render={(m: MessageRow) => <DeliveryStatusChip status={m.status} />} />
        <RaTextField source="providerId" label="Provider" emptyText="—" />
        <RaTextField source="templateKey" label="Template" emptyText="—" sortable={false} />
        <FunctionField label="Cost" sortable={false} render={(m: MessageRow) => (m.cost ? costText(m.cost) : '')} />
        <RaTextField source="error" label="Reason" emptyText="" sortable={false} />
      </Datagrid>
    </List>
  );
}

/** One message: content, every provider attempt (failover visible: one row per configuration tried) and the status history. */
export function MessageShow() {
  const { id } = useParams();
  const api = useMessagingApi();
  const message = useQuery({ queryKey: ['messaging', 'message', id], queryFn: () => api<MessageDetail>(`/messaging/messages/${id}`) });
  const m = message.data;
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="Message" />
      {message.error && <Alert severity="error">{errorText(message.error)}</Alert>}
      {m && (
        <>
          <Card>
            <CardContent>
              <Grid container spacing={2}>
                {[
                  ['Status', <DeliveryStatusChip key="s" status={m.status} />],
                  ['Channel', m.channel],
                  ['Recipient', m.to],
                  ['Provider', m.providerId ?? '—'],
                  ['Provider message id', m.providerMessageId ?? '—'],
                  ['Template', m.templateKey ?? '—'],
                  ['Segments / credits', m.channel === 'sms' ? `${m.segments} / ${m.creditsReserved}` : '—'],
                  ['Cost', m.cost ? costText(m.cost) : '—'],
                  ['Created', new Date(m.createdAt).toLocaleString()],
                  ['Sent', m.sentAt ? new Date(m.sentAt).toLocaleString() : '—'],
                ].map(([label, value]) => (
                  <Grid key={String(label)} size={{ xs: 6, md: 3 }}>
                    <Typography variant="caption" color="text.secondary">{label}</Typography>
                    <Typography component="div">{value}</Typography>
                  </Grid>
                ))}
              </Grid>
              {m.error && <Alert severity="error" sx={{ mt: 2 }}>{m.error}</Alert>}
              {m.subject && <Typography sx={{ mt: 2 }}><b>Subject:</b> {m.subject}</Typography>}
              {m.body && <Typography sx={{ mt: 1, whiteSpace: 'pre-wrap' }}>{m.body}</Typography>}
            </CardContent>
          </Card>
          <Card>
            <CardContent>
              <Typography variant="subtitle1">Provider attempts {m.attempts.length > 1 && <Typography component="span" variant="caption" color="warning.main">failover: {m.attempts.length} providers tried</Typography>}</Typography>
              {m.attempts.length === 0 ? <Typography color="text.secondary">Not handed to a provider yet.</Typography> : (
                <Table size="small" data-testid="message-attempts">
                  <TableHead><TableRow><TableCell>#</TableCell><TableCell>Provider</TableCell><TableCell>Outcome</TableCell><TableCell>HTTP</TableCell><TableCell>Detail</TableCell><TableCell>At</TableCell></TableRow></TableHead>
                  <TableBody>
                    {m.attempts.map((a) => (
                      <TableRow key={a.seq}>
                        <TableCell>{a.seq}</TableCell>
                        <TableCell>{a.providerId}</TableCell>
                        <TableCell sx={{ color: a.outcome === 'sent' ? 'success.main' : 'error.main' }}>{a.outcome}</TableCell>
                        <TableCell>{a.httpStatus ?? ''}</TableCell>
                        <TableCell>{a.detail ?? ''}</TableCell>
                        <TableCell>{new Date(a.at).toLocaleString()}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardContent>
              <Typography variant="subtitle1">Status history</Typography>
              <Table size="small">
                <TableHead><TableRow><TableCell>Status</TableCell><TableCell>From</TableCell><TableCell>Reason</TableCell><TableCell>Provider time</TableCell><TableCell>Recorded</TableCell></TableRow></TableHead>
                <TableBody>
                  {m.history.map((h, i) => (
                    <TableRow key={i}>
                      <TableCell><DeliveryStatusChip status={h.status} /></TableCell>
                      <TableCell>{h.source}</TableCell>
                      <TableCell>{h.reason ?? ''}</TableCell>
                      <TableCell>{h.providerAt ? new Date(h.providerAt).toLocaleString() : ''}</TableCell>
                      <TableCell>{new Date(h.at).toLocaleString()}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </CardContent>
          </Card>
        </>
      )}
    </Stack>
  );
}
