import type { PermissionDefinition } from '@platform/sdk';

/** Permissions of the marketplace: staff curate the catalog; tenant admins browse, buy and connect integrations. */
export const MARKETPLACE_PERMISSIONS = {
  catalogRead: 'marketplace.catalog.read',
  catalogWrite: 'marketplace.catalog.write',
  purchasesRead: 'marketplace.purchases.read',
  browse: 'marketplace.browse',
  buy: 'marketplace.buy',
  integrationsRead: 'marketplace.integrations.read',
  integrationsWrite: 'marketplace.integrations.write',
} as const;

export const marketplacePermissions: PermissionDefinition[] = [
  { key: MARKETPLACE_PERMISSIONS.catalogRead, label: 'View the marketplace catalog, drafts included', scope: 'platform', grantTo: ['admin', 'support', 'read_only'] },
  { key: MARKETPLACE_PERMISSIONS.catalogWrite, label: 'Create and edit add-ons and change their lifecycle', scope: 'platform', grantTo: ['admin'] },
  { key: MARKETPLACE_PERMISSIONS.purchasesRead, label: "View every tenant's add-on purchases", scope: 'platform', grantTo: ['admin', 'support', 'read_only'] },
  { key: MARKETPLACE_PERMISSIONS.browse, label: 'Browse the marketplace and see your add-ons', scope: 'tenant', grantTo: ['tenant_admin', 'tenant_member'] },
  { key: MARKETPLACE_PERMISSIONS.buy, label: 'Buy, cancel and re-purchase add-ons for your tenant', scope: 'tenant', grantTo: ['tenant_admin'] },
  { key: MARKETPLACE_PERMISSIONS.integrationsRead, label: "View your tenant's integrations and their webhook deliveries", scope: 'tenant', grantTo: ['tenant_admin'] },
  { key: MARKETPLACE_PERMISSIONS.integrationsWrite, label: "Connect, change and remove your tenant's integrations", scope: 'tenant', grantTo: ['tenant_admin'] },
];
