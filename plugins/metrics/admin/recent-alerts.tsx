import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { useMetricsApi } from './metrics-api.ts';

interface AlertRow {
  id: string;
  ruleName: string;
  severity: string;
  state: string;
  stateSince: string;
  labels: Record<string, string>;
}

/** Alerts of the last 24 h from the alerts plugin (hidden when it is not installed). */
export function RecentAlerts() {
  const api = useMetricsApi();
  const since = new Date(Date.now() - 86_400_000).toISOString();
  const alerts = useQuery({
    queryKey: ['alerts', 'recent'],
    queryFn: () => api<AlertRow[]>(`/alerts/active?range=${encodeURIComponent('[0,9]')}`),
    retry: false,
    refetchInterval: 30_000,
  });
  if (alerts.isPending) return null;
  if (alerts.error) return <Typography color="text.secondary">Alerts are not available.</Typography>;
  const rows = (alerts.data ?? []).filter((a) => a.stateSince >= since);
  if (rows.length === 0) return <Typography color="text.secondary">No alerts in the last 24 hours.</Typography>;
  return (
    <List dense>
      {rows.map((a) => (
        <ListItem key={a.id} component={Link} to={`/alerts/active/${a.id}/show`} sx={{ color: 'inherit' }}>
          <Chip size="small" sx={{ mr: 1 }} color={a.state === 'firing' ? 'error' : a.state === 'resolved' ? 'success' : 'warning'} label={a.state} />
          <ListItemText primary={a.ruleName} secondary={`${a.severity} · ${Object.entries(a.labels).map(([k, v]) => `${k}=${v}`).join(', ') || 'all'} · since ${new Date(a.stateSince).toLocaleString()}`} />
        </ListItem>
      ))}
    </List>
  );
}
