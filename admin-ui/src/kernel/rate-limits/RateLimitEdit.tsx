import { DeleteButton, Edit, SaveButton, SimpleForm, Toolbar, useRecordContext } from 'react-admin';
import { RateLimitFields } from './RateLimitForm.tsx';
import type { RateLimitRecord } from './types.ts';

const subjectOf = (r: RateLimitRecord) => (r.appliesTo === 'plan' ? `plan ${r.planKey}` : 'tenant override');

const Title = () => {
  const r = useRecordContext<RateLimitRecord>();
  return <>{r ? `Rate limit: ${subjectOf(r)}` : 'Rate limit'}</>;
};

const EditToolbar = () => {
  const r = useRecordContext<RateLimitRecord>();
  return (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
      <SaveButton />
      {r && <DeleteButton mutationMode="pessimistic" confirmTitle={`Delete the rate limit of ${subjectOf(r)}?`} confirmContent={r.appliesTo === 'tenant' ? 'The tenant’s plan policy applies again.' : 'Tenants on this plan are no longer limited (unless they have an override).'} />}
    </Toolbar>
  );
};

const RateLimitEdit = () => (
  <Edit title={<Title />} mutationMode="pessimistic" redirect="list">
    <SimpleForm toolbar={<EditToolbar />}>
      <RateLimitFields />
    </SimpleForm>
  </Edit>
);

export default RateLimitEdit;
