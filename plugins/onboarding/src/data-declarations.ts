import { defineDataDeclarations } from '@platform/sdk/data-protection';

/** The onboarding plugin's tenant data (invitations and password reset links; the wizard declares its own). */
export const onboardingDataDeclarations = defineDataDeclarations([
  {
    table: 'onboarding_invitations',
    subjects: [
      { column: 'email', kind: 'email' },
      { column: 'accepted_user_id', kind: 'user_id' },
      { column: 'invited_by', kind: 'user_id' },
    ],
    personalFields: [
      { column: 'email', category: 'contact' },
      { column: 'name', category: 'profile' },
      { column: 'invited_by_name', category: 'activity' },
    ],
    deletion: { action: 'delete' },
    exportOmits: ['token_hash'],
    purpose: 'Invitations to join the tenant: who was invited, with which role, by whom, and what became of it.',
  },
  {
    table: 'onboarding_password_resets',
    subjects: [{ column: 'user_id', kind: 'user_id' }],
    personalFields: [{ column: 'requested_ip', category: 'technical' }],
    deletion: { action: 'delete' },
    exportOmits: ['token_hash'],
    purpose: 'Password reset links asked for by the tenant’s users (single use, short-lived).',
  },
  {
    table: 'onboarding_signups',
    subjects: [{ column: 'email', kind: 'email' }],
    personalFields: [
      { column: 'email', category: 'contact' },
      { column: 'name', category: 'profile' },
      { column: 'requested_ip', category: 'technical' },
    ],
    deletion: { action: 'delete' },
    exportOmits: ['token_hash'],
    purpose: 'The self-signup that created the tenant: who signed up, when, from where.',
  },
]);
