import type { EntityManager } from '@mikro-orm/core';
import { ERASED } from '@platform/sdk/data-protection';
import type { AuditSubjectKeyStore } from './audit-subject-keys.ts';
import { isSealedAuditValue, openAuditValue, sealedKeyId } from './sealed-audit-value.ts';

interface SealedFields {
  actor_label: string | null;
  before: unknown;
  after: unknown;
}

const topLevelValues = (v: unknown): unknown[] => (typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.values(v) : []);

/**
 * Audit rows as readers see them: every sealed value opened with its subject's key, or `[erased]` when that key
 * was destroyed. One query for the keys of the whole page.
 */
export async function revealAuditRows<R extends SealedFields>(rows: R[], keys: AuditSubjectKeyStore, em?: EntityManager): Promise<R[]> {
  const ids = rows.flatMap((r) => [r.actor_label, ...topLevelValues(r.before), ...topLevelValues(r.after)].map(sealedKeyId).filter((id): id is string => !!id));
  if (!ids.length) return rows;
  const loaded = await keys.load(ids, em);
  const open = (v: unknown) => (isSealedAuditValue(v) ? (openAuditValue(v, loaded) ?? ERASED) : v);
  const openSnapshot = (s: unknown) => (typeof s === 'object' && s !== null && !Array.isArray(s) ? Object.fromEntries(Object.entries(s).map(([k, v]) => [k, open(v)])) : s);
  return rows.map((r) => ({ ...r, actor_label: open(r.actor_label) as string | null, before: openSnapshot(r.before), after: openSnapshot(r.after) }));
}
