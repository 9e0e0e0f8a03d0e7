import type { Customer360PanelProps } from '@platform/sdk/admin';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { customerPath, usePanelData } from './panel-api.ts';

type Usage =
  | { available: true; usage: { meter: string; label: string; unit: string | null; used: number; limit: number | null; percent: number | null; status: string }[] }
  | { available: false; reason: string };

/** Usage this period per meter against the plan's limit. */
export function UsagePanel({ tenantId }: Customer360PanelProps) {
  const u = usePanelData<Usage>(['usage', tenantId], customerPath(tenantId, '360/usage'));
  if (!u.available) return <Alert severity="info">{u.reason}</Alert>;
  if (u.usage.length === 0) return <Typography variant="body2">No metered usage</Typography>;
  return (
    <Box data-testid="usage-panel">
      {u.usage.map((m) => (
        <Box key={m.meter} sx={{ mb: 1 }}>
          <Typography variant="body2">
            {m.label}: {m.used}
            {m.limit !== null ? ` / ${m.limit}` : ''} {m.unit ?? ''} {m.status !== 'ok' && m.status !== 'unlimited' ? `(${m.status})` : ''}
          </Typography>
          {m.percent !== null ? <LinearProgress variant="determinate" value={Math.min(100, m.percent)} color={m.percent >= 100 ? 'error' : m.percent >= 80 ? 'warning' : 'primary'} /> : null}
        </Box>
      ))}
    </Box>
  );
}
