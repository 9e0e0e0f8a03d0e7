import { Create, SimpleForm } from 'react-admin';
import { TenantFields } from './TenantForm.tsx';

const TenantCreate = () => (
  <Create title="New tenant" redirect="list">
    <SimpleForm>
      <TenantFields creating />
    </SimpleForm>
  </Create>
);

export default TenantCreate;
