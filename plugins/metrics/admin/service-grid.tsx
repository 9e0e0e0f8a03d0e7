import { useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import CardActionArea from '@mui/material/CardActionArea';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { Link } from 'react-router-dom';
import { usePermissions } from 'react-admin';
import type { PlatformSession } from '@platform/sdk/admin';
import { useMetricsApi } from './metrics-api.ts';

interface Component {
  id: string;
  name: string;
  status: 'healthy' | 'degraded' | 'unhealthy' | 'unknown';
  responseTimeMs: number | null;
  lastCheckedAt: string | null;
}

const COLOR = { healthy: 'success', degraded: 'warning', unhealthy: 'error', unknown: 'default' } as const;

/** The health console's nav item that gates its `/health/services/:id` detail page (status, logs, incidents). */
const HEALTH_DETAIL_NAV_ITEM = 'health.matrix';

/** Whether the health plugin's console pages are in this console for this user. */
function useHealthPagesShown(): boolean {
  const { permissions } = usePermissions<PlatformSession>();
  return !!permissions?.nav?.sections.some((section) => section.items.some((item) => item.id === HEALTH_DETAIL_NAV_ITEM));
}

/**
 * The service grid from the health plugin's overview (hidden when the health plugin is not installed).
 * A cell opens the service's health detail page (its logs and incidents are linked from there) when
 * the health console is shown.
 */
export function ServiceGrid() {
  const api = useMetricsApi();
  const linked = useHealthPagesShown();
  const health = useQuery({ queryKey: ['health', 'overview'], queryFn: () => api<{ components: Component[] }>('/health/'), retry: false, refetchInterval: 30_000 });
  if (health.isPending) return null;
  if (health.error || !health.data?.components) return <Typography color="text.secondary">Service health is not available.</Typography>;
  return (
    <Grid container spacing={1}>
      {health.data.components.map((c) => (
        <Grid key={c.id} size={{ xs: 12, sm: 6, md: 3 }}>
          <Paper variant="outlined">
            {linked ? (
              <CardActionArea component={Link} to={`/health/services/${encodeURIComponent(c.id)}`} aria-label={`${c.name} health details`}>
                <ServiceCell component={c} />
              </CardActionArea>
            ) : (
              <ServiceCell component={c} />
            )}
          </Paper>
        </Grid>
      ))}
    </Grid>
  );
}

function ServiceCell({ component: c }: { component: Component }) {
  return (
    <Box sx={{ p: 1.5 }}>
      <Typography variant="subtitle2">{c.name}</Typography>
      <Chip size="small" color={COLOR[c.status]} label={c.status} />
      <Typography variant="caption" display="block" color="text.secondary">
        {c.responseTimeMs !== null ? `${c.responseTimeMs} ms` : 'no data'}
        {c.lastCheckedAt ? ` · ${new Date(c.lastCheckedAt).toLocaleTimeString()}` : ''}
      </Typography>
    </Box>
  );
}
