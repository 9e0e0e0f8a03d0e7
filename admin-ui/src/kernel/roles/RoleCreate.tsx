import { Create, SimpleForm } from 'react-admin';
import { RoleFields } from './RoleForm.tsx';

const RoleCreate = () => (
  <Create title="New role" redirect="list">
    <SimpleForm defaultValues={{ permissions: [], scope: 'tenant' }}>
      <RoleFields creating />
    </SimpleForm>
  </Create>
);

export default RoleCreate;
