import { DeleteButton, Edit, SaveButton, SimpleForm, Toolbar, useRecordContext } from 'react-admin';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { RoleFields } from './RoleForm.tsx';

interface RoleRecord {
  id: string;
  key: string;
  name: string;
  builtin: boolean;
}

const RoleTitle = () => {
  const r = useRecordContext<RoleRecord>();
  return <>{r ? `Role ${r.name}` : 'Role'}</>;
};

const RoleToolbar = () => {
  const r = useRecordContext<RoleRecord>();
  if (r?.builtin) return null;
  return (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
      <SaveButton />
      {r && <DeleteButton mutationMode="pessimistic" confirmTitle={`Delete role ${r.name}?`} confirmContent="Users holding it lose its permissions." />}
    </Toolbar>
  );
};

const RoleBody = () => {
  const r = useRecordContext<RoleRecord>();
  if (!r) return null;
  return (
    <Box sx={{ width: '100%' }}>
      {r.builtin && (
        <Alert severity="info" sx={{ mb: 1, maxWidth: 900 }}>
          A built-in role: it cannot be changed or deleted, and plugins grant it their permissions. Create a custom role to tailor access.
        </Alert>
      )}
      <RoleFields readOnly={r.builtin} />
    </Box>
  );
};

const RoleEdit = () => (
  <Edit title={<RoleTitle />} mutationMode="pessimistic">
    <SimpleForm toolbar={<RoleToolbar />}>
      <RoleBody />
    </SimpleForm>
  </Edit>
);

export default RoleEdit;
