import { useState } from 'react';
import { AutocompleteInput, BooleanInput, Create, type RaRecord, DateTimeInput, ReferenceInput, required, SimpleForm, TextInput, useRedirect } from 'react-admin';
import { useWatch } from 'react-hook-form';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { CopyButton } from '../../components/CopyButton.tsx';
import { useSession } from '../../layout/useSession.ts';
import { PermissionChecklist } from '../roles/PermissionChecklist.tsx';
import { notForTenants } from '../roles/RoleForm.tsx';

/** A key bound to a tenant (any key a tenant user makes) is offered tenant-scope permissions only. */
const KeyPermissions = () => {
  const { session } = useSession();
  const tenantId = useWatch({ name: 'tenantId' }) as string | null | undefined;
  const bound = session?.user.kind !== 'staff' || !!tenantId;
  return <PermissionChecklist validate={atLeastOne} exclude={bound ? notForTenants : undefined} />;
};

/** The key is in the create response only: shown here once, with a copy button, then gone. */
export const NewKeyDialog = ({ secret, name, onDone }: { secret: string; name: string; onDone(): void }) => (
  <Dialog open fullWidth maxWidth="sm" aria-labelledby="new-key-title" disableEscapeKeyDown>
    <DialogTitle id="new-key-title">API key “{name}” created</DialogTitle>
    <DialogContent>
      <Alert severity="warning" sx={{ mb: 2 }}>
        Copy it now. It is not stored in readable form and will never be shown again.
      </Alert>
      <Paper variant="outlined" sx={{ display: 'flex', alignItems: 'center', gap: 1, pl: 2, pr: 0.5, py: 0.5, bgcolor: 'action.hover' }}>
        <Typography component="code" aria-label="New API key" sx={{ fontFamily: 'monospace', fontSize: '0.9rem', wordBreak: 'break-all', flex: 1 }}>
          {secret}
        </Typography>
        <CopyButton text={secret} label="Copy API key" />
      </Paper>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
        Services send it as <code>Authorization: Bearer {secret.slice(0, 7)}…</code>
      </Typography>
    </DialogContent>
    <DialogActions sx={{ px: 3, pb: 2 }}>
      <Button variant="contained" onClick={onDone}>
        I have copied it
      </Button>
    </DialogActions>
  </Dialog>
);

const atLeastOne = (v: unknown) => (Array.isArray(v) && v.length > 0 ? undefined : 'Give the key at least one permission');

const KeyScopeHint = () => {
  const { session } = useSession();
  const tenantId = useWatch({ name: 'tenantId' }) as string | null | undefined;
  if (session?.user.kind !== 'staff') return null;
  return (
    <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
      {tenantId ? 'The key acts inside this tenant only.' : 'A platform-level key: it acts across tenants, as far as its permissions allow.'}
    </Typography>
  );
};

const ApiKeyCreate = () => {
  const redirect = useRedirect();
  const { session } = useSession();
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  return (
    <>
      <Create
        title="New API key"
        redirect={false}
        mutationOptions={{
          onSuccess: (data: RaRecord) => {
            setCreated({ key: String(data.key ?? ''), name: String(data.name ?? '') });
          },
        }}
      >
        <SimpleForm defaultValues={{ permissions: [], actOnBehalf: false, tenantId: session?.user.kind === 'staff' ? (session.tenant?.id ?? null) : undefined }}>
          <Box sx={{ width: '100%', maxWidth: 560 }}>
            <Alert severity="info" sx={{ mb: 1 }}>
              A key can never hold a permission you do not hold yourself.
            </Alert>
            <TextInput source="name" label="Name" validate={required()} helperText="Where it is used, e.g. “billing sync”" />
            {session?.user.kind === 'staff' && (
              <ReferenceInput source="tenantId" reference="tenants" sort={{ field: 'name', order: 'ASC' }}>
                <AutocompleteInput label="Tenant" optionText="name" helperText="Leave empty for a platform-level key" />
              </ReferenceInput>
            )}
            <KeyScopeHint />
            <DateTimeInput
              source="expiresAt"
              label="Expires"
              parse={(v: string) => (v ? new Date(v).toISOString() : null)}
              helperText="Optional; leave empty for a key that does not expire"
            />
            {session?.user.kind === 'staff' && (
              <BooleanInput source="actOnBehalf" label="May act on behalf of users and tenants" helperText="For trusted services such as flag evaluation" />
            )}
          </Box>
          <KeyPermissions />
        </SimpleForm>
      </Create>
      {created && (
        <NewKeyDialog
          secret={created.key}
          name={created.name}
          onDone={() => {
            setCreated(null);
            redirect('list', 'api-keys');
          }}
        />
      )}
    </>
  );
};

export default ApiKeyCreate;
