import { useSuspenseQuery } from '@tanstack/react-query';
import { useDataProvider, type DataProvider } from 'react-admin';
import { Link } from 'react-router-dom';
import type { ConsoleApi, Customer360PanelProps } from '@platform/sdk/admin';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';

interface TicketRow {
  id: string;
  number: number;
  subject: string;
  status: string;
  priority: string;
  createdAt: string;
}

/** Customer 360 panel: the tenant's latest tickets, from support's staff queue route filtered to the tenant. */
export function CustomerTicketsPanel({ tenantId }: Customer360PanelProps) {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  const query = `filter=${encodeURIComponent(JSON.stringify({ tenantId }))}&range=${encodeURIComponent('[0,9]')}&sort=${encodeURIComponent('["createdAt","DESC"]')}`;
  const { data } = useSuspenseQuery({ queryKey: ['customer-360', 'tickets', tenantId], queryFn: () => dataProvider.api<TicketRow[]>(`/support/queue?${query}`, { tenant: tenantId }) });
  if (data.length === 0) return <Typography variant="body2">No tickets</Typography>;
  return (
    <List dense disablePadding data-testid="tickets-panel">
      {data.map((t) => (
        <ListItem key={t.id} disableGutters>
          <ListItemText primary={<Link to={`/support/queue/${t.id}/show`}>#{t.number} {t.subject}</Link>} secondary={`${t.status} · ${t.priority} · ${new Date(t.createdAt).toLocaleDateString()}`} />
        </ListItem>
      ))}
    </List>
  );
}
