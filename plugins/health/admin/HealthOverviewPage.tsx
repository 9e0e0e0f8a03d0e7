import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { Title } from 'react-admin';
import type { Overview } from './health-api-types.ts';
import { useHealthApi } from './useHealthApi.ts';
import { overallColor, overallText } from './status-colors.ts';
import { ServiceGrid } from './ServiceGrid.tsx';
import { TenantMatrix } from './TenantMatrix.tsx';

/** `/health`: the overall banner, every service (failing ones first, with last error and since when), the tenant matrix. */
export const HealthOverviewPage = () => {
  const overview = useHealthApi<Overview>('/health/', 5_000);
  return (
    <Box sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Title title="Health" />
      {overview.isPending ? (
        <Skeleton variant="rounded" height={64} />
      ) : overview.error ? (
        <Typography color="error">{(overview.error as Error).message}</Typography>
      ) : (
        <>
          <Paper role="status" sx={{ p: 2, bgcolor: overallColor(overview.data), color: '#fff' }}>
            <Typography variant="h6">{overallText(overview.data)}</Typography>
            <Typography variant="caption">
              {overview.data.waitingForFirstChecks && 'No monitor has reported yet; each service shows here once its first check ran. · '}
              {overview.data.scheduler.alive ? 'Scheduler running' : 'Scheduler not running: statuses are unknown'} · updated {new Date(overview.data.timestamp).toLocaleTimeString()}
            </Typography>
          </Paper>
          <ServiceGrid overview={overview.data} />
        </>
      )}
      <Paper sx={{ p: 2 }}>
        <Typography variant="h6" gutterBottom>
          Tenants
        </Typography>
        <TenantMatrix />
      </Paper>
    </Box>
  );
};
