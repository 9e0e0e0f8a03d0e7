import { useState } from 'react';
import {
  Create,
  Datagrid,
  DateField,
  FunctionField,
  List,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  TopToolbar,
  CreateButton,
  useDataProvider,
  useNotify,
  useRefresh,
  type DataProvider,
} from 'react-admin';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import type { ConsoleApi } from '@platform/sdk/admin';
import { useCanCall } from '@platform/sdk/admin/use-can-call';

interface Invitation {
  id: string;
  email: string;
  role: string;
  kind: 'staff' | 'tenant';
  tenantId: string | null;
  status: 'pending' | 'expired' | 'accepted' | 'revoked';
  expiresAt: string;
  lastSendError: string | null;
  invitedByName: string | null;
}

const STATUS_COLOR: Record<Invitation['status'], 'default' | 'success' | 'warning' | 'error' | 'info'> = { pending: 'info', expired: 'warning', accepted: 'success', revoked: 'default' };
const STATUS_CHOICES = ['pending', 'expired', 'accepted', 'revoked'].map((s) => ({ id: s, name: s }));
const TENANT_ROLES = [
  { id: 'tenant_admin', name: 'Tenant admin' },
  { id: 'tenant_member', name: 'Tenant member' },
];
const STAFF_ROLES = [
  { id: 'admin', name: 'Admin (staff)' },
  { id: 'support', name: 'Support (staff)' },
  { id: 'read_only', name: 'Read only (staff)' },
];

function useApi(): ConsoleApi['api'] {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  return dataProvider.api.bind(dataProvider);
}

/** Resend or revoke, each confirmed in a dialog; hidden without the permission to call it. */
function InvitationActions({ record }: { record: Invitation }) {
  const api = useApi();
  const notify = useNotify();
  const refresh = useRefresh();
  const { canCall } = useCanCall('POST', '/onboarding/invitations/:id/resend');
  const [confirm, setConfirm] = useState<'resend' | 'revoke' | null>(null);
  const [busy, setBusy] = useState(false);
  if (!canCall || (record.status !== 'pending' && record.status !== 'expired')) return null;
  const run = async () => {
    if (!confirm) return;
    setBusy(true);
    try {
      await api(`/onboarding/invitations/${record.id}/${confirm}`, { method: 'POST' });
      notify(confirm === 'resend' ? `A new link was sent to ${record.email}` : `The invitation of ${record.email} was revoked`, { type: 'success' });
      refresh();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
      setConfirm(null);
    }
  };
  return (
    <Stack direction="row" spacing={1} onClick={(e) => e.stopPropagation()}>
      <Button size="small" onClick={() => setConfirm('resend')}>
        Resend
      </Button>
      {record.status === 'pending' && (
        <Button size="small" color="error" onClick={() => setConfirm('revoke')}>
          Revoke
        </Button>
      )}
      <Dialog open={!!confirm} onClose={() => setConfirm(null)}>
        <DialogTitle>{confirm === 'resend' ? 'Resend the invitation?' : 'Revoke the invitation?'}</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {confirm === 'resend'
              ? `${record.email} gets a new link, valid for another 7 days; the previous link stops working.`
              : `The link sent to ${record.email} stops working. You can invite the address again later.`}
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirm(null)}>Cancel</Button>
          <Button variant="contained" color={confirm === 'revoke' ? 'error' : 'primary'} disabled={busy} onClick={run}>
            {confirm === 'resend' ? 'Resend' : 'Revoke'}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}

const ListActions = () => {
  const { canCall } = useCanCall('POST', '/onboarding/invitations');
  return <TopToolbar>{canCall && <CreateButton label="Invite" />}</TopToolbar>;
};

const filters = [<TextInput key="q" source="q" label="Search" alwaysOn />, <SelectInput key="status" source="status" choices={STATUS_CHOICES} />];

/** Invitations: who was invited, with which role, and what became of it (own tenant for tenant admins). */
export const InvitationList = () => (
  <List filters={filters} actions={<ListActions />} sort={{ field: 'createdAt', order: 'DESC' }} title="Invitations" empty={false}>
    <Datagrid bulkActionButtons={false} rowClick={false}>
      <TextField source="email" />
      <TextField source="role" />
      <FunctionField label="Status" render={(r: Invitation) => <Chip size="small" label={r.status} color={STATUS_COLOR[r.status]} />} />
      <DateField source="expiresAt" label="Expires" showTime />
      <TextField source="invitedByName" label="Invited by" />
      <FunctionField label="Delivery" render={(r: Invitation) => (r.lastSendError ? <Chip size="small" color="error" label="not sent" title={r.lastSendError} /> : 'sent')} />
      <FunctionField label="" render={(r: Invitation) => <InvitationActions record={r} />} />
    </Datagrid>
  </List>
);

/** Invite one address with a role; staff may name the tenant (or none: a platform staff invitation). */
export const InvitationCreate = () => {
  const { canCall: staff } = useCanCall('GET', '/tenants');
  return (
    <Create title="Invite someone" redirect="list">
      <SimpleForm>
        <TextInput source="email" type="email" validate={required()} fullWidth />
        <TextInput source="name" label="Name (optional)" fullWidth />
        <SelectInput source="role" choices={staff ? [...TENANT_ROLES, ...STAFF_ROLES] : TENANT_ROLES} validate={required()} defaultValue="tenant_member" />
        {staff && (
          <ReferenceInput source="tenantId" reference="tenants">
            <SelectInput optionText="name" label="Tenant (empty: your selected tenant, or platform staff)" fullWidth />
          </ReferenceInput>
        )}
      </SimpleForm>
    </Create>
  );
};
