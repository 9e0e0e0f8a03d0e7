import { Title } from 'react-admin';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { StatusChip } from './StatusChip.tsx';
import { ago, formatMs } from './status-colors.ts';
import { byAttention, useOwnTenantHealth } from './useOwnTenantHealth.ts';

/** A tenant user's services: each monitor of their tenant with its state, failing ones first, last error and since when. */
export function TenantHealthPage() {
  const health = useOwnTenantHealth();
  return (
    <Box sx={{ p: 2 }}>
      <Title title="Service health" />
      {health.error ? (
        <Alert severity="error">{(health.error as Error).message}</Alert>
      ) : health.isPending ? (
        <Skeleton variant="rounded" height={160} />
      ) : (
        <>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mb: 2 }}>
            <Typography variant="h6" component="h1">
              {health.data!.tenant.name}
            </Typography>
            <StatusChip status={health.data!.status} />
          </Box>
          {health.data!.monitors.length === 0 ? (
            <Alert severity="info">No service of yours is monitored yet.</Alert>
          ) : (
            <Paper variant="outlined">
              <Table size="small" aria-label="Your services">
                <TableHead>
                  <TableRow>
                    <TableCell>Service</TableCell>
                    <TableCell>State</TableCell>
                    <TableCell>Since</TableCell>
                    <TableCell>Response</TableCell>
                    <TableCell>Last message</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {byAttention(health.data!.monitors).map((m) => (
                    <TableRow key={`${m.monitorId}:${m.targetKey}`}>
                      <TableCell>{m.monitorName}</TableCell>
                      <TableCell>
                        <StatusChip status={m.checked ? m.status : 'unknown'} label={m.checked ? undefined : m.problem ? 'not checked' : 'waiting for the first check'} />
                      </TableCell>
                      <TableCell>{m.since ? ago(m.since) : '–'}</TableCell>
                      <TableCell>{formatMs(m.responseTimeMs)}</TableCell>
                      <TableCell>{m.problem ?? m.message ?? '–'}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Paper>
          )}
        </>
      )}
    </Box>
  );
}
