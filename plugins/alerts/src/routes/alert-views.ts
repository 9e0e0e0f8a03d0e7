import type { Database } from '@platform/sdk';

export interface AlertView {
  id: string;
  ruleId: string;
  ruleName: string;
  severity: string;
  component: string | null;
  metric: string;
  aggregation: string;
  condition: string;
  threshold: number;
  fingerprint: string;
  labels: Record<string, string>;
  tenantId: string | null;
  state: string;
  stateSince: string;
  firingSince: string | null;
  value: number | null;
  error: string | null;
  mutedReason: string | null;
  notifiedAt: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  lastEvaluatedAt: string;
  acknowledgement: { id: string; author: string; comment: string; expiresAt: string } | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** Alerts joined with their rule and current acknowledgement, for the API. */
export async function readAlertViews(db: Database, now: number, where: string, params: unknown[], tail = ''): Promise<AlertView[]> {
  params.push(new Date(now));
  const nowParam = `$${params.length}`;
  const rows = await db.sql<any>(
    `SELECT i.*, r.name AS rule_name, r.severity, r.component, r.metric, r.aggregation, r.condition, r.threshold,
            s.id AS silence_id, s.author AS silence_author, s.comment AS silence_comment, s.expires_at AS silence_expires_at
     FROM alerts_instances i JOIN alerts_rules r ON r.id = i.rule_id
     LEFT JOIN LATERAL (SELECT * FROM alerts_silences s WHERE s.fingerprint = i.fingerprint AND s.ended_at IS NULL AND s.expires_at > ${nowParam}
                        ORDER BY s.expires_at DESC LIMIT 1) s ON true
     WHERE ${where} ${tail}`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    ruleId: r.rule_id,
    ruleName: r.rule_name,
    severity: r.severity,
    component: r.component,
    metric: r.metric,
    aggregation: r.aggregation,
    condition: r.condition,
    threshold: Number(r.threshold),
    fingerprint: r.fingerprint,
    labels: r.labels,
    tenantId: r.tenant_id,
    state: r.state,
    stateSince: iso(r.state_since)!,
    firingSince: iso(r.firing_since),
    value: r.value === null ? null : Number(r.value),
    error: r.error,
    mutedReason: r.muted_reason,
    notifiedAt: iso(r.notified_at),
    resolvedAt: iso(r.resolved_at),
    resolvedBy: r.resolved_by,
    lastEvaluatedAt: iso(r.last_evaluated_at)!,
    acknowledgement: r.silence_id ? { id: r.silence_id, author: r.silence_author, comment: r.silence_comment, expiresAt: iso(r.silence_expires_at)! } : null,
  }));
}
