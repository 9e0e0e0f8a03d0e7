import { useSuspenseQuery } from '@tanstack/react-query';
import { useDataProvider, type DataProvider } from 'react-admin';
import type { ConsoleApi, Customer360PanelProps } from '@platform/sdk/admin';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';

interface OverrideRow {
  id: string;
  flagKey: string;
  scope: 'tenant' | 'user';
  userId: string | null;
  value: unknown;
  variant: string | null;
  expiresAt: string | null;
}

/** Customer 360 panel: the flag overrides of the tenant and its users, from feature-flags' overrides route. */
export function CustomerFlagsPanel({ tenantId, userId }: Customer360PanelProps) {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  const filter = userId ? { tenantId, userId } : { tenantId };
  const query = `filter=${encodeURIComponent(JSON.stringify(filter))}&range=${encodeURIComponent('[0,49]')}&sort=${encodeURIComponent('["flagKey","ASC"]')}`;
  const { data } = useSuspenseQuery({ queryKey: ['customer-360', 'flag-overrides', tenantId, userId], queryFn: () => dataProvider.api<OverrideRow[]>(`/feature-flags/overrides?${query}`, { tenant: tenantId }) });
  if (data.length === 0) return <Typography variant="body2">No overrides: every flag follows its rules</Typography>;
  return (
    <List dense disablePadding data-testid="flags-panel">
      {data.map((o) => (
        <ListItem key={o.id} disableGutters>
          <ListItemText
            primary={`${o.flagKey} = ${o.variant ?? JSON.stringify(o.value)}`}
            secondary={`${o.scope === 'user' ? `user ${o.userId?.slice(0, 8)}` : 'tenant'}${o.expiresAt ? ` · until ${new Date(o.expiresAt).toLocaleString()}` : ''}`}
          />
        </ListItem>
      ))}
    </List>
  );
}
