import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Title, useNotify } from 'react-admin';
import { useCanCall } from '@platform/sdk/admin/use-can-call';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { errorText, useGdprApi, type RetentionSetting } from './gdpr-api.ts';

/** Retention per personal-data category (days; empty: kept), the tables holding it, and the nightly job's last run. */
export function RetentionPage() {
  const api = useGdprApi();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { canCall: canSave } = useCanCall('PUT', '/gdpr/retention');
  const settings = useQuery({ queryKey: ['gdpr', 'retention'], queryFn: () => api<RetentionSetting[]>('/gdpr/retention') });
  const [draft, setDraft] = useState<Record<string, string>>({});
  useEffect(() => {
    if (settings.data) setDraft(Object.fromEntries(settings.data.map((s) => [s.category, s.retentionDays === null ? '' : String(s.retentionDays)])));
  }, [settings.data]);
  const save = async () => {
    try {
      await api('/gdpr/retention', { method: 'PUT', body: { settings: Object.entries(draft).map(([category, v]) => ({ category, retentionDays: v.trim() === '' ? null : Number(v) })) } });
      notify('Retention saved; applied by the nightly job', { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: ['gdpr', 'retention'] });
    } catch (err) {
      notify(errorText(err), { type: 'error' });
    }
  };
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="Data retention" />
      <Typography variant="body2" color="text.secondary">Rows older than a category's retention lose that category's fields every night (tables whose rows are deleted on erasure lose the rows). Tables retained under a legal basis keep their rows at least for their declared period.</Typography>
      {settings.error && <Alert severity="error">{errorText(settings.error)}</Alert>}
      <Card>
        <Table size="small" data-testid="gdpr-retention">
          <TableHead><TableRow><TableCell>Category</TableCell><TableCell>Retention (days)</TableCell><TableCell>Tables</TableCell><TableCell>Last applied</TableCell></TableRow></TableHead>
          <TableBody>
            {(settings.data ?? []).map((s) => (
              <TableRow key={s.category}>
                <TableCell>{s.category}</TableCell>
                <TableCell>
                  <TextField size="small" type="number" value={draft[s.category] ?? ''} disabled={!canSave} onChange={(e) => setDraft({ ...draft, [s.category]: e.target.value })} placeholder="kept" inputProps={{ min: 1, 'data-testid': `retention-${s.category}` }} />
                </TableCell>
                <TableCell>{s.tables.join(', ') || '—'}</TableCell>
                <TableCell>{s.lastAppliedAt ? `${s.lastAppliedAt.slice(0, 16).replace('T', ' ')} (${s.lastAppliedRows} rows)` : '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
      {canSave && <Stack direction="row"><Button variant="contained" onClick={save} data-testid="gdpr-retention-save">Save</Button></Stack>}
    </Stack>
  );
}
