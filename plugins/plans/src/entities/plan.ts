import { definePlatformEntity, Type, type BaseRow } from '@platform/sdk';
import { type LimitType } from '@platform/sdk/entitlements';

export type BillingInterval = 'monthly' | 'annual';

/** A plan (package) of the platform catalog: price, trial, quotas per meter, entitled features and plugins. */
export interface Plan extends BaseRow {
  key: string;
  name: string;
  description: string;
  /** Minor units (cents) of `currency` per `interval`. */
  priceAmount: number;
  currency: string;
  interval: BillingInterval;
  trialDays: number;
  /** Included quantity per meter in each of the meter's periods; a meter not listed is unlimited. */
  quotas: Record<string, number>;
  /** Hard or soft limit per meter (default hard). */
  limitTypes: Record<string, LimitType>;
  features: string[];
  plugins: string[];
  archived: boolean;
  isDefault: boolean;
  sortOrder: number;
}

export const PlanEntity = definePlatformEntity<Plan>({
  name: 'PlansPlan',
  tableName: 'plans_plans',
  properties: {
    key: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'text', default: '' },
    priceAmount: { type: 'integer', fieldName: 'price_amount' },
    currency: { type: 'string' },
    interval: { type: 'string', fieldName: 'billing_interval' },
    trialDays: { type: 'integer', fieldName: 'trial_days', default: 0 },
    quotas: { type: 'json' },
    limitTypes: { type: 'json', fieldName: 'limit_types' },
    features: { type: 'string[]' },
    plugins: { type: 'string[]' },
    archived: { type: 'boolean', default: false },
    isDefault: { type: 'boolean', fieldName: 'is_default', default: false },
    sortOrder: { type: 'integer', fieldName: 'sort_order', default: 0 },
  },
});

const Key = Type.String({ pattern: '^[a-z0-9][a-z0-9_.:-]*$', maxLength: 100 });

/** What a client may set on create (the CRUD helper rejects unknown fields). */
export const PlanInput = Type.Object({
  key: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]*$', minLength: 1, maxLength: 60 }),
  name: Type.String({ minLength: 1, maxLength: 120 }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  priceAmount: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }),
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  interval: Type.Union([Type.Literal('monthly'), Type.Literal('annual')]),
  trialDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
  // Values are checked in `validatePlan` so that a negative quota gets a message naming the meter.
  quotas: Type.Optional(Type.Record(Type.String(), Type.Integer())),
  limitTypes: Type.Optional(Type.Record(Type.String(), Type.String())),
  features: Type.Optional(Type.Array(Key, { maxItems: 200 })),
  plugins: Type.Optional(Type.Array(Key, { maxItems: 200 })),
  archived: Type.Optional(Type.Boolean()),
  isDefault: Type.Optional(Type.Boolean()),
  sortOrder: Type.Optional(Type.Integer()),
});

export function planSummaryOf(plan: Pick<Plan, 'id' | 'key' | 'name'>) {
  return { id: plan.id, key: plan.key, name: plan.name };
}
