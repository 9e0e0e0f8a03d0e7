import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useParams, Link as RouterLink } from 'react-router-dom';
import { Title, useNotify } from 'react-admin';
import { useQueryClient } from '@tanstack/react-query';
import { Area, AreaChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ServiceDetail } from './health-api-types.ts';
import { useConsoleApi, useHealthApi } from './useHealthApi.ts';
import { ago, formatMs, formatPct, STATUS_COLOR } from './status-colors.ts';
import { StatusChip } from './StatusChip.tsx';
import { TargetHistoryDialog } from './TargetHistoryDialog.tsx';
import { ServiceLinks } from './ServiceLinks.tsx';

const Stat = ({ label, value }: { label: string; value: string }) => (
  <Box>
    <Typography variant="caption" color="text.secondary">
      {label}
    </Typography>
    <Typography variant="h6">{value}</Typography>
  </Box>
);

/** `/health/services/:id`: status, uptime, 24 h response-time sparkline, recent failures, "check now", its logs and incidents. */
export const ServiceDetailPage = () => {
  const { id } = useParams();
  const service = useHealthApi<ServiceDetail>(`/health/services/${encodeURIComponent(id ?? '')}`, 10_000);
  const api = useConsoleApi();
  const notify = useNotify();
  const queries = useQueryClient();
  const [history, setHistory] = useState(false);
  const [running, setRunning] = useState(false);
  const checkNow = async () => {
    setRunning(true);
    try {
      const r = await api.api<{ checked: number }>(`/health/services/${encodeURIComponent(id!)}/run`, { method: 'POST', body: {} });
      notify(`${r.checked} target(s) checked`, { type: 'success' });
      await queries.invalidateQueries({ queryKey: ['health-api'] });
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    } finally {
      setRunning(false);
    }
  };
  if (service.isPending) return <Skeleton variant="rounded" height={300} sx={{ m: 2 }} />;
  if (service.error) return <Typography color="error" sx={{ p: 2 }}>{(service.error as Error).message}</Typography>;
  const s = service.data;
  const status = s.target ? (s.target.checked ? s.target.status : 'not_checked') : null;
  return (
    <Box sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Title title={`Health · ${s.name}`} />
      <Paper sx={{ p: 2, borderLeft: `6px solid ${STATUS_COLOR[status ?? 'unknown']}` }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
          <Typography variant="h5">{s.name}</Typography>
          {status && <StatusChip status={status} />}
          <Typography variant="body2" color="text.secondary">
            {s.tier} · every {s.intervalSeconds >= 60 ? `${s.intervalSeconds / 60} min` : `${s.intervalSeconds} s`} · {s.scope === 'tenant' ? 'per tenant' : 'platform'}
          </Typography>
          <Box sx={{ flex: 1 }} />
          <ServiceLinks serviceId={s.id} />
          <Button component={RouterLink} to={`/health/monitors/${encodeURIComponent(s.id)}`} size="small">
            Thresholds
          </Button>
          <Button variant="contained" size="small" disabled={running} onClick={checkNow}>
            Check now
          </Button>
        </Box>
        {s.target && (
          <Typography variant="body2" sx={{ mt: 1 }}>
            {s.target.checked ? `${s.target.message ?? ''} · ${formatMs(s.target.responseTimeMs)} · ${ago(s.target.lastCheckedAt)}` : s.target.problem}
          </Typography>
        )}
        {s.tally && (
          <Typography variant="body2" sx={{ mt: 1 }}>
            Tenants: {s.tally.healthy} healthy, {s.tally.degraded} degraded, {s.tally.unhealthy} unhealthy, {s.tally.unknown} unknown
          </Typography>
        )}
      </Paper>
      {s.uptime && (
        <Paper sx={{ p: 2, display: 'flex', gap: 4 }}>
          {(['24h', '7d', '30d', '90d'] as const).map((w) => (
            <Stat key={w} label={`Uptime ${w}`} value={formatPct(s.uptime![w].uptimePct)} />
          ))}
          <Stat label="Thresholds" value={`${formatMs(s.thresholds.degradedMs)} / ${formatMs(s.thresholds.unhealthyMs)}`} />
          <Stat label="Fails / recovers after" value={`${s.failureThreshold} / ${s.recoveryThreshold}`} />
        </Paper>
      )}
      {s.target && (
        <Paper sx={{ p: 2 }}>
          <Box sx={{ display: 'flex', alignItems: 'center' }}>
            <Typography variant="subtitle1" sx={{ flex: 1 }}>
              Response time, last 24 hours (hourly average)
            </Typography>
            <Button size="small" onClick={() => setHistory(true)}>
              Every check
            </Button>
          </Box>
          <ResponsiveContainer width="100%" height={120}>
            <AreaChart data={s.sparkline.map((p) => ({ ...p, t: new Date(p.hour).toLocaleTimeString([], { hour: '2-digit' }) }))}>
              <XAxis dataKey="t" hide />
              <YAxis hide />
              <Tooltip formatter={(v) => [`${v} ms`, 'average']} labelFormatter={(l) => `${l}:00`} />
              <Area type="monotone" dataKey="avgMs" stroke="#5c6bc0" fill="#c5cae9" isAnimationActive={false} />
            </AreaChart>
          </ResponsiveContainer>
          <Typography variant="subtitle1" sx={{ mt: 2 }}>
            Recent failures
          </Typography>
          {s.recentFailures.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              None in the last 30 days.
            </Typography>
          ) : (
            s.recentFailures.slice(0, 10).map((f) => (
              <Typography key={f.checkedAt} variant="body2">
                {new Date(f.checkedAt).toLocaleString()} · {f.status} · {formatMs(f.responseTimeMs)} · {f.message}
              </Typography>
            ))
          )}
        </Paper>
      )}
      {history && s.target && <TargetHistoryDialog monitorId={s.id} targetKey={s.target.targetKey} title={s.name} onClose={() => setHistory(false)} />}
    </Box>
  );
};
