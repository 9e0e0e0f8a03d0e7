import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Title } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import Skeleton from '@mui/material/Skeleton';
import Tab from '@mui/material/Tab';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { SparklineChart } from './sparkline-chart.tsx';
import { ago, useLoggingApi, useLoggingSession, type ErrorGroup, type GroupStatus } from './logging-api.ts';

const STATUS_COLOR = { unresolved: 'error', resolved: 'success', ignored: 'default' } as const;

/** `/logging/errors`: error groups with their 24 h sparkline, newest activity first; a click opens one. */
export function ErrorListPage() {
  const api = useLoggingApi();
  const navigate = useNavigate();
  const session = useLoggingSession();
  const [status, setStatus] = useState<GroupStatus | 'all'>('unresolved');
  const [q, setQ] = useState('');
  const [text, setText] = useState('');
  const filter = JSON.stringify({ ...(status === 'all' ? {} : { status }), ...(text ? { q: text } : {}) });
  const groups = useQuery({
    queryKey: ['logging', 'errors', filter, session.headers['X-Tenant-Id'] ?? '*'],
    queryFn: () => api<ErrorGroup[]>(`/logging/errors?sort=${encodeURIComponent('["lastSeen","DESC"]')}&range=${encodeURIComponent('[0,99]')}&filter=${encodeURIComponent(filter)}`),
    refetchInterval: 30_000,
  });
  return (
    <Box sx={{ p: 2, display: 'grid', gap: 2 }}>
      <Title title={session.tenant ? `Errors in ${session.tenant.name}` : 'Errors (all tenants)'} />
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <Tabs value={status} onChange={(_, v) => setStatus(v)}>
          <Tab value="unresolved" label="Unresolved" />
          <Tab value="resolved" label="Resolved" />
          <Tab value="ignored" label="Ignored" />
          <Tab value="all" label="All" />
        </Tabs>
        <TextField size="small" label="Search" value={q} onChange={(e) => setQ(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && setText(q.trim())} inputProps={{ maxLength: 200 }} />
      </Box>
      {groups.error && <Alert severity="error">{(groups.error as Error).message}</Alert>}
      {groups.isPending ? (
        <Skeleton variant="rounded" height={280} />
      ) : groups.data?.length ? (
        <Card variant="outlined">
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Error</TableCell>
                <TableCell>Last 24 h</TableCell>
                <TableCell align="right">Events</TableCell>
                <TableCell align="right">Users</TableCell>
                {!session.tenant && <TableCell align="right">Tenants</TableCell>}
                <TableCell>Last seen</TableCell>
                <TableCell>Status</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {groups.data.map((g) => (
                <TableRow key={g.id} hover sx={{ cursor: 'pointer' }} onClick={() => navigate(`/logging/errors/${g.id}`)}>
                  <TableCell sx={{ maxWidth: 520 }}>
                    <Typography variant="body2" fontWeight={600} noWrap>{g.errorType}: {g.message}</Typography>
                    <Typography variant="caption" color="text.secondary" noWrap component="div">{g.service} · {g.topFrame ?? 'no stack'}</Typography>
                  </TableCell>
                  <TableCell><SparklineChart points={g.sparkline} /></TableCell>
                  <TableCell align="right">{g.count.toLocaleString()}</TableCell>
                  <TableCell align="right">{g.affectedUsers}</TableCell>
                  {!session.tenant && <TableCell align="right">{g.affectedTenants}</TableCell>}
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{ago(g.lastSeen)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <Chip size="small" color={STATUS_COLOR[g.status]} label={g.status} />
                    {g.regression && <Chip size="small" color="warning" label="regression" sx={{ ml: 0.5 }} />}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      ) : (
        <Alert severity="success">No {status === 'all' ? '' : status} error groups.</Alert>
      )}
    </Box>
  );
}
