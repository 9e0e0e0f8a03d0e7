import { CreateButton, Datagrid, DateField, DeleteButton, FunctionField, List, ReferenceField, TextField, TopToolbar, useRecordContext } from 'react-admin';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import VpnKeyIcon from '@mui/icons-material/VpnKey';
import { EmptyState } from '../../components/EmptyState.tsx';
import { StatusChip } from '../../components/StatusChip.tsx';
import { useSession } from '../../layout/useSession.ts';
import { relativeTime } from '../format.ts';
import { apiKeyStatus, type ApiKeyRecord } from './status.ts';

const RevokeButton = () => {
  const k = useRecordContext<ApiKeyRecord>();
  if (!k || k.revokedAt) return null;
  return (
    <DeleteButton
      label="Revoke"
      mutationMode="pessimistic"
      confirmTitle={`Revoke the key “${k.name}”?`}
      confirmContent="Services using it are refused from now on. This cannot be undone."
      onClick={(e) => e.stopPropagation()}
    />
  );
};

const ApiKeyList = () => {
  const { session, can } = useSession();
  const isStaff = session?.user.kind === 'staff';
  return (
    <List
      title="API keys"
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      empty={
        <EmptyState
          icon={<VpnKeyIcon />}
          title="No API keys"
          description="Services call the API with a key sent as “Authorization: Bearer pk_…”. Each key is shown once, when it is created."
          action={can('api_keys.write') ? <CreateButton variant="contained" label="Create an API key" /> : undefined}
        />
      }
      actions={<TopToolbar>{can('api_keys.write') && <CreateButton label="New API key" />}</TopToolbar>}
    >
      <Datagrid rowClick={false} bulkActionButtons={false}>
        <FunctionField
          source="name"
          label="Key"
          render={(k: ApiKeyRecord) => (
            <Box>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {k.name}
              </Typography>
              <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
                {k.prefix?.startsWith('pk_') ? k.prefix : `pk_${k.prefix}_`}…
              </Typography>
            </Box>
          )}
        />
        {isStaff && (
          <ReferenceField source="tenantId" reference="tenants" label="Tenant" link={false} emptyText="Platform">
            <TextField source="name" />
          </ReferenceField>
        )}
        <FunctionField
          label="Permissions"
          sortable={false}
          render={(k: ApiKeyRecord) => <Chip label={k.permissions?.includes('*') ? 'all' : `${k.permissions?.length ?? 0}`} variant="outlined" />}
        />
        <FunctionField label="Status" sortable={false} render={(k: ApiKeyRecord) => <StatusChip status={apiKeyStatus(k)} />} />
        <FunctionField source="lastUsedAt" label="Last used" render={(k: ApiKeyRecord) => relativeTime(k.lastUsedAt)} />
        <DateField source="expiresAt" label="Expires" emptyText="Never" />
        <DateField source="createdAt" label="Created" />
        {can('api_keys.write') && <RevokeButton />}
      </Datagrid>
    </List>
  );
};

export default ApiKeyList;
