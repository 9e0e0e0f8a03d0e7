import Box from '@mui/material/Box';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router-dom';
import type { Overview } from './health-api-types.ts';
import { useHealthApi } from './useHealthApi.ts';
import { OVERALL_TEXT, STATUS_COLOR } from './status-colors.ts';

/** Dashboard: the overall status and the services that are not healthy. */
export const HealthStatusWidget = () => {
  const overview = useHealthApi<Overview>('/health/', 15_000);
  if (overview.isPending) return <Skeleton variant="rounded" height={80} />;
  if (overview.error) return <Typography color="error">{(overview.error as Error).message}</Typography>;
  const o = overview.data;
  const bad = o.services.filter((s) => s.checked && s.status !== 'healthy');
  return (
    <Box component={RouterLink} to="/health" sx={{ color: 'inherit', textDecoration: 'none', display: 'block' }}>
      <Typography variant="h6" sx={{ color: STATUS_COLOR[o.status] }}>
        {OVERALL_TEXT[o.status]}
      </Typography>
      {bad.map((s) => (
        <Typography key={s.monitorId} variant="body2">
          <Box component="span" sx={{ color: STATUS_COLOR[s.status] }}>●</Box> {s.monitorName}: {s.status}
        </Typography>
      ))}
      {bad.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {o.services.filter((s) => s.checked).length} services checked
        </Typography>
      )}
    </Box>
  );
};
