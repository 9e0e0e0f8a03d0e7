import type { Database, EntityManager } from '@platform/sdk';

export interface Silence {
  id: string;
  instanceId: string;
  fingerprint: string;
  ruleId: string;
  authorId: string | null;
  author: string;
  comment: string;
  startsAt: number;
  expiresAt: number;
  endedAt: number | null;
}

interface SilenceRow {
  id: string;
  instance_id: string;
  fingerprint: string;
  rule_id: string;
  author_id: string | null;
  author: string;
  comment: string;
  starts_at: Date;
  expires_at: Date;
  ended_at: Date | null;
}

function fromRow(r: SilenceRow): Silence {
  return {
    id: r.id, instanceId: r.instance_id, fingerprint: r.fingerprint, ruleId: r.rule_id, authorId: r.author_id, author: r.author, comment: r.comment,
    startsAt: new Date(r.starts_at).getTime(), expiresAt: new Date(r.expires_at).getTime(), endedAt: r.ended_at ? new Date(r.ended_at).getTime() : null,
  };
}

/** Silences in force at `now`, by fingerprint (the latest expiry wins). */
export async function activeSilences(db: Database, now: number, em?: EntityManager): Promise<Map<string, Silence>> {
  const rows = await db.sql<SilenceRow>(`SELECT * FROM alerts_silences WHERE ended_at IS NULL AND starts_at <= $1 AND expires_at > $1 ORDER BY expires_at`, [new Date(now)], em);
  return new Map(rows.map((r) => [r.fingerprint, fromRow(r)]));
}

export async function listSilences(db: Database, instanceId: string): Promise<Silence[]> {
  return (await db.sql<SilenceRow>(`SELECT * FROM alerts_silences WHERE instance_id = $1 ORDER BY starts_at DESC`, [instanceId])).map(fromRow);
}

export async function insertSilence(db: Database, em: EntityManager, s: Silence): Promise<void> {
  await db.sql(
    `INSERT INTO alerts_silences (id, instance_id, fingerprint, rule_id, author_id, author, comment, starts_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [s.id, s.instanceId, s.fingerprint, s.ruleId, s.authorId, s.author, s.comment, new Date(s.startsAt), new Date(s.expiresAt)],
    em,
  );
}

/** Ends the silences of alerts that resolved (an acknowledgement belongs to one firing episode). */
export async function endSilences(db: Database, em: EntityManager, fingerprints: readonly string[], now: number): Promise<void> {
  if (fingerprints.length === 0) return;
  await db.sql(`UPDATE alerts_silences SET ended_at = $2 WHERE ended_at IS NULL AND fingerprint = ANY($1::text[])`, [fingerprints, new Date(now)], em);
}

export async function endSilence(db: Database, em: EntityManager, id: string, now: number): Promise<boolean> {
  const rows = await db.sql(`UPDATE alerts_silences SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL RETURNING id`, [id, new Date(now)], em);
  return rows.length > 0;
}
