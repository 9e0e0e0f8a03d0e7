import type { Customer360PanelProps } from '@platform/sdk/admin';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { customerPath, usePanelData, when } from './panel-api.ts';

interface UserPage {
  user: { id: string; email: string; name: string; status: string; roles: string[] };
  activity: { id: string; at: string; kind: string; summary: string }[];
}

/** A user's 360: their profile and their activity in the tenant's audit trail. */
export function UserProfilePanel({ tenantId, userId }: Customer360PanelProps) {
  const p = usePanelData<UserPage>(['user', tenantId, userId], customerPath(tenantId, `users/${userId}/360`));
  return (
    <Box data-testid="user-profile-panel">
      <Typography variant="body1" sx={{ fontWeight: 600 }}>
        {p.user.name} <Typography component="span" variant="body2">{p.user.email}</Typography>
      </Typography>
      <Box sx={{ my: 1, display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
        <Chip size="small" label={p.user.status} />
        {p.user.roles.map((r) => (
          <Chip key={r} size="small" variant="outlined" label={r} />
        ))}
      </Box>
      <Typography variant="overline">Activity</Typography>
      {p.activity.length === 0 ? <Typography variant="body2">No recent activity</Typography> : null}
      <List dense disablePadding>
        {p.activity.slice(0, 50).map((a) => (
          <ListItem key={a.id} disableGutters>
            <ListItemText primary={a.summary} secondary={`${a.kind} · ${when(a.at)}`} />
          </ListItem>
        ))}
      </List>
    </Box>
  );
}
