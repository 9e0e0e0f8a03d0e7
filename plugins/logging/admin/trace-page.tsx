import { useParams, Link as RouterLink } from 'react-router-dom';
import { Title } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { LogTable } from './log-table.tsx';
import { formatTime, useLoggingApi, useLoggingSession, type TraceResult } from './logging-api.ts';

/** `/logging/trace/:requestId`: every stored line of one request, oldest first, with offsets. */
export function TracePage() {
  const { requestId = '' } = useParams();
  const api = useLoggingApi();
  const session = useLoggingSession();
  const trace = useQuery({ queryKey: ['logging', 'trace', requestId], queryFn: () => api<TraceResult>(`/logging/logs/trace/${encodeURIComponent(requestId)}`) });
  const t = trace.data;
  const start = t?.startedAt ? new Date(t.startedAt).getTime() : 0;
  return (
    <Box sx={{ p: 2, display: 'grid', gap: 2 }}>
      <Title title={`Request ${requestId.slice(0, 8)}…`} />
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="h6" sx={{ fontFamily: 'monospace' }}>{requestId}</Typography>
        {t && <Chip size="small" label={`${t.items.length} lines`} />}
        {t?.durationMs !== null && t?.durationMs !== undefined && <Chip size="small" label={`${t.durationMs} ms first to last`} />}
        {t && t.levels.error > 0 && <Chip size="small" color="error" label={`${t.levels.error} errors`} />}
        {t && t.levels.warn > 0 && <Chip size="small" color="warning" label={`${t.levels.warn} warnings`} />}
        {t?.services.map((s) => <Chip key={s} size="small" variant="outlined" label={s} />)}
        <Box sx={{ flex: 1 }} />
        <Button component={RouterLink} to="/logging/logs" size="small">Back to logs</Button>
      </Box>
      {t?.startedAt && <Typography variant="body2" color="text.secondary">Started {formatTime(t.startedAt)}; offsets below are from the first line.</Typography>}
      {trace.error && <Alert severity="error">{(trace.error as Error).message}</Alert>}
      {trace.isPending ? (
        <Skeleton variant="rounded" height={240} />
      ) : t && t.items.length ? (
        <Card variant="outlined">
          <Box sx={{ display: 'flex', gap: 0.5, p: 1, flexWrap: 'wrap' }}>
            {t.items.map((l) => (
              <Chip key={l.id} size="small" variant="outlined" label={`+${Math.round(new Date(l.timestamp).getTime() - start)} ms ${l.service}`} color={l.level === 'error' ? 'error' : l.level === 'warn' ? 'warning' : 'default'} />
            ))}
          </Box>
          <LogTable lines={t.items} showTenant={session.acrossTenants} />
        </Card>
      ) : (
        <Alert severity="info">No stored lines for this request (lines of other tenants are not shown, and DEBUG is stored only while switched on).</Alert>
      )}
    </Box>
  );
}
