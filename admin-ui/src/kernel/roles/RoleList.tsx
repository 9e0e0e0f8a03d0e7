import { CreateButton, Datagrid, FunctionField, List, SearchInput, TextField, TopToolbar } from 'react-admin';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import SecurityIcon from '@mui/icons-material/Security';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useSession } from '../../layout/useSession.ts';

interface RoleRecord {
  id: string;
  key: string;
  name: string;
  description: string | null;
  permissions: string[];
  builtin: boolean;
  scope: 'platform' | 'tenant';
}

const RoleList = () => {
  const { can } = useSession();
  return (
    <List
      title="Roles"
      filters={[<SearchInput key="q" source="q" alwaysOn placeholder="Search roles" />]}
      sort={{ field: 'name', order: 'ASC' }}
      perPage={50}
      empty={<EmptyState icon={<SecurityIcon />} title="No roles" action={can('roles.write') ? <CreateButton variant="contained" /> : undefined} />}
      actions={<TopToolbar>{can('roles.write') && <CreateButton label="New role" />}</TopToolbar>}
    >
      <Datagrid rowClick={can('roles.write') ? 'edit' : false} bulkActionButtons={false}>
        <FunctionField
          source="name"
          label="Role"
          render={(r: RoleRecord) => (
            <Box>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {r.name}
              </Typography>
              <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
                {r.key}
              </Typography>
            </Box>
          )}
        />
        <FunctionField
          source="scope"
          label="For"
          render={(r: RoleRecord) => <Chip label={r.scope === 'tenant' ? 'Tenant users' : 'Platform staff'} variant="outlined" color={r.scope === 'tenant' ? 'default' : 'primary'} />}
        />
        <FunctionField
          label="Permissions"
          sortable={false}
          render={(r: RoleRecord) =>
            r.permissions?.includes('*') ? (
              <Chip label="All permissions" color="secondary" />
            ) : (
              <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', maxWidth: 420 }}>
                {(r.permissions ?? []).slice(0, 3).map((p) => (
                  <Chip key={p} label={p} variant="outlined" sx={{ fontFamily: 'monospace' }} />
                ))}
                {(r.permissions?.length ?? 0) > 3 && <Chip label={`+${r.permissions.length - 3}`} />}
                {(r.permissions?.length ?? 0) === 0 && <Typography variant="caption">none</Typography>}
              </Stack>
            )
          }
        />
        <FunctionField source="builtin" label="Type" render={(r: RoleRecord) => (r.builtin ? <Chip label="Built-in" /> : <Chip label="Custom" variant="outlined" />)} />
        <TextField source="description" label="Description" emptyText="—" sortable={false} />
      </Datagrid>
    </List>
  );
};

export default RoleList;
