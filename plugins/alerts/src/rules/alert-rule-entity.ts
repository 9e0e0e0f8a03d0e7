import { definePlatformEntity, type BaseRow } from '@platform/sdk';
import { type AlertCondition, type AlertSeverity } from '@platform/sdk/alert-channels';
import { type MetricAggregation } from '@platform/sdk/metrics';

export interface AlertRule extends BaseRow {
  name: string;
  description: string | null;
  metric: string;
  aggregation: MetricAggregation;
  /** Dimension values a series must have. */
  filter: Record<string, string>;
  /** Dimension keys (or `tenant`) the rule fires separately for. */
  groupBy: string[];
  /** Watch only this tenant's samples. */
  tenantFilter: string | null;
  condition: AlertCondition;
  threshold: number;
  recoveryThreshold: number | null;
  windowMinutes: number;
  forMinutes: number;
  keepFiringForMinutes: number;
  repeatIntervalMinutes: number;
  severity: AlertSeverity;
  /** The system it is about (`database`, `api`...): inhibition and maintenance windows match on it. */
  component: string | null;
  /** Alert channel ids. */
  channels: string[];
  enabled: boolean;
  runbookUrl: string | null;
}

export const AlertRuleEntity = definePlatformEntity<AlertRule>({
  name: 'AlertRule',
  tableName: 'alerts_rules',
  properties: {
    name: { type: 'text' },
    description: { type: 'text', nullable: true },
    metric: { type: 'text' },
    aggregation: { type: 'text' },
    filter: { type: 'json', columnType: 'jsonb', default: '{}' },
    groupBy: { type: 'json', columnType: 'jsonb', default: '[]', fieldName: 'group_by' },
    tenantFilter: { type: 'uuid', nullable: true, fieldName: 'tenant_filter' },
    condition: { type: 'text' },
    threshold: { type: 'double' },
    recoveryThreshold: { type: 'double', nullable: true, fieldName: 'recovery_threshold' },
    windowMinutes: { type: 'integer', default: 5, fieldName: 'window_minutes' },
    forMinutes: { type: 'integer', default: 5, fieldName: 'for_minutes' },
    keepFiringForMinutes: { type: 'integer', default: 0, fieldName: 'keep_firing_for_minutes' },
    repeatIntervalMinutes: { type: 'integer', default: 60, fieldName: 'repeat_interval_minutes' },
    severity: { type: 'text' },
    component: { type: 'text', nullable: true },
    channels: { type: 'json', columnType: 'jsonb', default: '[]' },
    enabled: { type: 'boolean', default: true },
    runbookUrl: { type: 'text', nullable: true, fieldName: 'runbook_url' },
  },
});
