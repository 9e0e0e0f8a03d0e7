import type { AlertSeverity } from '@platform/sdk/alert-channels';
import type { AlertState } from '@platform/sdk/alerts';
import type { Database, EntityManager } from '@platform/sdk';

export type HistoryEvent = 'pending' | 'fired' | 'resolved' | 'acknowledged' | 'unacknowledged' | 'no_data' | 'error' | 'normal' | 'firing';

export interface HistoryEntry {
  at: number;
  instanceId: string;
  ruleId: string;
  ruleName: string;
  severity: AlertSeverity;
  fingerprint: string;
  labels: Record<string, string>;
  tenantId: string | null;
  fromState: AlertState;
  toState: AlertState;
  event: HistoryEvent;
  value: number | null;
  threshold: number | null;
  actor: string | null;
  comment: string | null;
}

export async function appendHistory(db: Database, em: EntityManager, entries: readonly HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.sql(
    `INSERT INTO alerts_history (at, instance_id, rule_id, rule_name, severity, fingerprint, labels, tenant_id, from_state, to_state, event, value, threshold, actor, comment)
     SELECT at, instance_id, rule_id, rule_name, severity, fingerprint, labels, tenant_id, from_state, to_state, event, value, threshold, actor, comment
     FROM jsonb_to_recordset($1::jsonb) AS x(at timestamptz, instance_id uuid, rule_id uuid, rule_name text, severity text, fingerprint text, labels jsonb,
       tenant_id uuid, from_state text, to_state text, event text, value double precision, threshold double precision, actor text, comment text)`,
    [
      JSON.stringify(
        entries.map((e) => ({
          at: new Date(e.at).toISOString(), instance_id: e.instanceId, rule_id: e.ruleId, rule_name: e.ruleName, severity: e.severity, fingerprint: e.fingerprint,
          labels: e.labels, tenant_id: e.tenantId, from_state: e.fromState, to_state: e.toState, event: e.event, value: e.value, threshold: e.threshold, actor: e.actor, comment: e.comment,
        })),
      ),
    ],
    em,
  );
}
