import { useState } from 'react';
import {
  Create,
  Datagrid,
  DateField,
  Edit,
  FunctionField,
  List,
  ReferenceField,
  ReferenceInput,
  AutocompleteInput,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  Toolbar,
  required,
  useDataProvider,
  useGetList,
  useNotify,
  useRefresh,
  usePermissions,
  type DataProvider,
} from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import DeleteIcon from '@mui/icons-material/Delete';
import type { ConsoleApi, PlatformSession } from '@platform/sdk/admin';
import { ReasonDialog } from './reason-dialog.tsx';
import { useCanCall } from '@platform/sdk/admin/use-can-call';

const RESOURCE = 'feature-flags/overrides';

interface OverrideView {
  id: string;
  tenantId: string;
  flagKey: string;
  scope: 'tenant' | 'user';
  userId: string | null;
  value: unknown;
  variant: string | null;
  expiresAt: string | null;
  active: boolean;
  reason: string;
}

const parseValue = (text: string) => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};
const formatValue = (value: unknown) => (value === undefined ? '' : JSON.stringify(value));
const toIso = (local: string | null | undefined) => (local ? new Date(local).toISOString() : null);

function RemoveOverride({ override }: { override: OverrideView }) {
  const [open, setOpen] = useState(false);
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  const notify = useNotify();
  const refresh = useRefresh();
  const { canCall } = useCanCall('DELETE', `/${RESOURCE}/:id`);
  if (!canCall) return null;
  return (
    <>
      <IconButton aria-label="Remove override" size="small" onClick={(e) => (e.stopPropagation(), setOpen(true))}>
        <DeleteIcon fontSize="small" />
      </IconButton>
      <ReasonDialog
        open={open}
        title={`Remove the ${override.scope} override of ${override.flagKey}?`}
        confirmLabel="Remove"
        danger
        onClose={() => setOpen(false)}
        onConfirm={async (reason) => {
          try {
            await dataProvider.delete(RESOURCE, { id: override.id, previousData: override as any, meta: { reason } });
            notify('Override removed', { type: 'success' });
            refresh();
          } catch (err) {
            notify((err as Error).message, { type: 'error' });
          }
        }}
      />
    </>
  );
}

const expiry = (o: OverrideView) =>
  o.expiresAt ? <Chip size="small" color={o.active ? 'default' : 'warning'} label={`${o.active ? 'until' : 'expired'} ${new Date(o.expiresAt).toLocaleString()}`} /> : 'never';

/** Overrides per tenant and per user (the tenant's own for tenant users; the selected tenant's, or all, for staff). */
export const OverrideList = () => (
  <List title="Flag overrides" sort={{ field: 'createdAt', order: 'DESC' }} filters={[<TextInput key="flagKey" source="flagKey" label="Flag key" alwaysOn />, <SelectInput key="scope" source="scope" choices={[{ id: 'tenant', name: 'Tenant' }, { id: 'user', name: 'User' }]} />]}>
    <Datagrid bulkActionButtons={false}>
      <TextField source="flagKey" label="Flag" />
      <FunctionField label="Scope" render={(o: OverrideView) => <Chip size="small" label={o.scope} />} />
      <ReferenceField source="tenantId" reference="tenants" label="Tenant" link={false}>
        <TextField source="name" />
      </ReferenceField>
      <TextField source="userId" label="User" emptyText="—" />
      <FunctionField label="Value" render={(o: OverrideView) => <code>{JSON.stringify(o.value)}</code>} />
      <FunctionField label="Expires" render={expiry} />
      <TextField source="reason" label="Why" />
      <DateField source="createdAt" label="Created" showTime />
      <FunctionField label="" render={(o: OverrideView) => <RemoveOverride override={o} />} />
    </Datagrid>
  </List>
);

const ReasonToolbar = () => (
  <Toolbar sx={{ gap: 2 }}>
    <TextInput source="reason" label="Reason" validate={required()} sx={{ flex: 1, maxWidth: 600 }} helperText="Kept in the audit trail" />
    <SaveButton alwaysEnable />
  </Toolbar>
);

function TenantPicker() {
  const { permissions } = usePermissions<PlatformSession>();
  // Tenant users always act in their own tenant; staff pick one when none is selected.
  if (!permissions || permissions.user.kind !== 'staff' || permissions.tenant) return null;
  return (
    <ReferenceInput source="tenantId" reference="tenants">
      <AutocompleteInput label="Tenant" optionText="name" validate={required()} />
    </ReferenceInput>
  );
}

export const OverrideCreate = () => (
  <Create
    title="New override"
    redirect="list"
    transform={(data: Record<string, any>) => ({ ...data, expiresAt: toIso(data.expiresAt), userId: data.scope === 'user' ? data.userId : undefined })}
  >
    <SimpleForm toolbar={<ReasonToolbar />} defaultValues={{ scope: 'tenant', value: true }}>
      <ReferenceInput source="flagKey" reference="feature-flags/flags">
        <AutocompleteInput label="Flag" optionText="key" optionValue="key" validate={required()} />
      </ReferenceInput>
      <SelectInput source="scope" choices={[{ id: 'tenant', name: 'The whole tenant' }, { id: 'user', name: 'One user of the tenant' }]} validate={required()} />
      <TenantPicker />
      <TextInput source="userId" label="User id (scope user)" />
      <TextInput source="value" label="Value (JSON: true, false, 42, &quot;v2&quot;...)" parse={parseValue} format={formatValue} validate={required()} />
      <TextInput source="variant" label="Variant name (optional)" />
      <TextInput source="expiresAt" label="Expires at (optional)" type="datetime-local" InputLabelProps={{ shrink: true }} />
    </SimpleForm>
  </Create>
);

export const OverrideEdit = () => (
  <Edit title="Edit override" mutationMode="pessimistic" transform={(data: Record<string, any>) => ({ value: data.value, variant: data.variant || null, expiresAt: data.expiresAt ? toIso(data.expiresAt) : null, reason: data.reason })}>
    <SimpleForm toolbar={<ReasonToolbar />}>
      <TextField source="flagKey" label="Flag" />
      <TextInput source="value" label="Value (JSON)" parse={parseValue} format={formatValue} validate={required()} />
      <TextInput source="variant" label="Variant name" />
      <TextInput
        source="expiresAt"
        label="Expires at"
        type="datetime-local"
        InputLabelProps={{ shrink: true }}
        format={(v: string | null) => (v && v.endsWith('Z') ? new Date(new Date(v).getTime() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16) : v ?? '')}
      />
    </SimpleForm>
  </Edit>
);

/** The overrides of one flag, on its edit page. */
export function FlagOverridesPanel({ flagKey }: { flagKey: string }) {
  const { data, isPending } = useGetList<OverrideView>(RESOURCE, { filter: { flagKey }, sort: { field: 'createdAt', order: 'DESC' }, pagination: { page: 1, perPage: 200 } });
  return (
    <Stack spacing={2} sx={{ width: '100%', maxWidth: 1000 }}>
      <Stack direction="row" justifyContent="space-between" alignItems="center">
        <Typography variant="body2" color="text.secondary">
          Per-tenant and per-user values; a user override wins over its tenant's, both over every targeting rule.
        </Typography>
        <Button component={RouterLink} to={`/${RESOURCE}/create?source=${encodeURIComponent(JSON.stringify({ flagKey }))}`} variant="outlined" size="small">
          Add override
        </Button>
      </Stack>
      {isPending ? null : !data?.length ? (
        <Typography color="text.secondary">No overrides.</Typography>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>Scope</TableCell>
              <TableCell>Tenant</TableCell>
              <TableCell>User</TableCell>
              <TableCell>Value</TableCell>
              <TableCell>Expires</TableCell>
              <TableCell>Why</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {data.map((o) => (
              <TableRow key={o.id}>
                <TableCell>{o.scope}</TableCell>
                <TableCell>
                  <ReferenceField record={o} source="tenantId" reference="tenants" link={false}>
                    <TextField source="name" />
                  </ReferenceField>
                </TableCell>
                <TableCell>{o.userId ?? '—'}</TableCell>
                <TableCell>
                  <code>{JSON.stringify(o.value)}</code>
                </TableCell>
                <TableCell>{expiry(o)}</TableCell>
                <TableCell>{o.reason}</TableCell>
                <TableCell>
                  <RemoveOverride override={o} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Stack>
  );
}
