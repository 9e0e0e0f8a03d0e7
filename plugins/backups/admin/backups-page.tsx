import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Title, useGetList, useNotify } from 'react-admin';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useCanCall } from '@platform/sdk/admin/use-can-call';
import { RunProgress } from './backup-progress.tsx';
import { errorText, listQuery, useBackupsApi, type Backup, type Restore } from './backups-api.ts';
import { CreateBackupDialog } from './create-backup-dialog.tsx';
import { sizeText } from './progress-text.ts';
import { RestoreWizard } from './restore-wizard.tsx';
import { SchedulesPanel } from './schedules-panel.tsx';

const STATUS_COLOR = { running: 'info', completed: 'success', failed: 'error', verifying: 'info', restoring: 'warning' } as const;

/** Platform staff's backups page: backups with progress, create (full or partial), verify, delete, restore; restores; schedules. */
export function BackupsPage() {
  const api = useBackupsApi();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [restoring, setRestoring] = useState<Backup | null>(null);
  const { canCall: canCreate } = useCanCall('POST', '/backups/backups');
  const { canCall: canDelete } = useCanCall('DELETE', '/backups/backups/:id');
  const { canCall: canRestore } = useCanCall('POST', '/backups/backups/:id/restore');
  const tenants = useGetList('tenants', { pagination: { page: 1, perPage: 200 }, sort: { field: 'slug', order: 'ASC' } });
  const slugOf = (id: string) => tenants.data?.find((t) => t.id === id)?.slug ?? id.slice(0, 8);
  const backups = useQuery({
    queryKey: ['backups', 'list'],
    queryFn: () => api<Backup[]>(`/backups/backups?${listQuery([0, 99])}`),
    refetchInterval: (q) => ((q.state.data ?? []).some((b) => b.status === 'running') ? 750 : false),
  });
  const restores = useQuery({
    queryKey: ['backups', 'restores'],
    queryFn: () => api<Restore[]>(`/backups/restores?${listQuery([0, 19])}`),
    refetchInterval: (q) => ((q.state.data ?? []).some((r) => r.status === 'verifying' || r.status === 'restoring') ? 750 : false),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['backups'] });
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      notify(done, { type: 'success' });
    } catch (err) {
      notify(errorText(err), { type: 'error' });
    }
    await refresh();
  };

  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="Backups" />
      <Card>
        <CardContent>
          <Stack direction="row" justifyContent="space-between" alignItems="center">
            <Typography variant="h6">Backups</Typography>
            {canCreate && <Button variant="contained" onClick={() => setCreating(true)}>New backup</Button>}
          </Stack>
          {backups.error && <Alert severity="error">{errorText(backups.error)}</Alert>}
          <Table size="small" data-testid="backups-table">
            <TableHead>
              <TableRow><TableCell>Taken</TableCell><TableCell>Tenant</TableCell><TableCell>Scope</TableCell><TableCell>Status</TableCell><TableCell>Progress</TableCell><TableCell>Size</TableCell><TableCell /></TableRow>
            </TableHead>
            <TableBody>
              {(backups.data ?? []).map((b) => (
                <TableRow key={b.id}>
                  <TableCell>{b.createdAt.slice(0, 19).replace('T', ' ')}{b.scheduleId ? ' (scheduled)' : ''}</TableCell>
                  <TableCell>{slugOf(b.tenantId)}</TableCell>
                  <TableCell>{b.scope === 'full' ? 'full' : b.plugins.join(', ')}</TableCell>
                  <TableCell><Chip size="small" label={b.status} color={STATUS_COLOR[b.status]} title={b.error ?? undefined} /></TableCell>
                  <TableCell><RunProgress done={b.rowsDone} total={b.rowsTotal} finished={b.status === 'completed'} /></TableCell>
                  <TableCell>{b.status === 'completed' ? `${sizeText(b.bytes)} in ${b.parts} parts` : ''}</TableCell>
                  <TableCell>
                    {b.status === 'completed' && (
                      <Stack direction="row" spacing={1}>
                        <Button size="small" onClick={() => act(() => api(`/backups/backups/${b.id}/verify`, { method: 'POST' }), 'Every part verified')}>Verify</Button>
                        {canRestore && <Button size="small" color="warning" onClick={() => setRestoring(b)}>Restore…</Button>}
                        {canDelete && <Button size="small" color="error" onClick={() => act(() => api(`/backups/backups/${b.id}`, { method: 'DELETE' }), 'Backup deleted')}>Delete</Button>}
                      </Stack>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography variant="h6">Restores</Typography>
          <Table size="small">
            <TableHead>
              <TableRow><TableCell>Started</TableCell><TableCell>Mode</TableCell><TableCell>From → into</TableCell><TableCell>Status</TableCell><TableCell>Progress</TableCell></TableRow>
            </TableHead>
            <TableBody>
              {(restores.data ?? []).map((r) => (
                <TableRow key={r.id}>
                  <TableCell>{r.createdAt.slice(0, 19).replace('T', ' ')}</TableCell>
                  <TableCell>{r.mode}</TableCell>
                  <TableCell>{slugOf(r.sourceTenantId)} → {slugOf(r.tenantId)}</TableCell>
                  <TableCell><Chip size="small" label={r.status} color={STATUS_COLOR[r.status]} title={r.error ?? undefined} /></TableCell>
                  <TableCell>{r.status === 'failed' ? <Typography variant="caption" color="error">{r.error}</Typography> : <RunProgress done={r.rowsDone} total={r.rowsTotal} finished={r.status === 'completed'} />}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      <SchedulesPanel />
      <CreateBackupDialog open={creating} onClose={() => setCreating(false)} onStarted={() => void refresh()} />
      {restoring && <RestoreWizard backup={restoring} onClose={() => { setRestoring(null); void refresh(); }} />}
    </Stack>
  );
}
