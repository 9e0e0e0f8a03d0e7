import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { AuditInput, AuditWriter } from '@platform/sdk';
import { runSql } from '../db/orm.ts';

export interface AuditRecordInput extends AuditInput {
  actorId?: string | null;
  actorType?: string;
  actorLabel?: string | null;
  requestId?: string | null;
}

function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

const COLUMNS = 'actor_type, actor_id, actor_label, tenant_id, action, target_type, target_id, before, after, reason, request_id';

/** The values of one entry's row, in {@link COLUMNS} order (one place for `record` and `recordMany`). */
function rowOf(entry: AuditRecordInput): unknown[] {
  return [
    entry.actorType ?? 'system',
    entry.actorId ?? null,
    entry.actorLabel ?? null,
    entry.tenantId ?? null,
    entry.action,
    entry.targetType ?? null,
    entry.targetId ?? null,
    json(entry.before),
    json(entry.after),
    entry.reason ?? null,
    entry.requestId ?? null,
  ];
}

/** Appends to the `audit` table; pass the caller's `em` to write inside its transaction. */
export function createAuditWriter(orm: MikroORM): AuditWriter & { record(entry: AuditRecordInput, em?: EntityManager): Promise<void> } {
  return {
    async record(entry: AuditRecordInput, em?: EntityManager) {
      await runSql(em ?? orm.em.fork(), `INSERT INTO audit (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11)`, rowOf(entry));
    },
    async recordMany(entries: AuditRecordInput[], em?: EntityManager) {
      if (!entries.length) return;
      const rows = entries.map(rowOf);
      const column = (i: number) => rows.map((r) => r[i]);
      await runSql(
        em ?? orm.em.fork(),
        `INSERT INTO audit (${COLUMNS})
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::jsonb[], $10::text[], $11::text[])`,
        COLUMNS.split(', ').map((_, i) => column(i)),
      );
    },
  };
}
