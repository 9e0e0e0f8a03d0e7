import { Show, useRecordContext } from 'react-admin';
import { detailQueryOptions } from '@platform/sdk/admin';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { CONDITION_SIGN, labelsText, valueText, type AlertRow } from './alerts-api.ts';
import { AlertStateChip } from './alert-state-chip.tsx';
import { AlertActionButtons } from './alert-actions.tsx';

interface AlertDetail extends AlertRow {
  history: { id: string; at: string; fromState: string; toState: string; event: string; value: number | null; actor: string | null; comment: string | null }[];
  deliveries: { id: string; channel: string; kind: string; status: string; attempts: number; lastError: string | null; createdAt: string; deliveredAt: string | null }[];
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

function AlertDetailView() {
  const a = useRecordContext<AlertDetail>();
  if (!a) return null;
  return (
    <Box sx={{ p: 2, display: 'grid', gap: 2 }}>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h5">{a.ruleName}</Typography>
        <AlertStateChip alert={a} />
        <AlertActionButtons alert={a} />
      </Box>
      <Typography>
        {a.aggregation}({a.metric}) = <b>{valueText(a.value)}</b> {CONDITION_SIGN[a.condition]} {a.threshold} · {labelsText(a.labels)} · severity {a.severity}
        {a.component ? ` · component ${a.component}` : ''}
      </Typography>
      {a.mutedReason && <Typography color="warning.main">Muted: {a.mutedReason}</Typography>}
      {a.acknowledgement && (
        <Typography>
          Acknowledged by {a.acknowledgement.author} until {when(a.acknowledgement.expiresAt)}: {a.acknowledgement.comment}
        </Typography>
      )}
      <Typography variant="caption" color="text.secondary">Fingerprint (PagerDuty dedup_key): {a.fingerprint}</Typography>
      <Card variant="outlined">
        <CardHeader title="History" />
        <CardContent>
          <Table size="small">
            <TableHead>
              <TableRow><TableCell>When</TableCell><TableCell>Event</TableCell><TableCell>Value</TableCell><TableCell>By</TableCell><TableCell>Comment</TableCell></TableRow>
            </TableHead>
            <TableBody>
              {a.history.map((h) => (
                <TableRow key={h.id}><TableCell>{when(h.at)}</TableCell><TableCell>{h.event}</TableCell><TableCell>{valueText(h.value)}</TableCell><TableCell>{h.actor ?? 'evaluator'}</TableCell><TableCell>{h.comment ?? ''}</TableCell></TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      <Card variant="outlined">
        <CardHeader title="Notifications" />
        <CardContent>
          <Table size="small">
            <TableHead>
              <TableRow><TableCell>Queued</TableCell><TableCell>Channel</TableCell><TableCell>Kind</TableCell><TableCell>Status</TableCell><TableCell>Attempts</TableCell><TableCell>Last error</TableCell></TableRow>
            </TableHead>
            <TableBody>
              {a.deliveries.map((d) => (
                <TableRow key={d.id}><TableCell>{when(d.createdAt)}</TableCell><TableCell>{d.channel}</TableCell><TableCell>{d.kind}</TableCell><TableCell>{d.status}</TableCell><TableCell>{d.attempts}</TableCell><TableCell>{d.lastError ?? ''}</TableCell></TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </Box>
  );
}

/** Its record is the detail (history, deliveries), never an alert row of the list. */
export const AlertShow = () => (
  <Show queryOptions={detailQueryOptions}>
    <AlertDetailView />
  </Show>
);
