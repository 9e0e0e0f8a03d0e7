import { defineDataDeclarations } from '@platform/sdk/data-protection';

/**
 * The kernel's own tenant data. Sessions are not listed: they have no tenant column, hold no export-worthy data and go
 * with their user (ON DELETE CASCADE).
 */
export const kernelDataDeclarations = defineDataDeclarations([
  {
    table: 'tenants',
    tenantColumn: 'id',
    subjects: [{ column: 'contact_email', kind: 'email' }],
    personalFields: [
      { column: 'contact_name', category: 'profile' },
      { column: 'contact_email', category: 'contact' },
    ],
    deletion: { action: 'anonymize' },
    purpose: 'The tenant itself; its contact person is personal data.',
  },
  {
    table: 'users',
    subjects: [
      { column: 'id', kind: 'user_id' },
      { column: 'email', kind: 'email' },
    ],
    personalFields: [
      { column: 'email', category: 'contact' },
      { column: 'name', category: 'profile' },
      { column: 'last_login_at', category: 'activity' },
    ],
    exportOmits: ['password_hash'],
    deletion: { action: 'delete' },
    purpose: 'Console accounts of the tenant’s people.',
  },
  {
    table: 'api_keys',
    subjects: [{ column: 'created_by', kind: 'user_id' }],
    personalFields: [{ column: 'created_by', category: 'activity' }],
    exportOmits: ['key_hash'],
    deletion: { action: 'anonymize' },
    purpose: 'API keys of the tenant; who created one is personal.',
  },
  {
    table: 'nav_overrides',
    personalFields: [],
    deletion: { action: 'delete' },
    purpose: 'The tenant’s console menu customizations.',
  },
  {
    table: 'tenant_plugins',
    personalFields: [],
    deletion: { action: 'delete' },
    purpose: 'Which plugins the tenant has enabled.',
  },
  {
    table: 'tenant_provisioning_steps',
    personalFields: [],
    deletion: { action: 'delete' },
    purpose: 'Each plugin’s provisioning of the tenant (its default data) and its outcome.',
  },
  {
    table: 'plugin_settings',
    personalFields: [],
    exported: false,
    deletion: { action: 'delete' },
    purpose: 'Per-tenant plugin settings (secrets sealed).',
  },
  {
    table: 'audit',
    subjects: [{ column: 'actor_id', kind: 'user_id' }],
    personalFields: [
      { column: 'actor_label', category: 'activity' },
      { column: 'before', category: 'activity' },
      { column: 'after', category: 'activity' },
    ],
    cryptoShredded: true,
    deletion: {
      action: 'retain',
      legalBasis: 'Accountability (GDPR art. 5(2)): the append-only audit trail is never rewritten; personal values are encrypted per person and their key is destroyed on deletion',
      periodDays: 3650,
    },
    purpose: 'Who did what, append-only.',
  },
  {
    table: 'kernel_idempotency_keys',
    personalFields: [],
    exported: false,
    deletion: { action: 'delete' },
    purpose: 'Answers replayed to retried requests (sealed, purged after hours).',
  },
  {
    table: 'kernel_rate_limit_policies',
    personalFields: [],
    deletion: { action: 'delete' },
    purpose: 'The tenant’s API rate-limit override.',
  },
  {
    table: 'kernel_rate_limit_buckets',
    personalFields: [],
    exported: false,
    deletion: { action: 'delete' },
    purpose: 'The tenant’s shared rate-limit token bucket (a counter).',
  },
  {
    table: 'kernel_rate_limit_streams',
    personalFields: [],
    exported: false,
    deletion: { action: 'delete' },
    purpose: 'The tenant’s event streams open now (for the concurrent-streams limit).',
  },
  {
    table: 'kernel_rate_limit_throttled',
    personalFields: [],
    deletion: { action: 'delete' },
    purpose: 'How many of the tenant’s requests were throttled, per minute.',
  },
]);
