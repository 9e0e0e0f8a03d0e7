import type { EvaluationContext } from './context.ts';
import type { FlagValue } from './flag.ts';

interface OverrideFields {
  /** When set, the override only applies to this flag. */
  flagKey?: string;
  value: FlagValue;
  /** The variant name reported with the value (its payload comes from the flag's variant of that name). */
  variant?: string;
  /** From this instant on the override no longer applies. */
  expiresAt?: Date | string | number | null;
}

/** Pins a user's value; with `tenantId` only in that tenant. */
export interface UserOverride extends OverrideFields {
  scope: 'user';
  userId: string;
  tenantId?: string;
}

/** Pins a tenant's value. */
export interface TenantOverride extends OverrideFields {
  scope: 'tenant';
  tenantId: string;
}

export type FlagOverride = UserOverride | TenantOverride;

export function isOverrideActive(override: FlagOverride, now: number): boolean {
  if (override.expiresAt === undefined || override.expiresAt === null) return true;
  const expiresAt =
    override.expiresAt instanceof Date
      ? override.expiresAt.getTime()
      : typeof override.expiresAt === 'number'
        ? override.expiresAt
        : Date.parse(override.expiresAt);
  // An unreadable expiry is treated as expired: an override must never outlive its intent.
  return !Number.isNaN(expiresAt) && now < expiresAt;
}

/** The active user override for the context; one scoped to the context's tenant wins over an unscoped one. */
export function findUserOverride(
  overrides: readonly FlagOverride[],
  flagKey: string,
  context: EvaluationContext,
  now: number,
): UserOverride | undefined {
  if (!context.userId) return undefined;
  let unscoped: UserOverride | undefined;
  for (const override of overrides) {
    if (override.scope !== 'user' || override.userId !== context.userId) continue;
    if (override.flagKey !== undefined && override.flagKey !== flagKey) continue;
    if (!isOverrideActive(override, now)) continue;
    if (override.tenantId === undefined) unscoped ??= override;
    else if (override.tenantId === context.tenantId) return override;
  }
  return unscoped;
}

/** The active tenant override for the context's tenant. */
export function findTenantOverride(
  overrides: readonly FlagOverride[],
  flagKey: string,
  context: EvaluationContext,
  now: number,
): TenantOverride | undefined {
  if (!context.tenantId) return undefined;
  for (const override of overrides) {
    if (override.scope !== 'tenant' || override.tenantId !== context.tenantId) continue;
    if (override.flagKey !== undefined && override.flagKey !== flagKey) continue;
    if (isOverrideActive(override, now)) return override;
  }
  return undefined;
}
