import { useQuery } from '@tanstack/react-query';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useMetricsApi } from './metrics-api.ts';

interface Component {
  id: string;
  name: string;
  status: 'healthy' | 'degraded' | 'unhealthy' | 'unknown';
  responseTimeMs: number | null;
  lastCheckedAt: string | null;
}

const COLOR = { healthy: 'success', degraded: 'warning', unhealthy: 'error', unknown: 'default' } as const;

/** The service grid from the health plugin's overview (hidden when the health plugin is not installed). */
export function ServiceGrid() {
  const api = useMetricsApi();
  const health = useQuery({ queryKey: ['health', 'overview'], queryFn: () => api<{ components: Component[] }>('/health/'), retry: false, refetchInterval: 30_000 });
  if (health.isPending) return null;
  if (health.error || !health.data?.components) return <Typography color="text.secondary">Service health is not available.</Typography>;
  return (
    <Grid container spacing={1}>
      {health.data.components.map((c) => (
        <Grid key={c.id} size={{ xs: 12, sm: 6, md: 3 }}>
          <Paper variant="outlined" sx={{ p: 1.5 }}>
            <Typography variant="subtitle2">{c.name}</Typography>
            <Chip size="small" color={COLOR[c.status]} label={c.status} />
            <Typography variant="caption" display="block" color="text.secondary">
              {c.responseTimeMs !== null ? `${c.responseTimeMs} ms` : 'no data'}
              {c.lastCheckedAt ? ` · ${new Date(c.lastCheckedAt).toLocaleTimeString()}` : ''}
            </Typography>
          </Paper>
        </Grid>
      ))}
    </Grid>
  );
}
