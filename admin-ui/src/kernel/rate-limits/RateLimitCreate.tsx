import { Create, SimpleForm } from 'react-admin';
import { RateLimitFields } from './RateLimitForm.tsx';

/** Only the subject the policy applies to goes out (the other field may still hold what was typed before switching). */
const subjectOnly = (data: Record<string, unknown>) => {
  const { planKey, tenantId, ...rest } = data;
  return data.appliesTo === 'tenant' ? { ...rest, tenantId } : { ...rest, planKey };
};

const RateLimitCreate = () => (
  <Create title="New rate limit" redirect="list" transform={subjectOnly}>
    <SimpleForm defaultValues={{ appliesTo: 'plan', requestsPerSecond: 10, burst: 20 }}>
      <RateLimitFields creating />
    </SimpleForm>
  </Create>
);

export default RateLimitCreate;
