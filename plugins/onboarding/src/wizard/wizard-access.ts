import type { NavItemDefinition, PermissionDefinition } from '@platform/sdk';

/** Running the brand onboarding wizard of one's own tenant. */
export const WIZARD_PERMISSION = 'onboarding.wizard';

export const WIZARD_PERMISSIONS: PermissionDefinition[] = [
  { key: WIZARD_PERMISSION, label: "Run the tenant's onboarding wizard", scope: 'tenant', grantTo: ['tenant_admin', 'admin'] },
];

export const WIZARD_NAV: NavItemDefinition[] = [
  { id: 'onboarding.wizard', label: 'Set up your brand', path: '/onboarding/wizard', icon: 'RocketLaunch', section: 'overview', order: 1, permission: WIZARD_PERMISSION, audience: 'tenant' },
];
