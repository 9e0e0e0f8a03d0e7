import { Link as RouterLink } from 'react-router-dom';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { StatusChip } from './StatusChip.tsx';
import { byAttention, useOwnTenantHealth } from './useOwnTenantHealth.ts';

/** A tenant user's dashboard: their services' health, failing ones first. */
export function TenantHealthWidget() {
  const health = useOwnTenantHealth();
  if (health.isPending) return <Skeleton variant="rounded" height={100} />;
  if (health.error) return <Typography color="error">{(health.error as Error).message}</Typography>;
  const monitors = byAttention(health.data!.monitors).slice(0, 5);
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <StatusChip status={health.data!.status} />
      </Box>
      {monitors.length === 0 ? (
        <Typography variant="body2" color="text.secondary">No service of yours is monitored yet.</Typography>
      ) : (
        monitors.map((m) => (
          <Box key={`${m.monitorId}:${m.targetKey}`} sx={{ display: 'flex', justifyContent: 'space-between', gap: 1 }}>
            <Typography variant="body2">{m.monitorName}</Typography>
            <StatusChip status={m.checked ? m.status : 'unknown'} />
          </Box>
        ))
      )}
      <Link component={RouterLink} to="/health/tenant" variant="body2">All your services</Link>
    </Box>
  );
}
