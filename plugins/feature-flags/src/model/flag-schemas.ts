import { Type } from '@platform/sdk';
import { CONSTRAINT_OPERATORS } from '../engine/index.ts';

/**
 * TypeBox schemas of the flag API. Shape only; cross-field rules live in validation/.
 * Nullable unions list `Null` first: the kernel's Ajv coerces types, and would turn `null` into `""`
 * for a string branch tried first.
 */

const Json = Type.Unknown();

const Stickiness = Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 5 })]);

export const ConstraintSchema = Type.Object(
  {
    contextName: Type.String({ minLength: 1, maxLength: 100 }),
    operator: Type.Union(CONSTRAINT_OPERATORS.map((op) => Type.Literal(op))),
    values: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 1000 })),
    value: Type.Optional(Type.String({ maxLength: 500 })),
    inverted: Type.Optional(Type.Boolean()),
    caseInsensitive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const VariantSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    /** Percent of the split, 0..100 with at most one decimal; the weights of a split sum to 100. */
    weight: Type.Number({ minimum: 0, maximum: 100 }),
    value: Type.Optional(Json),
    payload: Type.Optional(
      Type.Object(
        { type: Type.Union([Type.Literal('string'), Type.Literal('json'), Type.Literal('csv'), Type.Literal('number')]), value: Type.String({ maxLength: 10_000 }) },
        { additionalProperties: false },
      ),
    ),
    overrides: Type.Optional(
      Type.Array(Type.Object({ contextName: Type.String({ minLength: 1 }), values: Type.Array(Type.String()) }, { additionalProperties: false }), { maxItems: 50 }),
    ),
  },
  { additionalProperties: false },
);

export const VariantSplitSchema = Type.Object(
  {
    stickiness: Type.Optional(Stickiness),
    groupId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    variants: Type.Array(VariantSchema, { maxItems: 50 }),
  },
  { additionalProperties: false },
);

export const RolloutRuleSchema = Type.Object(
  {
    percentage: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    stickiness: Type.Optional(Stickiness),
    groupId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    constraints: Type.Optional(Type.Array(ConstraintSchema, { maxItems: 50 })),
    variants: Type.Optional(VariantSplitSchema),
  },
  { additionalProperties: false },
);

const IdList = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 10_000 });

export const TargetingSchema = Type.Object(
  {
    schedule: Type.Optional(
      Type.Object(
        { start: Type.Optional(Type.String({ maxLength: 64 })), end: Type.Optional(Type.String({ maxLength: 64 })), timeZone: Type.Optional(Type.String({ maxLength: 64 })) },
        { additionalProperties: false },
      ),
    ),
    disabledTenants: Type.Optional(IdList),
    enabledTenants: Type.Optional(IdList),
    enabledPlans: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 })),
    enabledUsers: Type.Optional(IdList),
    rollouts: Type.Optional(Type.Array(RolloutRuleSchema, { maxItems: 50 })),
    variants: Type.Optional(VariantSplitSchema),
  },
  { additionalProperties: false },
);

/** A parent flag requirement: the parent on (default) or off, optionally with one of `variants`. */
export const FlagDependencySchema = Type.Object(
  {
    flag: Type.String({ minLength: 1, maxLength: 200 }),
    enabled: Type.Optional(Type.Boolean()),
    variants: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);

const FlagType = Type.Union(['boolean', 'percentage', 'tenant_list', 'user_list', 'schedule', 'variant'].map((t) => Type.Literal(t)));
const ValueType = Type.Union(['boolean', 'string', 'number', 'json'].map((t) => Type.Literal(t)));

/** Every change names why it is made; the reason lands in the audit trail. */
export const Reason = Type.String({ minLength: 1, maxLength: 2000, description: 'Why this change is made (audited)' });

const editableFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  type: FlagType,
  valueType: Type.Optional(ValueType),
  defaultValue: Type.Optional(Json),
  enabledValue: Type.Optional(Json),
  enabled: Type.Optional(Type.Boolean()),
  archived: Type.Optional(Type.Boolean()),
  killSwitch: Type.Optional(Type.Boolean()),
  owner: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 200 })])),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 30 })),
  staleAfterDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  targeting: Type.Optional(TargetingSchema),
  dependencies: Type.Optional(Type.Array(FlagDependencySchema, { maxItems: 20 })),
};

export const FlagCreateSchema = Type.Object(
  { key: Type.String({ maxLength: 200 }), ...editableFields, reason: Reason },
  { additionalProperties: false },
);

/** Fields react-admin echoes back on save; accepted and ignored (the key cannot change). */
const echoed = {
  id: Type.Optional(Type.String()),
  key: Type.Optional(Type.String()),
  killedAt: Type.Optional(Type.Unknown()),
  killedReason: Type.Optional(Type.Unknown()),
  rolloutPercentage: Type.Optional(Type.Unknown()),
  fullyOnSince: Type.Optional(Type.Unknown()),
  lastEvaluatedAt: Type.Optional(Type.Unknown()),
  createdBy: Type.Optional(Type.Unknown()),
  updatedBy: Type.Optional(Type.Unknown()),
  createdAt: Type.Optional(Type.Unknown()),
  updatedAt: Type.Optional(Type.Unknown()),
};

export const FlagUpdateSchema = Type.Object(
  { ...echoed, ...Type.Partial(Type.Object(editableFields)).properties, reason: Reason },
  { additionalProperties: false },
);

export const ReasonBodySchema = Type.Object({ reason: Reason }, { additionalProperties: false });

export const OverrideCreateSchema = Type.Object(
  {
    flagKey: Type.String({ minLength: 1, maxLength: 200 }),
    scope: Type.Union([Type.Literal('tenant'), Type.Literal('user')]),
    /** Platform staff without a selected tenant name the tenant here; tenant users never do. */
    tenantId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    userId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    value: Json,
    variant: Type.Optional(Type.Union([Type.Null(), Type.String({ minLength: 1, maxLength: 100 })])),
    expiresAt: Type.Optional(Type.Union([Type.Null(), Type.String({ format: 'date-time' })])),
    reason: Reason,
  },
  { additionalProperties: false },
);

export const OverrideUpdateSchema = Type.Object(
  {
    id: Type.Optional(Type.String()),
    flagKey: Type.Optional(Type.String()),
    scope: Type.Optional(Type.String()),
    tenantId: Type.Optional(Type.String()),
    userId: Type.Optional(Type.Union([Type.Null(), Type.String()])),
    createdBy: Type.Optional(Type.Unknown()),
    createdAt: Type.Optional(Type.Unknown()),
    updatedAt: Type.Optional(Type.Unknown()),
    active: Type.Optional(Type.Unknown()),
    value: Type.Optional(Json),
    variant: Type.Optional(Type.Union([Type.Null(), Type.String({ minLength: 1, maxLength: 100 })])),
    expiresAt: Type.Optional(Type.Union([Type.Null(), Type.String({ format: 'date-time' })])),
    reason: Reason,
  },
  { additionalProperties: false },
);

const EvaluationContextSchema = Type.Object(
  {
    /** Honoured only for API keys allowed to act on behalf of others; otherwise it must match the caller. */
    tenantId: Type.Optional(Type.String({ maxLength: 200 })),
    /** Honoured only for API keys allowed to act on behalf of others; otherwise it must match the caller. */
    userId: Type.Optional(Type.String({ maxLength: 200 })),
    sessionId: Type.Optional(Type.String({ maxLength: 200 })),
    remoteAddress: Type.Optional(Type.String({ maxLength: 100 })),
    environment: Type.Optional(Type.String({ maxLength: 100 })),
    appName: Type.Optional(Type.String({ maxLength: 100 })),
    properties: Type.Optional(Type.Record(Type.String(), Type.Union([Type.Null(), Type.Boolean(), Type.Number(), Type.String({ maxLength: 1000 })]))),
  },
  { additionalProperties: false },
);

export const EvaluateBodySchema = Type.Object(
  {
    /** One flag: the answer is that flag's evaluation. */
    flag: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /** Several flags (default: every live flag): the answer maps keys to evaluations. */
    flags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 500 })),
    context: Type.Optional(EvaluationContextSchema),
  },
  { additionalProperties: false },
);

export const EvaluateAsBodySchema = Type.Object(
  {
    flag: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    flags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 500 })),
    tenantId: Type.Optional(Type.String({ maxLength: 200 })),
    userId: Type.Optional(Type.String({ maxLength: 200 })),
    plan: Type.Optional(Type.String({ maxLength: 100 })),
    properties: Type.Optional(Type.Record(Type.String(), Type.Union([Type.Null(), Type.Boolean(), Type.Number(), Type.String({ maxLength: 1000 })]))),
    /** Evaluate at this instant instead of now (schedules, expiries). */
    at: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

export const StagedRolloutSchema = Type.Object(
  {
    /** Percentages, each 0..100 and not decreasing, e.g. [10, 25, 50, 100]. The first applies at once. */
    steps: Type.Array(Type.Number({ minimum: 0, maximum: 100 }), { minItems: 1, maxItems: 100 }),
    intervalHours: Type.Number({ exclusiveMinimum: 0, maximum: 24 * 365 }),
    pauseOnAlerts: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 })),
    reason: Reason,
  },
  { additionalProperties: false },
);

export const GradualRolloutSchema = Type.Object(
  {
    startPercentage: Type.Number({ minimum: 0, maximum: 100 }),
    endPercentage: Type.Number({ minimum: 0, maximum: 100 }),
    durationHours: Type.Number({ exclusiveMinimum: 0, maximum: 24 * 365 }),
    intervalHours: Type.Number({ exclusiveMinimum: 0, maximum: 24 * 365 }),
    pauseOnAlerts: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 })),
    reason: Reason,
  },
  { additionalProperties: false },
);
