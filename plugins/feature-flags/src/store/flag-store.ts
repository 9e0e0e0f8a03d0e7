import { randomUUID } from 'node:crypto';
import type { Database, EntityManager } from '@platform/sdk';
import type { ChangeAuthor } from '../model/change-author.ts';
import type { FlagDraft } from '../model/flag-draft.ts';
import { primaryRolloutPercentage, type FlagRecord } from '../model/flag-record.ts';
import { isFullyOn } from '../model/fully-on.ts';

const COLUMNS = `id, key, name, description, type, value_type, default_value, enabled_value, enabled, archived, kill_switch,
  killed_at, killed_reason, owner, tags, stale_after_days, targeting, dependencies, fully_on_since, created_by, updated_by, created_at, updated_at`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const iso = (value: unknown): string | null => (value === null || value === undefined ? null : new Date(value as string).toISOString());
const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

export function flagRecordOf(row: Record<string, any>): FlagRecord {
  const targeting = row.targeting ?? {};
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    type: row.type,
    valueType: row.value_type,
    defaultValue: row.default_value,
    enabledValue: row.enabled_value ?? null,
    enabled: row.enabled,
    archived: row.archived,
    killSwitch: row.kill_switch,
    killedAt: iso(row.killed_at),
    killedReason: row.killed_reason ?? null,
    owner: row.owner ?? null,
    tags: row.tags ?? [],
    staleAfterDays: row.stale_after_days,
    targeting,
    dependencies: row.dependencies ?? [],
    rolloutPercentage: primaryRolloutPercentage(targeting),
    fullyOnSince: iso(row.fully_on_since),
    createdBy: row.created_by ?? null,
    updatedBy: row.updated_by ?? null,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}

/** The editable part of a stored flag. */
export function draftOf(flag: FlagRecord): FlagDraft {
  return {
    key: flag.key,
    name: flag.name,
    description: flag.description,
    type: flag.type,
    valueType: flag.valueType,
    defaultValue: flag.defaultValue,
    enabledValue: flag.enabledValue,
    enabled: flag.enabled,
    archived: flag.archived,
    killSwitch: flag.killSwitch,
    owner: flag.owner,
    tags: flag.tags,
    staleAfterDays: flag.staleAfterDays,
    targeting: flag.targeting,
    dependencies: flag.dependencies,
  };
}

export async function listFlags(db: Database, em?: EntityManager): Promise<FlagRecord[]> {
  const rows = await db.sql(`SELECT ${COLUMNS} FROM feature_flags ORDER BY key`, [], em);
  return rows.map(flagRecordOf);
}

/** By id or key; `forUpdate` locks the row for the rest of `em`'s transaction. */
export async function findFlag(db: Database, idOrKey: string, em?: EntityManager, forUpdate = false): Promise<FlagRecord | null> {
  const column = UUID.test(idOrKey) ? 'id' : 'key';
  const rows = await db.sql(`SELECT ${COLUMNS} FROM feature_flags WHERE ${column} = $1${forUpdate ? ' FOR UPDATE' : ''}`, [idOrKey], em);
  return rows[0] ? flagRecordOf(rows[0]) : null;
}

export interface KillState {
  killedAt: Date | null;
  killedReason: string | null;
}

function fullyOnSince(draft: FlagDraft, kill: KillState, previous: FlagRecord | null, now: Date): Date | null {
  if (!isFullyOn({ ...draft, killedAt: kill.killedAt })) return null;
  return previous?.fullyOnSince ? new Date(previous.fullyOnSince) : now;
}

/** Inserts a flag; ON CONFLICT on the key does nothing and returns null (seeding uses this). */
export async function insertFlag(db: Database, em: EntityManager, draft: FlagDraft, by: ChangeAuthor, now = new Date()): Promise<FlagRecord | null> {
  const rows = await db.sql(
    `INSERT INTO feature_flags (id, key, name, description, type, value_type, default_value, enabled_value, enabled, archived, kill_switch,
       owner, tags, stale_after_days, targeting, fully_on_since, created_by, updated_by, created_at, updated_at, dependencies)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11, $12, $13::jsonb, $14, $15::jsonb, $16, $17, $17, $18, $18, $19::jsonb)
     ON CONFLICT (key) DO NOTHING
     RETURNING ${COLUMNS}`,
    [
      randomUUID(), draft.key, draft.name, draft.description, draft.type, draft.valueType, json(draft.defaultValue),
      draft.enabledValue === null ? null : json(draft.enabledValue), draft.enabled, draft.archived, draft.killSwitch,
      draft.owner, json(draft.tags), draft.staleAfterDays, json(draft.targeting),
      fullyOnSince(draft, { killedAt: null, killedReason: null }, null, now), by.actorId, now, json(draft.dependencies ?? []),
    ],
    em,
  );
  return rows[0] ? flagRecordOf(rows[0]) : null;
}

/** Writes every editable field and the kill state of an existing flag. */
export async function updateFlag(db: Database, em: EntityManager, previous: FlagRecord, draft: FlagDraft, kill: KillState, by: ChangeAuthor, now = new Date()): Promise<FlagRecord> {
  const rows = await db.sql(
    `UPDATE feature_flags SET name = $2, description = $3, type = $4, value_type = $5, default_value = $6::jsonb, enabled_value = $7::jsonb,
       enabled = $8, archived = $9, kill_switch = $10, owner = $11, tags = $12::jsonb, stale_after_days = $13, targeting = $14::jsonb,
       killed_at = $15, killed_reason = $16, fully_on_since = $17, updated_by = $18, updated_at = $19, dependencies = $20::jsonb
     WHERE id = $1
     RETURNING ${COLUMNS}`,
    [
      previous.id, draft.name, draft.description, draft.type, draft.valueType, json(draft.defaultValue),
      draft.enabledValue === null ? null : json(draft.enabledValue), draft.enabled, draft.archived, draft.killSwitch, draft.owner,
      json(draft.tags), draft.staleAfterDays, json(draft.targeting), kill.killedAt, kill.killedReason,
      fullyOnSince(draft, kill, previous, now), by.actorId, now, json(draft.dependencies ?? []),
    ],
    em,
  );
  return flagRecordOf(rows[0]);
}

export async function deleteFlag(db: Database, em: EntityManager, id: string): Promise<void> {
  await db.sql('DELETE FROM feature_flags WHERE id = $1', [id], em);
}
