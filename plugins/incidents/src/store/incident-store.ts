import type { Database, EntityManager } from '@platform/sdk';
import type { IncidentSeverity, IncidentStatus } from '@platform/sdk/incidents';
import { durationMinutes } from '../model/incident-lifecycle.ts';

export interface Incident {
  id: string;
  incidentKey: string | null;
  title: string;
  severity: IncidentSeverity;
  status: IncidentStatus;
  affectedSystems: string[];
  affectedTenantIds: string[];
  statusPageMessage: string | null;
  publishToStatusPage: boolean;
  description: string | null;
  startedAt: string;
  resolvedAt: string | null;
  createdBy: string | null;
  createdByLabel: string;
  resolvedBy: string | null;
  resolvedByLabel: string | null;
  createdAt: string;
  updatedAt: string;
  durationMinutes: number;
}

export const INCIDENT_SELECT = `SELECT id, incident_key AS "incidentKey", title, severity, status, affected_systems AS "affectedSystems",
  affected_tenant_ids AS "affectedTenantIds", status_page_message AS "statusPageMessage", publish_to_status_page AS "publishToStatusPage",
  description, started_at AS "startedAt", resolved_at AS "resolvedAt", created_by AS "createdBy", created_by_label AS "createdByLabel",
  resolved_by AS "resolvedBy", resolved_by_label AS "resolvedByLabel", created_at AS "createdAt", updated_at AS "updatedAt"
  FROM incidents_incidents`;

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

export function incidentFromRow(r: Record<string, unknown>, now: number): Incident {
  const startedAt = iso(r.startedAt)!;
  const resolvedAt = iso(r.resolvedAt);
  return {
    ...(r as unknown as Incident),
    severity: Number(r.severity) as IncidentSeverity,
    startedAt,
    resolvedAt,
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
    durationMinutes: durationMinutes(Date.parse(startedAt), resolvedAt ? Date.parse(resolvedAt) : null, now),
  };
}

export async function findIncident(db: Database, id: string, now: number, em?: EntityManager, lock = false): Promise<Incident | null> {
  const [row] = await db.sql<Record<string, unknown>>(`${INCIDENT_SELECT} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id], em);
  return row ? incidentFromRow(row, now) : null;
}

export async function findIncidentByKey(db: Database, key: string, now: number, em?: EntityManager): Promise<Incident | null> {
  const [row] = await db.sql<Record<string, unknown>>(`${INCIDENT_SELECT} WHERE incident_key = $1`, [key], em);
  return row ? incidentFromRow(row, now) : null;
}

export interface NewIncident {
  id: string;
  incidentKey: string | null;
  title: string;
  severity: IncidentSeverity;
  status: IncidentStatus;
  affectedSystems: string[];
  affectedTenantIds: string[];
  statusPageMessage: string | null;
  publishToStatusPage: boolean;
  description: string | null;
  startedAt: number;
  createdBy: string | null;
  createdByLabel: string;
}

/** Inserts an incident; false when its incident_key already exists (nothing written). */
export async function insertIncident(db: Database, em: EntityManager, i: NewIncident): Promise<boolean> {
  const rows = await db.sql(
    `INSERT INTO incidents_incidents (id, incident_key, title, severity, status, affected_systems, affected_tenant_ids, status_page_message,
       publish_to_status_page, description, started_at, created_by, created_by_label, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $11, $12, $13, $11, $11)
     ON CONFLICT (incident_key) WHERE incident_key IS NOT NULL DO NOTHING RETURNING id`,
    [i.id, i.incidentKey, i.title, i.severity, i.status, JSON.stringify(i.affectedSystems), JSON.stringify(i.affectedTenantIds), i.statusPageMessage,
      i.publishToStatusPage, i.description, new Date(i.startedAt), i.createdBy, i.createdByLabel],
    em,
  );
  return rows.length > 0;
}

const COLUMN: Record<string, string> = {
  title: 'title',
  severity: 'severity',
  status: 'status',
  affectedSystems: 'affected_systems',
  affectedTenantIds: 'affected_tenant_ids',
  statusPageMessage: 'status_page_message',
  publishToStatusPage: 'publish_to_status_page',
  description: 'description',
  resolvedAt: 'resolved_at',
  resolvedBy: 'resolved_by',
  resolvedByLabel: 'resolved_by_label',
};

/** Updates the given fields (and updated_at). */
export async function updateIncident(db: Database, em: EntityManager, id: string, changes: Record<string, unknown>, now: number): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [id];
  for (const [key, value] of Object.entries(changes)) {
    const column = COLUMN[key];
    if (!column) throw new Error(`unknown incident field ${key}`);
    const json = key === 'affectedSystems' || key === 'affectedTenantIds';
    params.push(json ? JSON.stringify(value) : key === 'resolvedAt' && value !== null ? new Date(value as number) : value);
    sets.push(`${column} = $${params.length}${json ? '::jsonb' : ''}`);
  }
  params.push(new Date(now));
  sets.push(`updated_at = $${params.length}`);
  await db.sql(`UPDATE incidents_incidents SET ${sets.join(', ')} WHERE id = $1`, params, em);
}
