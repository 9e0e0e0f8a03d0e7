import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useGetList, useNotify } from 'react-admin';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCanCall } from '@platform/sdk/admin/use-can-call';
import { errorText, useBackupsApi, type Schedule } from './backups-api.ts';

const ALL = '__all__';

/** Daily backup schedules (one tenant or all) with their retention: keep N daily, M weekly. */
export function SchedulesPanel() {
  const api = useBackupsApi();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { canCall: canEdit } = useCanCall('POST', '/backups/schedules');
  const tenants = useGetList('tenants', { pagination: { page: 1, perPage: 200 }, sort: { field: 'slug', order: 'ASC' } });
  const schedules = useQuery({ queryKey: ['backups', 'schedules'], queryFn: () => api<Schedule[]>('/backups/schedules') });
  const [tenant, setTenant] = useState(ALL);
  const [hourUtc, setHour] = useState(2);
  const [keepDaily, setDaily] = useState(7);
  const [keepWeekly, setWeekly] = useState(4);
  const tenantName = (id: string | null) => (id === null ? 'All tenants' : tenants.data?.find((t) => t.id === id)?.slug ?? id);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['backups', 'schedules'] });
  const call = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      notify(done, { type: 'success' });
      await refresh();
    } catch (err) {
      notify(errorText(err), { type: 'error' });
    }
  };
  const bodyOf = (s: Pick<Schedule, 'tenantId' | 'plugins' | 'hourUtc' | 'keepDaily' | 'keepWeekly' | 'enabled'>) => ({ tenantId: s.tenantId, plugins: s.plugins, hourUtc: s.hourUtc, keepDaily: s.keepDaily, keepWeekly: s.keepWeekly, enabled: s.enabled });

  return (
    <Card>
      <CardContent>
        <Typography variant="h6">Schedules</Typography>
        <Table size="small">
          <TableHead>
            <TableRow><TableCell>Tenant</TableCell><TableCell>Daily at (UTC)</TableCell><TableCell>Keep daily</TableCell><TableCell>Keep weekly</TableCell><TableCell>Last run</TableCell><TableCell>Enabled</TableCell><TableCell /></TableRow>
          </TableHead>
          <TableBody>
            {(schedules.data ?? []).map((s) => (
              <TableRow key={s.id}>
                <TableCell>{tenantName(s.tenantId)}{s.plugins ? ` (${s.plugins.join(', ')})` : ''}</TableCell>
                <TableCell>{String(s.hourUtc).padStart(2, '0')}:00</TableCell>
                <TableCell>{s.keepDaily}</TableCell>
                <TableCell>{s.keepWeekly}</TableCell>
                <TableCell>{s.lastRunAt?.slice(0, 16).replace('T', ' ') ?? 'never'}</TableCell>
                <TableCell>
                  <Switch checked={s.enabled} disabled={!canEdit} onChange={(e) => call(() => api(`/backups/schedules/${s.id}`, { method: 'PUT', body: bodyOf({ ...s, enabled: e.target.checked }) }), 'Schedule saved')} />
                </TableCell>
                <TableCell>{canEdit && <Button color="error" onClick={() => call(() => api(`/backups/schedules/${s.id}`, { method: 'DELETE' }), 'Schedule removed')}>Remove</Button>}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {canEdit && (
          <Stack direction="row" spacing={2} sx={{ mt: 2 }} alignItems="center">
            <TextField select size="small" label="Tenant" value={tenant} onChange={(e) => setTenant(e.target.value)} sx={{ minWidth: 180 }}>
              <MenuItem value={ALL}>All tenants</MenuItem>
              {(tenants.data ?? []).map((t) => <MenuItem key={t.id} value={t.id}>{t.slug}</MenuItem>)}
            </TextField>
            <TextField size="small" type="number" label="Hour (UTC)" value={hourUtc} onChange={(e) => setHour(Number(e.target.value))} inputProps={{ min: 0, max: 23 }} />
            <TextField size="small" type="number" label="Keep daily" value={keepDaily} onChange={(e) => setDaily(Number(e.target.value))} inputProps={{ min: 0 }} />
            <TextField size="small" type="number" label="Keep weekly" value={keepWeekly} onChange={(e) => setWeekly(Number(e.target.value))} inputProps={{ min: 0 }} />
            <Button variant="outlined" onClick={() => call(() => api('/backups/schedules', { method: 'POST', body: { tenantId: tenant === ALL ? null : tenant, hourUtc, keepDaily, keepWeekly } }), 'Schedule added')}>Add schedule</Button>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
