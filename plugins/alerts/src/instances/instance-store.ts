import type { Database, EntityManager } from '@platform/sdk';
import type { AlertInstance } from './alert-instance.ts';

export interface InstanceRow {
  id: string;
  rule_id: string;
  fingerprint: string;
  labels: Record<string, string>;
  tenant_id: string | null;
  state: AlertInstance['memory']['state'];
  state_since: Date;
  pending_since: Date | null;
  firing_since: Date | null;
  last_breach_at: Date | null;
  value: number | null;
  error: string | null;
  notified_at: Date | null;
  last_notified_at: Date | null;
  muted_reason: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  last_evaluated_at: Date;
}

const ms = (d: Date | string | null): number | null => (d === null ? null : new Date(d).getTime());
const iso = (n: number | null): string | null => (n === null ? null : new Date(n).toISOString());

export function instanceFromRow(r: InstanceRow): AlertInstance {
  return {
    id: r.id,
    ruleId: r.rule_id,
    fingerprint: r.fingerprint,
    labels: r.labels ?? {},
    tenantId: r.tenant_id,
    memory: {
      state: r.state,
      stateSince: ms(r.state_since)!,
      pendingSince: ms(r.pending_since),
      firingSince: ms(r.firing_since),
      lastBreachAt: ms(r.last_breach_at),
      value: r.value === null ? null : Number(r.value),
      error: r.error,
    },
    notifiedAt: ms(r.notified_at),
    lastNotifiedAt: ms(r.last_notified_at),
    mutedReason: r.muted_reason,
    resolvedAt: ms(r.resolved_at),
    resolvedBy: r.resolved_by,
    lastEvaluatedAt: ms(r.last_evaluated_at)!,
  };
}

export const INSTANCE_COLUMNS = `id, rule_id, fingerprint, labels, tenant_id, state, state_since, pending_since, firing_since, last_breach_at, value, error,
  notified_at, last_notified_at, muted_reason, resolved_at, resolved_by, last_evaluated_at`;

export async function loadInstances(db: Database, where = 'true', params: unknown[] = [], em?: EntityManager): Promise<AlertInstance[]> {
  const rows = await db.sql<InstanceRow>(`SELECT ${INSTANCE_COLUMNS} FROM alerts_instances WHERE ${where}`, params, em);
  return rows.map(instanceFromRow);
}

/** Inserts or updates instances by id, in one statement. */
export async function saveInstances(db: Database, em: EntityManager, instances: readonly AlertInstance[]): Promise<void> {
  if (instances.length === 0) return;
  const rows = instances.map((i) => ({
    id: i.id,
    rule_id: i.ruleId,
    fingerprint: i.fingerprint,
    labels: i.labels,
    tenant_id: i.tenantId,
    state: i.memory.state,
    state_since: iso(i.memory.stateSince),
    pending_since: iso(i.memory.pendingSince),
    firing_since: iso(i.memory.firingSince),
    last_breach_at: iso(i.memory.lastBreachAt),
    value: i.memory.value,
    error: i.memory.error,
    notified_at: iso(i.notifiedAt),
    last_notified_at: iso(i.lastNotifiedAt),
    muted_reason: i.mutedReason,
    resolved_at: iso(i.resolvedAt),
    resolved_by: i.resolvedBy,
    last_evaluated_at: iso(i.lastEvaluatedAt),
  }));
  await db.sql(
    `INSERT INTO alerts_instances (${INSTANCE_COLUMNS})
     SELECT ${INSTANCE_COLUMNS} FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, rule_id uuid, fingerprint text, labels jsonb, tenant_id uuid, state text,
       state_since timestamptz, pending_since timestamptz, firing_since timestamptz, last_breach_at timestamptz, value double precision, error text,
       notified_at timestamptz, last_notified_at timestamptz, muted_reason text, resolved_at timestamptz, resolved_by text, last_evaluated_at timestamptz)
     ON CONFLICT (id) DO UPDATE SET labels = excluded.labels, tenant_id = excluded.tenant_id, state = excluded.state, state_since = excluded.state_since,
       pending_since = excluded.pending_since, firing_since = excluded.firing_since, last_breach_at = excluded.last_breach_at, value = excluded.value,
       error = excluded.error, notified_at = excluded.notified_at, last_notified_at = excluded.last_notified_at, muted_reason = excluded.muted_reason,
       resolved_at = excluded.resolved_at, resolved_by = excluded.resolved_by, last_evaluated_at = excluded.last_evaluated_at, updated_at = now()`,
    [JSON.stringify(rows)],
    em,
  );
}

export async function deleteInstances(db: Database, em: EntityManager, ids: readonly string[]): Promise<void> {
  if (ids.length) await db.sql('DELETE FROM alerts_instances WHERE id = ANY($1::uuid[])', [ids], em);
}
