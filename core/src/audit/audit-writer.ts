import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { AuditInput, AuditWriter } from '@platform/sdk';
import { runSql } from '../db/orm.ts';
import type { AuditPersonalData } from './audit-personal-data.ts';
import type { AuditSubject, AuditSubjectKeyStore, SubjectKey } from './audit-subject-keys.ts';
import { sealAuditValue } from './sealed-audit-value.ts';

export interface AuditRecordInput extends AuditInput {
  actorId?: string | null;
  actorType?: string;
  actorLabel?: string | null;
  requestId?: string | null;
}

/** What the writer needs to seal personal values (crypto-shredding); see `audit-personal-data.ts`. */
export interface AuditSealing {
  keys: AuditSubjectKeyStore;
  personal: AuditPersonalData;
}

function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

const COLUMNS = 'actor_type, actor_id, actor_label, tenant_id, action, target_type, target_id, before, after, reason, request_id';

/**
 * Appends to the `audit` table; pass the caller's `em` to write inside its transaction (the subject keys it creates are
 * then created in that transaction too). Personal values are sealed under their subject's key before they are written.
 */
export function createAuditWriter(
  orm: MikroORM,
  sealing: AuditSealing,
): AuditWriter & { record(entry: AuditRecordInput, em?: EntityManager): Promise<void>; recordMany(entries: AuditRecordInput[], em?: EntityManager): Promise<void> } {
  /** One entry's row in {@link COLUMNS} order, its personal values sealed (one place for `record` and `recordMany`). */
  const sealedRowOf = async (entry: AuditRecordInput, conn: EntityManager): Promise<unknown[]> => {
    const scope = entry.tenantId ?? null;
    const keys = new Map<string, Promise<SubjectKey>>();
    const keyOf = (subject: AuditSubject) => {
      const id = sealing.keys.hashOf(subject);
      if (!keys.has(id)) keys.set(id, sealing.keys.keyFor(subject, scope, conn));
      return keys.get(id)!;
    };
    const seal = async (subject: AuditSubject | null, value: unknown) => {
      if (!subject || value === null || value === undefined) return value;
      const key = await keyOf(subject);
      return sealAuditValue(key.id, key.key, value);
    };
    const personalKeys = sealing.personal.personalKeys(entry.targetType);
    const sealSnapshot = async (snapshot: unknown) => {
      if (!isPlainObject(snapshot) || !personalKeys.size) return snapshot;
      const subject = sealing.personal.snapshotSubject(entry, snapshot);
      if (!subject) return snapshot;
      const out: Record<string, unknown> = {};
      // One after the other: the first seal creates the key, the others reuse it (same transaction, one connection).
      for (const [k, v] of Object.entries(snapshot)) out[k] = personalKeys.has(k) ? await seal(subject, v) : v;
      return out;
    };
    const actorLabel = await seal(sealing.personal.actorSubject(entry), entry.actorLabel ?? null);
    const before = await sealSnapshot(entry.before);
    const after = await sealSnapshot(entry.after);
    return [
      entry.actorType ?? 'system',
      entry.actorId ?? null,
      actorLabel,
      scope,
      entry.action,
      entry.targetType ?? null,
      entry.targetId ?? null,
      json(before),
      json(after),
      entry.reason ?? null,
      entry.requestId ?? null,
    ];
  };
  return {
    async record(entry: AuditRecordInput, em?: EntityManager) {
      const conn = em ?? orm.em.fork();
      await runSql(conn, `INSERT INTO audit (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11)`, await sealedRowOf(entry, conn));
    },
    async recordMany(entries: AuditRecordInput[], em?: EntityManager) {
      if (!entries.length) return;
      const conn = em ?? orm.em.fork();
      const rows: unknown[][] = [];
      for (const entry of entries) rows.push(await sealedRowOf(entry, conn));
      const column = (i: number) => rows.map((r) => r[i]);
      await runSql(
        conn,
        `INSERT INTO audit (${COLUMNS})
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::jsonb[], $10::text[], $11::text[])`,
        COLUMNS.split(', ').map((_, i) => column(i)),
      );
    },
  };
}
