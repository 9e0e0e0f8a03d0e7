import { definePlatformEntity, Type, type BaseRow } from '@platform/sdk';

export type SloKind = 'availability' | 'latency';

export interface Slo extends BaseRow {
  name: string;
  description: string | null;
  kind: SloKind;
  targetPct: number;
  thresholdMs: number | null;
  windowDays: number;
  route: string | null;
  enabled: boolean;
}

export const SloEntity = definePlatformEntity<Slo>({
  name: 'MetricsSlo',
  tableName: 'metrics_slos',
  properties: {
    name: { type: 'text' },
    description: { type: 'text', nullable: true },
    kind: { type: 'text' },
    targetPct: { type: 'double', fieldName: 'target_pct' },
    thresholdMs: { type: 'double', nullable: true, fieldName: 'threshold_ms' },
    windowDays: { type: 'integer', default: 7, fieldName: 'window_days' },
    route: { type: 'text', nullable: true },
    enabled: { type: 'boolean', default: true },
  },
});

export const SloInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  kind: Type.Union([Type.Literal('availability'), Type.Literal('latency')]),
  targetPct: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 100 }),
  thresholdMs: Type.Optional(Type.Union([Type.Number({ exclusiveMinimum: 0 }), Type.Null()])),
  windowDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
  route: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 300 }), Type.Null()])),
  enabled: Type.Optional(Type.Boolean()),
});
