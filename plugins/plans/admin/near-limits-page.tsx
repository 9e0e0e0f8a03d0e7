import { useState } from 'react';
import { Title } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Skeleton from '@mui/material/Skeleton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { usePlansApi, type NearLimit } from './plans-api.ts';
import { UsageMeterBar } from './usage-meter-bar.tsx';

const statusColor = { near: 'warning', reached: 'error', over: 'error', ok: 'default', unlimited: 'default' } as const;

/** Tenants at or above a share of one of their quotas, fullest first (platform staff). */
export function NearLimitsPage() {
  const api = usePlansApi();
  const [minPercent, setMinPercent] = useState(80);
  const rows = useQuery({ queryKey: ['plans', 'near-limits', minPercent], queryFn: () => api<NearLimit[]>(`/plans/near-limits?minPercent=${minPercent}`) });
  return (
    <Box sx={{ p: 2, display: 'grid', gap: 2 }}>
      <Title title="Tenants near their limits" />
      <TextField select size="small" label="At least" value={minPercent} onChange={(e) => setMinPercent(Number(e.target.value))} sx={{ width: 200 }}>
        {[50, 80, 100].map((p) => (
          <MenuItem key={p} value={p}>{p}% of a quota</MenuItem>
        ))}
      </TextField>
      {rows.error && <Alert severity="error">{(rows.error as Error).message}</Alert>}
      {rows.isPending ? (
        <Skeleton variant="rounded" height={200} />
      ) : rows.data?.length ? (
        <Card variant="outlined">
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Tenant</TableCell>
                <TableCell>Plan</TableCell>
                <TableCell sx={{ width: '45%' }}>Usage</TableCell>
                <TableCell>Status</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.data.map((r) => (
                <TableRow key={r.id}>
                  <TableCell>{r.tenantName} <Box component="span" sx={{ color: 'text.secondary' }}>({r.tenantSlug})</Box></TableCell>
                  <TableCell>{r.planName ?? 'No plan'}</TableCell>
                  <TableCell><UsageMeterBar usage={r} /></TableCell>
                  <TableCell><Chip size="small" label={`${r.percent}%`} color={statusColor[r.status]} /></TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      ) : (
        <Alert severity="success">No tenant is at {minPercent}% of a quota.</Alert>
      )}
    </Box>
  );
}
