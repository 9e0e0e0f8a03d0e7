import { useState } from 'react';
import { Datagrid, DateField, FunctionField, List, TextField, TextInput, useGetList, type RaRecord } from 'react-admin';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Collapse from '@mui/material/Collapse';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';

interface AuditEntryView extends RaRecord {
  at: string;
  flagKey: string;
  tenantId: string | null;
  action: string;
  oldValue: unknown;
  newValue: unknown;
  reason: string;
  actorType: string;
  actorLabel: string | null;
  actorId: string | null;
}

const RESOURCE = 'feature-flags/audit';

const actionColor = (action: string): 'error' | 'success' | 'warning' | 'info' | 'default' =>
  action.endsWith('killed') || action.endsWith('deleted') ? 'error' : action.endsWith('created') || action.endsWith('restored') ? 'success' : action.startsWith('rollout') ? 'warning' : action.startsWith('override') ? 'info' : 'default';

function Change({ entry }: { entry: AuditEntryView }) {
  const [open, setOpen] = useState(false);
  if (entry.oldValue === null && entry.newValue === null) return null;
  return (
    <>
      <Link component="button" variant="caption" onClick={() => setOpen(!open)}>
        {open ? 'Hide change' : 'Show change'}
      </Link>
      <Collapse in={open}>
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1, mt: 1 }}>
          {(['oldValue', 'newValue'] as const).map((side) => (
            <Box key={side} component="pre" sx={{ m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1, fontSize: 12, overflow: 'auto', maxHeight: 240 }}>
              {side === 'oldValue' ? 'Before\n' : 'After\n'}
              {entry[side] === null ? '—' : JSON.stringify(entry[side], null, 2)}
            </Box>
          ))}
        </Box>
      </Collapse>
    </>
  );
}

/** One flag's audit timeline, newest first: who, when, what and why, with the before/after values. */
export function FlagAuditTimeline({ flagKey }: { flagKey: string }) {
  const { data, isPending, error } = useGetList<AuditEntryView>(RESOURCE, { filter: { flagKey }, sort: { field: 'at', order: 'DESC' }, pagination: { page: 1, perPage: 100 } });
  if (isPending) return <Skeleton variant="rounded" height={160} />;
  if (error) return <Typography color="error">{(error as Error).message}</Typography>;
  if (!data?.length) return <Typography color="text.secondary">No changes recorded.</Typography>;
  return (
    <Stack spacing={1.5} sx={{ width: '100%', maxWidth: 900 }}>
      {data.map((entry) => (
        <Paper key={entry.id} variant="outlined" sx={{ p: 1.5, borderLeft: 4, borderLeftColor: `${actionColor(entry.action) === 'default' ? 'grey' : actionColor(entry.action)}.main` }}>
          <Stack direction="row" spacing={1} alignItems="center" sx={{ flexWrap: 'wrap' }}>
            <Chip size="small" label={entry.action} color={actionColor(entry.action)} />
            <Typography variant="body2">{new Date(entry.at).toLocaleString()}</Typography>
            <Typography variant="body2" color="text.secondary">
              by {entry.actorLabel ?? entry.actorId ?? entry.actorType}
            </Typography>
            {entry.tenantId ? <Chip size="small" variant="outlined" label={`tenant ${entry.tenantId.slice(0, 8)}`} /> : null}
          </Stack>
          <Typography variant="body2" sx={{ mt: 0.5 }}>
            “{entry.reason}”
          </Typography>
          <Change entry={entry} />
        </Paper>
      ))}
    </Stack>
  );
}

/** The global flag audit trail (every flag, every tenant the actor may see). */
export const FlagAuditList = () => (
  <List title="Flag audit" sort={{ field: 'at', order: 'DESC' }} filters={[<TextInput key="q" source="q" label="Search" alwaysOn />, <TextInput key="flagKey" source="flagKey" label="Flag key" />]} perPage={50}>
    <Datagrid bulkActionButtons={false} rowClick={false} expand={<AuditExpand />}>
      <DateField source="at" label="When" showTime />
      <TextField source="flagKey" label="Flag" />
      <FunctionField label="Action" render={(r: AuditEntryView) => <Chip size="small" label={r.action} color={actionColor(r.action)} />} />
      <FunctionField label="Who" render={(r: AuditEntryView) => r.actorLabel ?? r.actorId ?? r.actorType} />
      <TextField source="reason" label="Why" />
    </Datagrid>
  </List>
);

function AuditExpand() {
  return (
    <FunctionField
      render={(r: AuditEntryView) => (
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1 }}>
          {(['oldValue', 'newValue'] as const).map((side) => (
            <Box key={side} component="pre" sx={{ m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1, fontSize: 12, overflow: 'auto', maxHeight: 300 }}>
              {side === 'oldValue' ? 'Before\n' : 'After\n'}
              {r[side] === null ? '—' : JSON.stringify(r[side], null, 2)}
            </Box>
          ))}
        </Box>
      )}
    />
  );
}
