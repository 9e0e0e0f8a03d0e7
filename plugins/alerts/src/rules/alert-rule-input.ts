import { METRIC_AGGREGATIONS, METRIC_DIMENSION_KEYS, TENANT_GROUP_KEY } from '@platform/sdk/metrics';
import { Type } from '@platform/sdk';

const dimensionKey = Type.Union(METRIC_DIMENSION_KEYS.map((k) => Type.Literal(k)));
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** What a client sets on an alert rule (unknown fields are refused with a 400 naming them). */
export const AlertRuleInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(nullable(Type.String({ maxLength: 2000 }))),
  metric: Type.String({ pattern: '^[a-z][a-z0-9_]{0,99}$' }),
  aggregation: Type.Union(METRIC_AGGREGATIONS.map((a) => Type.Literal(a))),
  filter: Type.Optional(Type.Record(Type.String({ pattern: `^(${METRIC_DIMENSION_KEYS.join('|')})$` }), Type.String({ minLength: 1, maxLength: 200 }), { additionalProperties: false })),
  groupBy: Type.Optional(Type.Array(Type.Union([dimensionKey, Type.Literal(TENANT_GROUP_KEY)]), { maxItems: 4, uniqueItems: true })),
  tenantFilter: Type.Optional(nullable(Type.String({ format: 'uuid' }))),
  condition: Type.Union([Type.Literal('gt'), Type.Literal('lt'), Type.Literal('eq')]),
  threshold: Type.Number(),
  recoveryThreshold: Type.Optional(nullable(Type.Number())),
  windowMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
  forMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440 })),
  keepFiringForMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440 })),
  repeatIntervalMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_080 })),
  severity: Type.Union([Type.Literal('critical'), Type.Literal('warning'), Type.Literal('info')]),
  component: Type.Optional(nullable(Type.String({ minLength: 1, maxLength: 100 }))),
  channels: Type.Array(Type.String({ pattern: '^[a-z][a-z0-9-]{0,62}$' }), { maxItems: 10, uniqueItems: true }),
  enabled: Type.Optional(Type.Boolean()),
  runbookUrl: Type.Optional(nullable(Type.String({ pattern: '^https?://\\S+$', maxLength: 500 }))),
});
