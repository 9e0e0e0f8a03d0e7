import { RadioButtonGroupInput, regex, required, TextInput } from 'react-admin';
import { useWatch } from 'react-hook-form';
import Box from '@mui/material/Box';
import { PermissionChecklist } from './PermissionChecklist.tsx';
import type { PermissionEntry } from '../../api/dataProvider.ts';

/** Tenant roles cannot hold platform-scope permissions (the kernel refuses them). */
export const notForTenants = (p: PermissionEntry) => p.scope !== 'tenant';

const ScopedPermissions = ({ readOnly }: { readOnly?: boolean }) => {
  const scope = useWatch({ name: 'scope' }) as string | undefined;
  return <PermissionChecklist disabled={readOnly} exclude={scope === 'tenant' ? notForTenants : undefined} />;
};

export const RoleFields = ({ creating, readOnly }: { creating?: boolean; readOnly?: boolean }) => (
  <Box sx={{ width: '100%' }}>
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 2, maxWidth: 900 }}>
      <TextInput source="name" label="Name" validate={required()} disabled={readOnly} />
      <TextInput
        source="key"
        label="Key"
        disabled={!creating}
        validate={creating ? [required(), regex(/^[a-z][a-z0-9_]{1,49}$/, 'Lowercase letters, digits and underscores (2–50), starting with a letter')] : undefined}
        helperText={creating ? 'Stable identifier, e.g. billing_manager' : 'Cannot be changed'}
      />
    </Box>
    <Box sx={{ maxWidth: 900 }}>
      <TextInput source="description" label="Description" multiline minRows={2} disabled={readOnly} />
      <RadioButtonGroupInput
        source="scope"
        label="For"
        disabled={!creating}
        choices={[
          { id: 'platform', name: 'Platform staff' },
          { id: 'tenant', name: 'Tenant users' },
        ]}
      />
    </Box>
    <ScopedPermissions readOnly={readOnly} />
  </Box>
);
