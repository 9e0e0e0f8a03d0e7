import { defineTenantEntity, type TenantRow } from '@platform/sdk';

/**
 * A row of `feature_flag_overrides`: one tenant's (or one of its users') pinned value of a flag.
 * Tenant-owned, so purging a tenant removes its overrides.
 */
export interface FlagOverrideRow extends TenantRow {
  flagKey: string;
  scope: 'tenant' | 'user';
  userId: string | null;
  value: unknown;
  variant: string | null;
  expiresAt: Date | null;
  reason: string;
  createdBy: string | null;
}

export const FlagOverrideEntity = defineTenantEntity<FlagOverrideRow>({
  name: 'FeatureFlagOverride',
  tableName: 'feature_flag_overrides',
  properties: {
    flagKey: { type: 'text' },
    scope: { enum: true, items: ['tenant', 'user'] },
    userId: { type: 'text', nullable: true },
    value: { type: 'json' },
    variant: { type: 'text', nullable: true },
    expiresAt: { type: 'Date', nullable: true },
    reason: { type: 'text' },
    createdBy: { type: 'text', nullable: true },
  },
});
