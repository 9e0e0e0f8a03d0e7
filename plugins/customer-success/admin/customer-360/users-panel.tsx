import type { Customer360PanelProps } from '@platform/sdk/admin';
import { Link } from 'react-router-dom';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { listQuery, usePanelData, when } from './panel-api.ts';

interface UserRow {
  id: string;
  email: string;
  name: string;
  status: string;
  roles: string[];
  lastLoginAt: string | null;
}

/** The tenant's users, last sign-in first (the kernel's `GET /users` filtered to the tenant), each linking to its user 360 page. */
export function UsersPanel({ tenantId }: Customer360PanelProps) {
  const users = usePanelData<UserRow[]>(['users', tenantId], `/users?${listQuery({ tenantId }, 10, ['lastLoginAt', 'DESC'])}`, tenantId);
  if (users.length === 0) return <Typography variant="body2">No users</Typography>;
  return (
    <List dense disablePadding data-testid="users-panel">
      {users.map((u) => (
        <ListItem key={u.id} disableGutters>
          <ListItemText
            primary={<Link to={`/customers/${tenantId}/users/${u.id}`}>{u.name || u.email}</Link>}
            secondary={`${u.email} · ${u.roles.join(', ')} · ${u.status} · last sign-in ${when(u.lastLoginAt)}`}
          />
        </ListItem>
      ))}
    </List>
  );
}
