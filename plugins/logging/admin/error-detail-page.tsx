import { useState } from 'react';
import { useParams, Link as RouterLink } from 'react-router-dom';
import { Title, useNotify } from 'react-admin';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Skeleton from '@mui/material/Skeleton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { LogTable } from './log-table.tsx';
import { ago, formatTime, useLoggingApi, useLoggingSession, type ErrorGroupDetail, type GroupStatus } from './logging-api.ts';

const tick = (iso: string, bucket: 'hour' | 'day') => new Date(iso).toLocaleString(undefined, bucket === 'hour' ? { weekday: 'short', hour: '2-digit' } : { month: 'short', day: 'numeric' });

/** `/logging/errors/:id`: one error group: status actions, trend, affected tenants, latest samples. */
export function ErrorDetailPage() {
  const { id = '' } = useParams();
  const api = useLoggingApi();
  const notify = useNotify();
  const queries = useQueryClient();
  const session = useLoggingSession();
  const [bucket, setBucket] = useState<'hour' | 'day'>('hour');
  const group = useQuery({ queryKey: ['logging', 'error', id, bucket], queryFn: () => api<ErrorGroupDetail>(`/logging/errors/${id}?bucket=${bucket}`) });
  const setStatus = async (status: GroupStatus) => {
    try {
      await api(`/logging/errors/${id}`, { method: 'PUT', body: { status } });
      notify(`Error group ${status}`, { type: 'success' });
      await queries.invalidateQueries({ queryKey: ['logging'] });
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  if (group.isPending) return <Skeleton variant="rounded" height={360} sx={{ m: 2 }} />;
  if (group.error) return <Alert severity="error" sx={{ m: 2 }}>{(group.error as Error).message}</Alert>;
  const g = group.data;
  const manage = session.staff && session.can('logging.errors.manage');
  return (
    <Box sx={{ p: 2, display: 'grid', gap: 2 }}>
      <Title title={`Error · ${g.errorType}`} />
      <Card variant="outlined">
        <CardContent sx={{ display: 'grid', gap: 1 }}>
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="h6">{g.errorType}</Typography>
            <Chip size="small" label={g.status} color={g.status === 'unresolved' ? 'error' : g.status === 'resolved' ? 'success' : 'default'} />
            {g.regression && <Chip size="small" color="warning" label={`regression ${g.regressedAt ? ago(g.regressedAt) : ''}`} />}
            <Box sx={{ flex: 1 }} />
            <Button component={RouterLink} to="/logging/errors" size="small">All errors</Button>
            {manage && g.status !== 'resolved' && <Button size="small" variant="contained" color="success" onClick={() => void setStatus('resolved')}>Resolve</Button>}
            {manage && g.status !== 'ignored' && <Button size="small" onClick={() => void setStatus('ignored')}>Ignore</Button>}
            {manage && g.status !== 'unresolved' && <Button size="small" onClick={() => void setStatus('unresolved')}>Reopen</Button>}
          </Box>
          <Typography variant="body1">{g.message}</Typography>
          <Typography variant="body2" color="text.secondary" sx={{ fontFamily: 'monospace' }}>{g.normalizedMessage}</Typography>
          <Typography variant="body2" color="text.secondary">
            {g.service} · {g.topFrame ?? 'no stack'} · {g.count.toLocaleString()} events · {g.affectedUsers} users
            {session.tenant ? '' : ` · ${g.affectedTenants} tenants`} · first {formatTime(g.firstSeen)} · last {ago(g.lastSeen)}
          </Typography>
        </CardContent>
      </Card>
      <Card variant="outlined">
        <CardContent>
          <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
            <Typography variant="subtitle2">Trend</Typography>
            <ToggleButtonGroup size="small" exclusive value={bucket} onChange={(_, v) => v && setBucket(v)}>
              <ToggleButton value="hour">7 days by hour</ToggleButton>
              <ToggleButton value="day">30 days by day</ToggleButton>
            </ToggleButtonGroup>
          </Box>
          <Box sx={{ height: 200 }}>
            <ResponsiveContainer>
              <BarChart data={g.trend.buckets} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="at" tickFormatter={(v: string) => tick(v, g.trend.bucket)} minTickGap={32} fontSize={11} />
                <YAxis allowDecimals={false} width={40} fontSize={11} />
                <Tooltip labelFormatter={(v) => formatTime(String(v))} />
                <Bar dataKey="count" name="Events" fill="#ef4444" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </Box>
        </CardContent>
      </Card>
      {g.tenants && (
        <Card variant="outlined">
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Tenant</TableCell>
                <TableCell align="right">Events</TableCell>
                <TableCell>First seen</TableCell>
                <TableCell>Last seen</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {g.tenants.map((t) => (
                <TableRow key={t.tenantId ?? 'platform'}>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{t.tenantId ?? 'platform (no tenant)'}</TableCell>
                  <TableCell align="right">{t.count.toLocaleString()}</TableCell>
                  <TableCell>{formatTime(t.firstSeen)}</TableCell>
                  <TableCell>{ago(t.lastSeen)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      <Typography variant="subtitle2">Latest samples</Typography>
      <Card variant="outlined">
        {g.samples.length ? <LogTable lines={g.samples} showTenant={!session.tenant} /> : <Typography sx={{ p: 2 }} color="text.secondary">No samples within the ERROR retention.</Typography>}
      </Card>
    </Box>
  );
}
