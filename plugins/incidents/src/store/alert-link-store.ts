import type { AlertSummary } from '@platform/sdk/alerts';
import type { Database, EntityManager } from '@platform/sdk';

export interface AlertLink {
  incidentId: string;
  fingerprint: string;
  alertId: string;
  ruleName: string;
  severity: string;
  labels: Record<string, string>;
  linkedAt: string;
}

/** Links an alert to an incident; false when it already was. */
export async function linkAlert(db: Database, em: EntityManager, incidentId: string, alert: AlertSummary, now: number): Promise<boolean> {
  const rows = await db.sql(
    `INSERT INTO incidents_alert_links (incident_id, fingerprint, alert_id, rule_name, severity, labels, linked_at) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
     ON CONFLICT DO NOTHING RETURNING incident_id`,
    [incidentId, alert.fingerprint, alert.id, alert.ruleName, alert.severity, JSON.stringify(alert.labels), new Date(now)],
    em,
  );
  return rows.length > 0;
}

export async function listAlertLinks(db: Database, incidentId: string): Promise<AlertLink[]> {
  const rows = await db.sql<AlertLink & { linkedAt: Date }>(
    `SELECT incident_id AS "incidentId", fingerprint, alert_id AS "alertId", rule_name AS "ruleName", severity, labels, linked_at AS "linkedAt"
     FROM incidents_alert_links WHERE incident_id = $1 ORDER BY linked_at`,
    [incidentId],
  );
  return rows.map((r) => ({ ...r, linkedAt: new Date(r.linkedAt).toISOString() }));
}

/** Incidents (not resolved) an alert is linked to. */
export async function openIncidentsOfAlert(db: Database, fingerprint: string, em?: EntityManager): Promise<string[]> {
  const rows = await db.sql<{ id: string }>(
    `SELECT i.id FROM incidents_alert_links l JOIN incidents_incidents i ON i.id = l.incident_id WHERE l.fingerprint = $1 AND i.status <> 'resolved'`,
    [fingerprint],
    em,
  );
  return rows.map((r) => r.id);
}
