import {
  CreateButton,
  Datagrid,
  DateField,
  FunctionField,
  List,
  ReferenceField,
  ReferenceInput,
  AutocompleteInput,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
} from 'react-admin';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import PeopleIcon from '@mui/icons-material/People';
import { EmptyState } from '../../components/EmptyState.tsx';
import { StatusChip } from '../../components/StatusChip.tsx';
import { useSession } from '../../layout/useSession.ts';

interface UserRecord {
  id: string;
  email: string;
  name: string;
  kind: 'staff' | 'tenant';
  tenantId: string | null;
  roles: string[];
  status: string;
}

const UserList = () => {
  const { session, can } = useSession();
  const isStaff = session?.user.kind === 'staff';
  const tenant = session?.tenant ?? null;
  const filters = [
    <SearchInput key="q" source="q" alwaysOn placeholder="Search email or name" />,
    <SelectInput key="status" source="status" label="Status" alwaysOn emptyText="Any status" choices={[{ id: 'active', name: 'Active' }, { id: 'disabled', name: 'Disabled' }]} />,
    ...(isStaff && !tenant
      ? [
          <SelectInput key="kind" source="kind" label="Kind" alwaysOn emptyText="Staff and tenant users" choices={[{ id: 'staff', name: 'Platform staff' }, { id: 'tenant', name: 'Tenant users' }]} />,
          <ReferenceInput key="tenantId" source="tenantId" reference="tenants" alwaysOn>
            <AutocompleteInput label="Tenant" optionText="name" sx={{ minWidth: 220 }} />
          </ReferenceInput>,
        ]
      : []),
  ];
  return (
    <List
      title={tenant ? `Users of ${tenant.name}` : 'Users'}
      filters={filters}
      // In a selected tenant, staff see that tenant's users.
      filter={isStaff && tenant ? { tenantId: tenant.id } : undefined}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      empty={
        <EmptyState
          icon={<PeopleIcon />}
          title="No users yet"
          description={tenant ? `Nobody can sign in to ${tenant.name} yet.` : 'Invite the first person.'}
          action={can('users.write') ? <CreateButton variant="contained" label="Add a user" /> : undefined}
        />
      }
      actions={<TopToolbar>{can('users.write') && <CreateButton label="Add user" />}</TopToolbar>}
    >
      <Datagrid rowClick={can('users.write') ? 'edit' : false} bulkActionButtons={false}>
        <FunctionField
          source="email"
          label="User"
          render={(u: UserRecord) => (
            <Box>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {u.name || u.email}
              </Typography>
              {u.name && (
                <Typography variant="caption" color="text.secondary">
                  {u.email}
                </Typography>
              )}
            </Box>
          )}
        />
        {isStaff && (
          <FunctionField
            source="kind"
            label="Kind"
            render={(u: UserRecord) => <Chip label={u.kind === 'staff' ? 'Staff' : 'Tenant'} color={u.kind === 'staff' ? 'primary' : 'default'} variant="outlined" />}
          />
        )}
        {isStaff && !tenant && (
          <ReferenceField source="tenantId" reference="tenants" label="Tenant" link={false} emptyText="—">
            <TextField source="name" />
          </ReferenceField>
        )}
        <FunctionField
          label="Roles"
          sortable={false}
          render={(u: UserRecord) => (
            <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {(u.roles ?? []).map((r) => (
                <Chip key={r} label={r} variant="outlined" sx={{ fontFamily: 'monospace' }} />
              ))}
            </Stack>
          )}
        />
        <FunctionField source="status" label="Status" render={(u: UserRecord) => <StatusChip status={u.status} />} />
        <DateField source="lastLoginAt" label="Last sign-in" showTime emptyText="Never" />
        <DateField source="createdAt" label="Created" />
      </Datagrid>
    </List>
  );
};

export default UserList;
