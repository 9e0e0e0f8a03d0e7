import { Title } from 'react-admin';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTenantIncidents } from './tenant-incidents.ts';

/** A tenant user's incidents: the published ones that affect their tenant, with the public message. */
export function TenantIncidentsPage() {
  const incidents = useTenantIncidents();
  return (
    <Box sx={{ p: 2 }}>
      <Title title="Incidents affecting you" />
      {incidents.error ? (
        <Alert severity="error">{(incidents.error as Error).message}</Alert>
      ) : incidents.isPending ? (
        <Skeleton variant="rounded" height={120} />
      ) : incidents.data!.length === 0 ? (
        <Alert severity="success">No incident has affected you in the last 90 days.</Alert>
      ) : (
        <Stack spacing={1.5}>
          {incidents.data!.map((i) => (
            <Card key={i.id} variant="outlined" component="article" aria-label={i.title}>
              <CardContent>
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 0.5 }}>
                  <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>{i.title}</Typography>
                  <Chip size="small" label={`SEV${i.severity}`} color={i.severity <= 2 ? 'error' : 'warning'} />
                  <Chip size="small" variant="outlined" label={i.status} color={i.status === 'resolved' ? 'success' : 'default'} />
                </Stack>
                {i.message && <Typography variant="body2">{i.message}</Typography>}
                <Typography variant="caption" color="text.secondary">
                  Started {new Date(i.startedAt).toLocaleString()}
                  {i.resolvedAt ? ` · resolved ${new Date(i.resolvedAt).toLocaleString()}` : ''}
                  {i.affectedSystems?.length ? ` · ${i.affectedSystems.join(', ')}` : ''}
                </Typography>
              </CardContent>
            </Card>
          ))}
        </Stack>
      )}
    </Box>
  );
}
