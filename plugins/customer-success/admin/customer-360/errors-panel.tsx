import type { Customer360PanelProps } from '@platform/sdk/admin';
import Alert from '@mui/material/Alert';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { customerPath, usePanelData, when } from './panel-api.ts';

type Errors =
  | { available: true; errors: { id: string; timestamp: string; service: string; action: string; message: string; requestId: string | null }[] }
  | { available: false; reason: string };

/** The tenant's last 3 error lines (LOG_READER, last 30 days). */
export function ErrorsPanel({ tenantId }: Customer360PanelProps) {
  const e = usePanelData<Errors>(['errors', tenantId], customerPath(tenantId, '360/errors'));
  if (!e.available) return <Alert severity="info">{e.reason}</Alert>;
  if (e.errors.length === 0) return <Typography variant="body2">No errors in the last 30 days</Typography>;
  return (
    <List dense disablePadding data-testid="errors-panel">
      {e.errors.map((x) => (
        <ListItem key={x.id} disableGutters>
          <ListItemText primary={x.message} secondary={`${x.service} · ${x.action} · ${when(x.timestamp)}${x.requestId ? ` · ${x.requestId}` : ''}`} />
        </ListItem>
      ))}
    </List>
  );
}
