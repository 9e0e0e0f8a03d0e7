import { definePlatformEntity, type BaseRow } from '@platform/sdk';

/** The single row of platform-wide plan rules. */
export const GOVERNANCE_ID = '00000000-0000-4000-8000-00000000c0de';

export interface Governance extends BaseRow {
  /** At most this many tenants in a trial at once; null = no limit. */
  maxTrialTenants: number | null;
  /** Limits of a tenant without a plan (e.g. `{ stores: 1 }`), hard. */
  defaultQuotas: Record<string, number>;
}

export const GovernanceEntity = definePlatformEntity<Governance>({
  name: 'PlansGovernance',
  tableName: 'plans_governance',
  properties: {
    maxTrialTenants: { type: 'integer', fieldName: 'max_trial_tenants', nullable: true },
    defaultQuotas: { type: 'json', fieldName: 'default_quotas' },
  },
});
