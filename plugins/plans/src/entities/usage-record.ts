import { defineTenantEntity, type TenantRow } from '@platform/sdk';

/** One recorded use of a meter; `idempotencyKey` is unique per tenant. */
export interface UsageRecord extends TenantRow {
  meter: string;
  quantity: number;
  at: Date;
  idempotencyKey: string;
}

export const UsageRecordEntity = defineTenantEntity<UsageRecord>({
  name: 'PlansUsageRecord',
  tableName: 'plans_usage_records',
  properties: {
    meter: { type: 'string' },
    quantity: { type: 'integer' },
    at: { type: 'Date' },
    idempotencyKey: { type: 'string', fieldName: 'idempotency_key' },
  },
});
