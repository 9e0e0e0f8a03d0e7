import Box from '@mui/material/Box';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router-dom';
import type { Overview } from './health-api-types.ts';
import { useHealthApi } from './useHealthApi.ts';
import { isFailing, serviceCards } from './service-cards.ts';
import { ago, overallColor, overallText, STATUS_COLOR, statusText } from './status-colors.ts';

/** Dashboard: the overall status and the services that are failing, each with its last error and since when. */
export const HealthStatusWidget = () => {
  const overview = useHealthApi<Overview>('/health/', 15_000);
  if (overview.isPending) return <Skeleton variant="rounded" height={80} />;
  if (overview.error) return <Typography color="error">{(overview.error as Error).message}</Typography>;
  const o = overview.data;
  const cards = serviceCards(o);
  const failing = cards.filter(isFailing);
  return (
    <Box component={RouterLink} to="/health" sx={{ color: 'inherit', textDecoration: 'none', display: 'block' }}>
      <Typography variant="h6" sx={{ color: overallColor(o) }}>
        {overallText(o)}
      </Typography>
      {failing.map((s) => (
        <Typography key={s.id} variant="body2">
          <Box component="span" sx={{ color: STATUS_COLOR[s.status] }}>●</Box> {s.name}: {statusText(s.status)}
          {s.lastError ? ` · ${s.lastError}` : ''}
          {s.since ? ` · since ${ago(s.since)}` : ''}
        </Typography>
      ))}
      {failing.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {o.waitingForFirstChecks ? `${cards.length} services, none reported yet` : `${cards.filter((c) => c.status !== 'not_checked').length} services checked`}
        </Typography>
      )}
    </Box>
  );
};
