import { ProblemError, problems, type EntityManager } from '@platform/sdk';
import { matchesValueType, type FlagValue } from '../engine/index.ts';
import { SYSTEM_AUTHOR, type ChangeAuthor } from '../model/change-author.ts';
import type { FlagRecord } from '../model/flag-record.ts';
import type { OverrideRecord, TenantScope } from '../model/override-record.ts';
import { findFlag } from '../store/flag-store.ts';
import { deleteExpiredOverrides, deleteOverride, findOverride, insertOverride, updateOverride } from '../store/override-store.ts';
import { auditFlagChange, commitFlagChange } from './commit-flag-change.ts';
import type { FlagChangeDeps } from './flag-change-deps.ts';

export interface OverrideInput {
  flagKey: string;
  scope: 'tenant' | 'user';
  userId?: string | null;
  value: FlagValue;
  variant?: string | null;
  expiresAt?: string | null;
}

function variantNames(flag: FlagRecord): Set<string> {
  const splits = [flag.targeting.variants, ...(flag.targeting.rollouts ?? []).map((rule) => rule.variants)];
  return new Set(splits.flatMap((split) => split?.variants.map((variant) => variant.name) ?? []));
}

export function checkOverrideValue(flag: FlagRecord, value: FlagValue, variant: string | null | undefined): void {
  if (value === undefined || !matchesValueType(value, flag.valueType))
    throw problems.validation('value', `Flag "${flag.key}" serves ${flag.valueType} values, not ${JSON.stringify(value)}`);
  if (variant && !variantNames(flag).has(variant)) throw problems.validation('variant', `Flag "${flag.key}" has no variant "${variant}"`);
}

function expiryOf(expiresAt: string | null | undefined, now = Date.now()): Date | null {
  if (expiresAt === undefined || expiresAt === null) return null;
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) throw problems.validation('expiresAt', `"${expiresAt}" is not a date-time`);
  if (at <= now) throw problems.validation('expiresAt', 'expiresAt must be in the future');
  return new Date(at);
}

const audited = (o: OverrideRecord) => ({ id: o.id, scope: o.scope, userId: o.userId, value: o.value, variant: o.variant, expiresAt: o.expiresAt });

/**
 * Per-tenant and per-user overrides. Every call names the tenant it acts in; a row of another tenant
 * is "not found", so one tenant can neither read nor change another's overrides.
 */
export class OverrideChanges {
  constructor(private readonly deps: FlagChangeDeps) {}

  private async flagFor(em: EntityManager, key: string): Promise<FlagRecord> {
    const flag = await findFlag(this.deps.db, key, em);
    if (!flag) throw problems.validation('flagKey', `No flag "${key}"`);
    return flag;
  }

  async create(tenantId: string, input: OverrideInput, reason: string, by: ChangeAuthor): Promise<OverrideRecord> {
    if (input.scope === 'user' && !input.userId) throw problems.validation('userId', 'A user override needs a userId');
    if (input.scope === 'tenant' && input.userId) throw problems.validation('userId', 'A tenant override has no userId; use scope "user"');
    const expiresAt = expiryOf(input.expiresAt);
    return commitFlagChange(this.deps, async (em) => {
      const flag = await this.flagFor(em, input.flagKey);
      checkOverrideValue(flag, input.value, input.variant);
      const userId = input.scope === 'user' ? input.userId! : null;
      const clash = await this.deps.db.sql(
        `SELECT id FROM feature_flag_overrides WHERE flag_key = $1 AND tenant_id = $2 AND scope = $3 AND coalesce(user_id, '') = $4`,
        [flag.key, tenantId, input.scope, userId ?? ''],
        em,
      );
      if (clash.length > 0)
        throw new ProblemError(409, 'override_exists', `This ${input.scope} already has an override of "${flag.key}"; change that one`, { field: input.scope === 'user' ? 'userId' : 'flagKey', extra: { id: clash[0].id } });
      const created = await insertOverride(this.deps.db, em, { tenantId, flagKey: flag.key, scope: input.scope, userId, value: input.value, variant: input.variant ?? null, expiresAt }, reason, by.actorId);
      await auditFlagChange(this.deps, em, { flagKey: flag.key, tenantId, action: 'override.created', newValue: audited(created), reason }, by);
      await this.deps.events.emitDurable(em, 'feature-flags.flag.changed', { key: flag.key, action: 'override.created', reason, actorId: by.actorId, tenantId });
      return created;
    });
  }

  async update(scope: TenantScope, id: string, patch: { value?: FlagValue; variant?: string | null; expiresAt?: string | null }, reason: string, by: ChangeAuthor): Promise<OverrideRecord> {
    const expiresAt = patch.expiresAt === undefined ? undefined : expiryOf(patch.expiresAt);
    return commitFlagChange(this.deps, async (em) => {
      const before = await findOverride(this.deps.db, scope, id, em, true);
      if (!before) throw problems.notFound('Override');
      const flag = await this.flagFor(em, before.flagKey);
      const value = patch.value !== undefined ? patch.value : before.value;
      const variant = patch.variant !== undefined ? patch.variant : before.variant;
      checkOverrideValue(flag, value, variant);
      const after = await updateOverride(this.deps.db, em, before.id, { value, variant, expiresAt: expiresAt === undefined ? (before.expiresAt ? new Date(before.expiresAt) : null) : expiresAt }, reason);
      await auditFlagChange(this.deps, em, { flagKey: flag.key, tenantId: before.tenantId, action: 'override.updated', oldValue: audited(before), newValue: audited(after), reason }, by);
      await this.deps.events.emitDurable(em, 'feature-flags.flag.changed', { key: flag.key, action: 'override.updated', reason, actorId: by.actorId, tenantId: before.tenantId });
      return after;
    });
  }

  async remove(scope: TenantScope, id: string, reason: string, by: ChangeAuthor): Promise<OverrideRecord> {
    return commitFlagChange(this.deps, async (em) => {
      const before = await findOverride(this.deps.db, scope, id, em, true);
      if (!before) throw problems.notFound('Override');
      await deleteOverride(this.deps.db, em, before.id);
      await auditFlagChange(this.deps, em, { flagKey: before.flagKey, tenantId: before.tenantId, action: 'override.deleted', oldValue: audited(before), reason }, by);
      await this.deps.events.emitDurable(em, 'feature-flags.flag.changed', { key: before.flagKey, action: 'override.deleted', reason, actorId: by.actorId, tenantId: before.tenantId });
      return before;
    });
  }

  /** Removes overrides past their expiry (they already stopped applying), each audited. Returns how many. */
  async removeExpired(): Promise<number> {
    const due = await this.deps.db.sql<{ n: string }>('SELECT count(*) AS n FROM feature_flag_overrides WHERE expires_at <= now()');
    if (Number(due[0]?.n ?? 0) === 0) return 0;
    return commitFlagChange(this.deps, async (em) => {
      const expired = await deleteExpiredOverrides(this.deps.db, em);
      for (const o of expired)
        await auditFlagChange(this.deps, em, { flagKey: o.flagKey, tenantId: o.tenantId, action: 'override.expired', oldValue: audited(o), reason: `Expired at ${o.expiresAt}` }, SYSTEM_AUTHOR);
      return expired.length;
    });
  }
}
