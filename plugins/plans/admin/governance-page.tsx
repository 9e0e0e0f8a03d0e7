import { Edit, NumberInput, SaveButton, SelectInput, SimpleForm, Title, Toolbar, useGetList } from 'react-admin';
import Typography from '@mui/material/Typography';
import { HardQuotasInput } from './quotas-input.tsx';
import type { PlanRecord } from './plans-api.ts';

/**
 * Governance: a react-admin Edit of the single `GET/PUT /api/plans/governance` record (resource `plans`,
 * id `governance`), so saving goes through the data provider and the audit log.
 */
export function GovernancePage() {
  const { data: plans = [] } = useGetList<PlanRecord>('plans/plans', { pagination: { page: 1, perPage: 100 }, sort: { field: 'sortOrder', order: 'ASC' }, filter: { archived: false } });
  return (
    <>
      <Title title="Plan governance" />
      <Edit resource="plans" id="governance" redirect={false} mutationMode="pessimistic" title=" ">
        <SimpleForm toolbar={<Toolbar><SaveButton /></Toolbar>}>
          <Typography variant="h6">New tenants</Typography>
          <SelectInput source="defaultPlanId" label="Default plan" parse={(v: string) => (v === "" ? null : v)} emptyText="No plan (use the default limits below)" choices={plans.map((p) => ({ id: p.id, name: p.name }))} />
          <HardQuotasInput source="defaultQuotas" label="Limits without a plan" help="Hard limits for tenants that have no plan (when there is no default plan, or before one is assigned). A meter not listed is unlimited." />
          <Typography variant="h6" sx={{ mt: 2 }}>Global limits</Typography>
          <NumberInput source="maxTrialTenants" label="Max tenants in a trial at once" min={0} helperText="Empty: no limit. Beyond it, new tenants get the default plan without a trial." />
        </SimpleForm>
      </Edit>
    </>
  );
}

