import type { ComponentType } from 'react';
import type { TenantListFieldProps } from '@platform/sdk/admin';
import {
  CreateButton,
  Datagrid,
  DateField,
  FunctionField,
  List,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
} from 'react-admin';
import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import BusinessIcon from '@mui/icons-material/Business';
import { EmptyState } from '../../components/EmptyState.tsx';
import { StatusChip } from '../../components/StatusChip.tsx';
import { useSession } from '../../layout/useSession.ts';
import { TenantLifecycleActions } from './TenantActions.tsx';
import { useTenantListFields } from './useTenantListFields.ts';
import { TENANT_STATUSES, type Tenant } from './types.ts';

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Search name, slug or domain" />,
  <SelectInput key="status" source="status" label="Status" choices={TENANT_STATUSES} alwaysOn emptyText="Any status" />,
];

const Empty = () => {
  const { can } = useSession();
  return (
    <EmptyState
      icon={<BusinessIcon />}
      title="No tenants yet"
      description="A tenant is one customer organisation: its users, data and enabled plugins."
      action={can('platform.tenants.write') ? <CreateButton variant="contained" label="Create a tenant" /> : undefined}
    />
  );
};

const TenantList = () => {
  const { can, session } = useSession();
  const pluginFields = useTenantListFields(session);
  return (
    <List
      title="Tenants"
      filters={filters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      empty={<Empty />}
      actions={<TopToolbar>{can('platform.tenants.write') && <CreateButton />}</TopToolbar>}
    >
      <Datagrid rowClick={can('platform.tenants.write') ? 'edit' : false} bulkActionButtons={false}>
        <FunctionField
          source="name"
          label="Tenant"
          render={(t: Tenant) => (
            <Box>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {t.name}
              </Typography>
              <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
                {t.slug}
              </Typography>
            </Box>
          )}
        />
        {pluginFields.map((f) => {
          const Field = f.component as ComponentType<TenantListFieldProps>;
          return <FunctionField key={f.id} label={f.label} sortable={false} render={(t: Tenant) => <Field tenantId={t.id} />} />;
        })}
        <FunctionField
          source="status"
          label="Status"
          render={(t: Tenant) =>
            t.statusReason ? (
              <Tooltip title={`Reason: ${t.statusReason}`}>
                <span>
                  <StatusChip status={t.status} />
                </span>
              </Tooltip>
            ) : (
              <StatusChip status={t.status} />
            )
          }
        />
        <TextField source="primaryDomain" label="Domain" emptyText="—" />
        <TextField source="locale" label="Locale" />
        <FunctionField
          label="Contact"
          sortable={false}
          render={(t: Tenant) => (t.contactName || t.contactEmail ? [t.contactName, t.contactEmail].filter(Boolean).join(' · ') : '—')}
        />
        <DateField source="createdAt" label="Created" showTime={false} />
        <TenantLifecycleActions />
      </Datagrid>
    </List>
  );
};

export default TenantList;
