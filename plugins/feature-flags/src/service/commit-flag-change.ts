import type { EntityManager } from '@platform/sdk';
import type { ChangeAuthor } from '../model/change-author.ts';
import { appendFlagAudit, type FlagAuditInput } from '../store/flag-audit-store.ts';
import { bumpFlagVersion } from '../store/flag-version-store.ts';
import type { FlagChangeDeps } from './flag-change-deps.ts';
import { SNAPSHOT_CHANNEL } from './flag-cache.ts';

/**
 * Runs a configuration change in one transaction that also bumps the version and announces it (the
 * NOTIFY is delivered on commit), then reloads this instance's cache before returning, so the caller
 * reads its own write. A failed reload does not fail the committed change (see `refreshAfterCommit`). Peers reload when they hear the announcement, or at their next version poll.
 */
export async function commitFlagChange<T>(deps: FlagChangeDeps, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const result = await deps.db.system().transactional(async (em) => {
    const out = await work(em);
    const version = await bumpFlagVersion(deps.db, em);
    await deps.broadcast.publish(SNAPSHOT_CHANNEL, { version }, em);
    return out;
  });
  await deps.cache.refreshAfterCommit();
  return result;
}

/** Appends to `feature_flag_audit` and to the kernel's audit trail, in the change's transaction. */
export async function auditFlagChange(deps: FlagChangeDeps, em: EntityManager, entry: FlagAuditInput, by: ChangeAuthor): Promise<void> {
  await appendFlagAudit(deps.db, em, entry, by);
  await deps.audit.record(
    {
      action: `feature-flags.${entry.action}`,
      tenantId: entry.tenantId ?? null,
      targetType: entry.action.startsWith('override.') ? 'feature-flag.override' : 'feature-flag',
      targetId: entry.flagKey,
      before: entry.oldValue,
      after: entry.newValue,
      reason: entry.reason,
      actorId: by.actorId,
      actorType: by.actorType,
      requestId: by.requestId,
    },
    em,
  );
}
