import type { Database } from '@platform/sdk';
import type { AlertRule } from './alert-rule-entity.ts';

interface RuleRow {
  id: string;
  name: string;
  description: string | null;
  metric: string;
  aggregation: AlertRule['aggregation'];
  filter: Record<string, string> | null;
  group_by: string[] | null;
  tenant_filter: string | null;
  condition: AlertRule['condition'];
  threshold: number;
  recovery_threshold: number | null;
  window_minutes: number;
  for_minutes: number;
  keep_firing_for_minutes: number;
  repeat_interval_minutes: number;
  severity: AlertRule['severity'];
  component: string | null;
  channels: string[] | null;
  enabled: boolean;
  runbook_url: string | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * Every rule, read in one plain statement (the evaluator reads them all on each tick; no ORM hydration).
 * With `metrics` (the fast path), only the rules of those metrics and of the alerts firing now (which may
 * inhibit them): a metric written every second does not read the whole rule table every second.
 */
export async function loadRules(db: Database, scope?: { metrics: readonly string[] }): Promise<AlertRule[]> {
  const rows = await db.sql<RuleRow>(
    `SELECT id, name, description, metric, aggregation, filter, group_by, tenant_filter, condition, threshold, recovery_threshold, window_minutes,
            for_minutes, keep_firing_for_minutes, repeat_interval_minutes, severity, component, channels, enabled, runbook_url, created_at, updated_at
     FROM alerts_rules` +
      (scope ? ` WHERE metric = ANY($1::text[]) OR id IN (SELECT rule_id FROM alerts_instances WHERE state = 'firing')` : ''),
    scope ? [[...scope.metrics]] : [],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    metric: r.metric,
    aggregation: r.aggregation,
    filter: r.filter ?? {},
    groupBy: r.group_by ?? [],
    tenantFilter: r.tenant_filter,
    condition: r.condition,
    threshold: Number(r.threshold),
    recoveryThreshold: r.recovery_threshold === null ? null : Number(r.recovery_threshold),
    windowMinutes: r.window_minutes,
    forMinutes: r.for_minutes,
    keepFiringForMinutes: r.keep_firing_for_minutes,
    repeatIntervalMinutes: r.repeat_interval_minutes,
    severity: r.severity,
    component: r.component,
    channels: r.channels ?? [],
    enabled: r.enabled,
    runbookUrl: r.runbook_url,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  }));
}
