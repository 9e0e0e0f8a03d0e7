import type { PermissionDefinition } from '@platform/sdk';

export const ONBOARDING_PERMISSIONS = {
  invitationsRead: 'onboarding.invitations.read',
  invitationsWrite: 'onboarding.invitations.write',
} as const;

export const onboardingPermissions: PermissionDefinition[] = [
  { key: ONBOARDING_PERMISSIONS.invitationsRead, label: 'See invitations (own tenant for tenant admins)', scope: 'tenant', grantTo: ['admin', 'support', 'tenant_admin'] },
  { key: ONBOARDING_PERMISSIONS.invitationsWrite, label: 'Invite users, resend and revoke invitations (own tenant, tenant roles, for tenant admins)', scope: 'tenant', grantTo: ['admin', 'tenant_admin'] },
];
