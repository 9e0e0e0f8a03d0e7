import { AutocompleteInput, Create, email, minLength, PasswordInput, RadioButtonGroupInput, ReferenceInput, required, SimpleForm, TextInput } from 'react-admin';
import { useWatch } from 'react-hook-form';
import Box from '@mui/material/Box';
import { useSession } from '../../layout/useSession.ts';
import { RolesInput } from './RolesInput.tsx';

const TenantPicker = () => {
  const kind = useWatch({ name: 'kind' });
  if (kind !== 'tenant') return null;
  return (
    <ReferenceInput source="tenantId" reference="tenants" sort={{ field: 'name', order: 'ASC' }}>
      <AutocompleteInput label="Tenant" optionText="name" validate={required()} />
    </ReferenceInput>
  );
};

const UserCreate = () => {
  const { session } = useSession();
  const isStaff = session?.user.kind === 'staff';
  const defaults = { kind: isStaff && !session?.tenant ? 'staff' : 'tenant', tenantId: session?.tenant?.id ?? null, roles: [] as string[] };
  return (
    <Create title="Add a user" redirect="list">
      <SimpleForm defaultValues={defaults}>
        <Box sx={{ width: '100%', maxWidth: 560 }}>
          <TextInput source="email" label="Email" type="email" validate={[required(), email()]} />
          <TextInput source="name" label="Name" validate={required()} />
          <PasswordInput source="password" label="Password" validate={[required(), minLength(8)]} helperText="At least 8 characters; they can change it later" />
          {isStaff && (
            <RadioButtonGroupInput
              source="kind"
              label="Kind"
              choices={[
                { id: 'staff', name: 'Platform staff' },
                { id: 'tenant', name: 'Tenant user' },
              ]}
            />
          )}
          {isStaff && <TenantPicker />}
          <RolesInput kind={isStaff ? undefined : 'tenant'} />
        </Box>
      </SimpleForm>
    </Create>
  );
};

export default UserCreate;
