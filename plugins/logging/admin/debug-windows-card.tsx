import { useState } from 'react';
import { useNotify } from 'react-admin';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { formatTime, useLoggingApi, useLoggingSession, type DebugWindow } from './logging-api.ts';

/** DEBUG windows: open one for a tenant and/or a service for some minutes, close one early. */
export function DebugWindowsCard() {
  const api = useLoggingApi();
  const notify = useNotify();
  const queries = useQueryClient();
  const session = useLoggingSession();
  const windows = useQuery({ queryKey: ['logging', 'debug-windows'], queryFn: () => api<DebugWindow[]>('/logging/debug-windows') });
  const [form, setForm] = useState({ tenantId: '', service: '', minutes: 30, reason: '' });
  const call = async (path: string, init: { method: string; body?: unknown }, done: string) => {
    try {
      await api(path, init);
      notify(done, { type: 'success' });
      await queries.invalidateQueries({ queryKey: ['logging', 'debug-windows'] });
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  const open = () =>
    call('/logging/debug-windows', { method: 'POST', body: { tenantId: form.tenantId.trim() || null, service: form.service.trim() || null, minutes: form.minutes, reason: form.reason.trim() || undefined } }, 'DEBUG lines are stored now');
  return (
    <Card variant="outlined">
      <CardContent sx={{ display: 'grid', gap: 1.5 }}>
        <Typography variant="subtitle1">DEBUG windows</Typography>
        <Typography variant="body2" color="text.secondary">DEBUG lines are stored only for a tenant, a service, or a service within a tenant, and only until the window ends.</Typography>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
          {session.staff && <TextField size="small" label="Tenant id" value={form.tenantId} onChange={(e) => setForm({ ...form, tenantId: e.target.value })} sx={{ width: 300 }} />}
          <TextField size="small" label="Service" value={form.service} onChange={(e) => setForm({ ...form, service: e.target.value })} sx={{ width: 160 }} />
          <TextField size="small" type="number" label="Minutes" value={form.minutes} onChange={(e) => setForm({ ...form, minutes: Number(e.target.value) })} sx={{ width: 110 }} />
          <TextField size="small" label="Reason" value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} sx={{ width: 220 }} />
          <Button variant="contained" size="small" onClick={() => void open()}>Switch DEBUG on</Button>
        </Box>
        {windows.data?.length ? (
          <Table size="small">
            <TableBody>
              {windows.data.map((w) => (
                <TableRow key={w.id}>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{w.tenantId ?? 'every tenant'}</TableCell>
                  <TableCell>{w.service ?? 'every service'}</TableCell>
                  <TableCell>until {formatTime(w.until)}</TableCell>
                  <TableCell>{w.reason}</TableCell>
                  <TableCell align="right">
                    <Button size="small" onClick={() => void call(`/logging/debug-windows/${w.id}`, { method: 'DELETE' }, 'DEBUG window closed')}>Close</Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <Typography variant="body2" color="text.secondary">No DEBUG window is open.</Typography>
        )}
      </CardContent>
    </Card>
  );
}
