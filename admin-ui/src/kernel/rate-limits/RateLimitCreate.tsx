import { Create, SimpleForm } from 'react-admin';
import { RateLimitFields } from './RateLimitForm.tsx';

const RateLimitCreate = () => (
  <Create title="New rate limit" redirect="list">
    <SimpleForm defaultValues={{ appliesTo: 'plan', requestsPerSecond: 10, burst: 20 }}>
      <RateLimitFields creating />
    </SimpleForm>
  </Create>
);

export default RateLimitCreate;
