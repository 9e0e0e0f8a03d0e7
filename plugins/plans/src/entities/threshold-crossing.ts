import { defineTenantEntity, type TenantRow } from '@platform/sdk';

/** A `usage.threshold_crossed` notice already sent: once per tenant, meter, period and threshold. */
export interface ThresholdCrossing extends TenantRow {
  meter: string;
  periodStart: Date;
  threshold: number;
  used: number;
  limitValue: number;
}

export const ThresholdCrossingEntity = defineTenantEntity<ThresholdCrossing>({
  name: 'PlansThresholdCrossing',
  tableName: 'plans_threshold_crossings',
  properties: {
    meter: { type: 'string' },
    periodStart: { type: 'Date', fieldName: 'period_start' },
    threshold: { type: 'integer' },
    used: { type: 'integer' },
    limitValue: { type: 'integer', fieldName: 'limit_value' },
  },
});
