import type { Database, EntityManager } from '@platform/sdk';

export interface ActionItem {
  title: string;
  owner: string;
  dueDate: string | null;
  status: 'open' | 'in_progress' | 'done';
}

export interface Postmortem {
  incidentId: string;
  whatHappened: string | null;
  impact: string | null;
  rootCause: string | null;
  lessonsLearned: string | null;
  actionItems: ActionItem[];
  updatedByLabel: string | null;
  createdAt: string;
  updatedAt: string;
}

export async function findPostmortem(db: Database, incidentId: string, em?: EntityManager): Promise<Postmortem | null> {
  const [r] = await db.sql<any>(
    `SELECT incident_id AS "incidentId", what_happened AS "whatHappened", impact, root_cause AS "rootCause", lessons_learned AS "lessonsLearned",
            action_items AS "actionItems", updated_by_label AS "updatedByLabel", created_at AS "createdAt", updated_at AS "updatedAt"
     FROM incidents_postmortems WHERE incident_id = $1`,
    [incidentId],
    em,
  );
  return r ? { ...r, createdAt: new Date(r.createdAt).toISOString(), updatedAt: new Date(r.updatedAt).toISOString() } : null;
}

export async function savePostmortem(db: Database, em: EntityManager, pm: Omit<Postmortem, 'createdAt' | 'updatedAt'>, now: number): Promise<void> {
  await db.sql(
    `INSERT INTO incidents_postmortems (incident_id, what_happened, impact, root_cause, lessons_learned, action_items, updated_by_label, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $8)
     ON CONFLICT (incident_id) DO UPDATE SET what_happened = excluded.what_happened, impact = excluded.impact, root_cause = excluded.root_cause,
       lessons_learned = excluded.lessons_learned, action_items = excluded.action_items, updated_by_label = excluded.updated_by_label, updated_at = excluded.updated_at`,
    [pm.incidentId, pm.whatHappened, pm.impact, pm.rootCause, pm.lessonsLearned, JSON.stringify(pm.actionItems), pm.updatedByLabel, new Date(now)],
    em,
  );
}
