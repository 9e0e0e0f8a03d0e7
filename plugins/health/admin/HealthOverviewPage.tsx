import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { Title } from 'react-admin';
import type { Overview } from './health-api-types.ts';
import { useHealthApi } from './useHealthApi.ts';
import { OVERALL_TEXT, STATUS_COLOR } from './status-colors.ts';
import { ServiceGrid } from './ServiceGrid.tsx';
import { TenantMatrix } from './TenantMatrix.tsx';

/** `/health`: the overall banner, the service grid and the tenant matrix. */
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
          <Paper sx={{ p: 2, bgcolor: STATUS_COLOR[overview.data.status], color: '#fff' }}>
            <Typography variant="h6">{OVERALL_TEXT[overview.data.status]}</Typography>
            <Typography variant="caption">
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
