import type { DeclaredTenantData, TenantDataDeclaration } from '@platform/sdk/data-protection';

/** A loaded declaration with the plugin that made it (`kernel` for the kernel's tables). */
export type DeclaredTable = DeclaredTenantData;

export type RestoreMode = NonNullable<TenantDataDeclaration['restore']>;

/** How a restore treats the table (see `TenantDataDeclaration.restore`). */
export function restoreModeOf(d: DeclaredTable): RestoreMode {
  if (d.restore) return d.restore;
  if (!d.tenantVia && d.tenantColumn === 'id') return 'none';
  if (d.cryptoShredded) return 'append';
  return 'replace';
}
