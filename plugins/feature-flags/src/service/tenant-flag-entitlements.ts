import { problems, type EntityManager } from '@platform/sdk';
import type { FlagEntitlementGrant, FlagEntitlements } from '@platform/sdk/feature-flags';
import type { FlagValue } from '../engine/index.ts';
import type { ChangeAuthor } from '../model/change-author.ts';
import type { FlagRecord } from '../model/flag-record.ts';
import { findFlag } from '../store/flag-store.ts';
import { deleteOverride, insertOverride, overrideRecordOf, updateOverride } from '../store/override-store.ts';
import { auditFlagChange, commitFlagChange } from './commit-flag-change.ts';
import type { FlagChangeDeps } from './flag-change-deps.ts';
import { checkOverrideValue } from './override-changes.ts';

const ENTITLEMENT_AUTHOR: ChangeAuthor = { actorType: 'system', actorId: null, actorLabel: 'feature-flags.entitlements', requestId: null };

/**
 * {@link FlagEntitlements} over tenant overrides: a grant creates the tenant's override of the flag or changes
 * it to the granted value (nothing when it already serves it), a revoke deletes it. Each change is one flag
 * change (version bump, audit, `feature-flags.flag.changed`), like an override made in the console.
 */
export class TenantFlagEntitlements implements FlagEntitlements {
  constructor(private readonly deps: FlagChangeDeps) {}

  private async flagFor(key: string, em?: EntityManager): Promise<FlagRecord> {
    if (typeof key !== 'string' || !key) throw problems.validation('flagKey', 'flagKey is required');
    const flag = await findFlag(this.deps.db, key, em);
    if (!flag) throw problems.validation('flagKey', `No flag "${key}"`);
    return flag;
  }

  async validate(grant: Omit<FlagEntitlementGrant, 'reason'>): Promise<void> {
    const flag = await this.flagFor(grant.flagKey);
    checkOverrideValue(flag, grant.value as FlagValue, grant.variant);
  }

  private async tenantOverride(em: EntityManager, tenantId: string, flagKey: string) {
    const [row] = await this.deps.db.sql(
      `SELECT * FROM feature_flag_overrides WHERE flag_key = $1 AND tenant_id = $2 AND scope = 'tenant' FOR UPDATE`,
      [flagKey, tenantId],
      em,
    );
    return row ? overrideRecordOf(row) : null;
  }

  async grant(tenantId: string, grant: FlagEntitlementGrant): Promise<{ changed: boolean }> {
    return commitFlagChange(this.deps, async (em) => {
      const flag = await this.flagFor(grant.flagKey, em);
      const value = grant.value as FlagValue;
      const variant = grant.variant ?? null;
      checkOverrideValue(flag, value, variant);
      const before = await this.tenantOverride(em, tenantId, flag.key);
      if (before && before.expiresAt === null && JSON.stringify(before.value) === JSON.stringify(value) && before.variant === variant) return { changed: false };
      const after = before
        ? await updateOverride(this.deps.db, em, before.id, { value, variant, expiresAt: null }, grant.reason)
        : await insertOverride(this.deps.db, em, { tenantId, flagKey: flag.key, scope: 'tenant', userId: null, value, variant, expiresAt: null }, grant.reason, null);
      const action = before ? 'override.updated' : 'override.created';
      await auditFlagChange(this.deps, em, { flagKey: flag.key, tenantId, action, oldValue: before ? { value: before.value, variant: before.variant } : undefined, newValue: { value: after.value, variant: after.variant }, reason: grant.reason }, ENTITLEMENT_AUTHOR);
      await this.deps.events.emitDurable(em, 'feature-flags.flag.changed', { key: flag.key, action, reason: grant.reason, actorId: null, tenantId });
      return { changed: true };
    });
  }

  async revoke(tenantId: string, flagKey: string, reason: string): Promise<{ changed: boolean }> {
    return commitFlagChange(this.deps, async (em) => {
      const before = await this.tenantOverride(em, tenantId, flagKey);
      if (!before) return { changed: false };
      await deleteOverride(this.deps.db, em, before.id);
      await auditFlagChange(this.deps, em, { flagKey, tenantId, action: 'override.deleted', oldValue: { value: before.value, variant: before.variant }, reason }, ENTITLEMENT_AUTHOR);
      await this.deps.events.emitDurable(em, 'feature-flags.flag.changed', { key: flagKey, action: 'override.deleted', reason, actorId: null, tenantId });
      return { changed: true };
    });
  }
}
