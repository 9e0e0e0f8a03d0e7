import { DeleteButton, Edit, minLength, PasswordInput, SaveButton, SelectInput, SimpleForm, TextInput, Toolbar, useRecordContext } from 'react-admin';
import Box from '@mui/material/Box';
import { useSession } from '../../layout/useSession.ts';
import { RolesInput } from './RolesInput.tsx';

interface UserRecord {
  id: string;
  email: string;
  name: string;
  kind: 'staff' | 'tenant';
}

const UserTitle = () => {
  const u = useRecordContext<UserRecord>();
  return <>{u ? `User ${u.name || u.email}` : 'User'}</>;
};

const UserRoles = () => {
  const u = useRecordContext<UserRecord>();
  return u ? <RolesInput kind={u.kind} /> : null;
};

const UserToolbar = () => {
  const u = useRecordContext<UserRecord>();
  const { session } = useSession();
  return (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
      <SaveButton />
      {u && u.id !== session?.user.id && <DeleteButton mutationMode="pessimistic" confirmTitle={`Delete ${u.email}?`} confirmContent="They can no longer sign in. This cannot be undone." />}
    </Toolbar>
  );
};

const UserEdit = () => (
  <Edit title={<UserTitle />} mutationMode="pessimistic">
    <SimpleForm toolbar={<UserToolbar />}>
      <Box sx={{ width: '100%', maxWidth: 560 }}>
        <TextInput source="email" label="Email" disabled />
        <TextInput source="name" label="Name" />
        <SelectInput
          source="status"
          label="Status"
          choices={[
            { id: 'active', name: 'Active' },
            { id: 'disabled', name: 'Disabled (cannot sign in)' },
          ]}
        />
        <UserRoles />
        <PasswordInput source="password" label="New password" validate={minLength(8)} helperText="Leave empty to keep the current password" />
      </Box>
    </SimpleForm>
  </Edit>
);

export default UserEdit;
