import { useSuspenseQuery } from '@tanstack/react-query';
import { useDataProvider, type DataProvider } from 'react-admin';
import { Link } from 'react-router-dom';
import type { ConsoleApi, Customer360PanelProps } from '@platform/sdk/admin';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';

interface IncidentRow {
  id: string;
  title: string;
  severity: number;
  status: string;
  startedAt: string;
}

/** Customer 360 panel: incidents that affected the tenant (platform-wide ones and those naming it), from incidents' list route. */
export function CustomerIncidentsPanel({ tenantId }: Customer360PanelProps) {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  const query = `filter=${encodeURIComponent(JSON.stringify({ tenantId }))}&range=${encodeURIComponent('[0,24]')}&sort=${encodeURIComponent('["startedAt","DESC"]')}`;
  // Same key as the 360 timeline's incident query: one request feeds both.
  const { data } = useSuspenseQuery({ queryKey: ['customer-360', 'incidents', tenantId], queryFn: () => dataProvider.api<IncidentRow[]>(`/incidents/incidents?${query}`, { tenant: tenantId }) });
  if (data.length === 0) return <Typography variant="body2">No incident affected this tenant</Typography>;
  return (
    <List dense disablePadding data-testid="incidents-panel">
      {data.slice(0, 10).map((i) => (
        <ListItem key={i.id} disableGutters>
          <ListItemText primary={<Link to={`/incidents/incidents/${i.id}/show`}>SEV{i.severity} {i.title}</Link>} secondary={`${i.status} · ${new Date(i.startedAt).toLocaleString()}`} />
        </ListItem>
      ))}
    </List>
  );
}
