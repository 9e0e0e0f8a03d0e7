import { randomUUID } from 'node:crypto';
import type { Database, EntityManager } from '@platform/sdk';
import type { IncidentChanges } from '../incident-changes.ts';

export type TimelineEntryType =
  | 'created' | 'manual' | 'status_change' | 'severity_change' | 'update' | 'alert_linked' | 'alert_fired'
  | 'alert_acknowledged' | 'alert_resolved' | 'correction' | 'postmortem' | 'status_page';

export interface TimelineEntry {
  id: string;
  incidentId: string;
  at: string;
  entryType: TimelineEntryType;
  message: string;
  correctsEntryId: string | null;
  authorId: string | null;
  author: string;
  details: Record<string, unknown> | null;
}

export interface NewTimelineEntry {
  incidentId: string;
  at: number;
  entryType: TimelineEntryType;
  message: string;
  correctsEntryId?: string | null;
  authorId?: string | null;
  author: string;
  details?: Record<string, unknown> | null;
}

/**
 * Appends entries (the table refuses updates and deletes). With `changes`, their incidents are announced as
 * changed once `em`'s transaction commits: every change to an incident writes an entry, so this is where the
 * console's live pages learn of them.
 */
export async function appendTimeline(db: Database, em: EntityManager, entries: readonly NewTimelineEntry[], changes?: IncidentChanges): Promise<string[]> {
  const ids: string[] = [];
  for (const e of entries) {
    const id = randomUUID();
    ids.push(id);
    await db.sql(
      `INSERT INTO incidents_timeline (id, incident_id, at, entry_type, message, corrects_entry_id, author_id, author, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
      [id, e.incidentId, new Date(e.at), e.entryType, e.message, e.correctsEntryId ?? null, e.authorId ?? null, e.author, e.details ? JSON.stringify(e.details) : null],
      em,
    );
  }
  await changes?.announce(em, entries.map((e) => e.incidentId));
  return ids;
}

export async function listTimeline(db: Database, incidentId: string): Promise<TimelineEntry[]> {
  const rows = await db.sql<TimelineEntry & { at: Date }>(
    `SELECT id, incident_id AS "incidentId", at, entry_type AS "entryType", message, corrects_entry_id AS "correctsEntryId", author_id AS "authorId", author, details
     FROM incidents_timeline WHERE incident_id = $1 ORDER BY at, seq`,
    [incidentId],
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}

export async function timelineEntryOf(db: Database, incidentId: string, entryId: string, em?: EntityManager): Promise<boolean> {
  const rows = await db.sql(`SELECT 1 FROM incidents_timeline WHERE id = $1 AND incident_id = $2`, [entryId, incidentId], em);
  return rows.length > 0;
}
