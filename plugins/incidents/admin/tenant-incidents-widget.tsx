import { Link as RouterLink } from 'react-router-dom';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useTenantIncidents } from './tenant-incidents.ts';

/** A tenant user's dashboard: open incidents that affect their tenant. */
export function TenantIncidentsWidget() {
  const incidents = useTenantIncidents();
  if (incidents.isPending) return <Skeleton variant="rounded" height={80} />;
  if (incidents.error) return <Typography color="error">{(incidents.error as Error).message}</Typography>;
  const open = incidents.data!.filter((i) => i.status !== 'resolved');
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      {open.length === 0 ? (
        <Typography variant="body2" color="text.secondary">No open incident affects you.</Typography>
      ) : (
        open.slice(0, 5).map((i) => (
          <Box key={i.id} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <Chip size="small" label={`SEV${i.severity}`} color={i.severity <= 2 ? 'error' : 'warning'} />
            <Typography variant="body2" sx={{ flex: 1 }}>{i.title}</Typography>
            <Typography variant="caption" color="text.secondary">{i.status}</Typography>
          </Box>
        ))
      )}
      <Link component={RouterLink} to="/incidents/affecting-you" variant="body2">Incident history</Link>
    </Box>
  );
}
