import { fileURLToPath } from 'node:url';
import { definePlugin, Type, type PluginContext } from '@platform/sdk';
import { onboardingPermissions, ONBOARDING_PERMISSIONS } from './onboarding-permissions.ts';
import { OnboardingSettingsSchema } from './onboarding-settings.ts';
import { onboardingDataDeclarations } from './data-declarations.ts';
import { InvitationService } from './invitations/invitation-service.ts';
import { addInvitationRoutes } from './invitations/invitation-routes.ts';
import { PasswordResetService } from './password-reset/password-reset-service.ts';
import { addPasswordResetRoutes } from './password-reset/password-reset-routes.ts';
// --- brand onboarding wizard: src/wizard/, migrations 0050+ ---
import { WIZARD } from './wizard/register-wizard.ts';
import { SignupService } from './signup/signup-service.ts';
import { addSignupRoutes } from './signup/signup-routes.ts';
import { contributeActivationSignal } from './health/activation-signal.ts';
import { pruneRateLimitCounters } from './rate-limits/shared-window-limiter.ts';
import { linkSigningKeyOf } from './links/link-signing-key.ts';
import { seedTenantNavLayout, TenantNavLayoutSetting } from './provisioning/tenant-nav-layout.ts';

/** DI key of the {@link InvitationService} (the wizard's "invite the team" step resolves it). */
export const INVITATION_SERVICE = 'onboarding.invitations';
export { InvitationService, type InviteInput } from './invitations/invitation-service.ts';

/**
 * Each part of onboarding adds its routes here, in order. Another part (the brand wizard) adds one line:
 * `bootWizard(ctx)` below, next to the others.
 */
function bootInvitations(ctx: PluginContext): void {
  const invitations = new InvitationService(ctx);
  ctx.provide(INVITATION_SERVICE, invitations);
  addInvitationRoutes(ctx, invitations);
}

function bootPasswordReset(ctx: PluginContext): void {
  addPasswordResetRoutes(ctx, new PasswordResetService(ctx));
}

function bootSignup(ctx: PluginContext): void {
  addSignupRoutes(ctx, new SignupService(ctx));
}

/**
 * Tenant onboarding: invitations (signed single-use links by email), password reset, self-signup, and the
 * brand onboarding wizard. Routes under `/api/onboarding/`; console pages in `admin/`.
 */
export default definePlugin({
  name: 'onboarding',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Tenant onboarding: invitations, password reset, self-signup, provisioning and the brand onboarding wizard',
  scope: 'platform',
  dependsOn: ['messaging'],
  permissions: [...onboardingPermissions, ...WIZARD.permissions],
  migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
  settings: Type.Object({ ...OnboardingSettingsSchema.properties, ...WIZARD.settingsProperties, tenantNavLayout: Type.Optional(TenantNavLayoutSetting) }),
  data: [...onboardingDataDeclarations, ...WIZARD.data],
  nav: [
    { id: 'onboarding.invitations', label: 'Invitations', path: '/onboarding/invitations', icon: 'Mail', section: 'access', order: 15, permission: ONBOARDING_PERMISSIONS.invitationsRead },
    ...WIZARD.nav,
  ],
  register(ctx) {
    WIZARD.register(ctx);
  },
  async boot(ctx) {
    // The link signing key exists from the first boot on (created once per database, sealed with the kernel's key).
    await linkSigningKeyOf(ctx).get();
    bootInvitations(ctx);
    bootPasswordReset(ctx);
    bootSignup(ctx);
    WIZARD.boot(ctx, { invitations: () => ctx.resolve<InvitationService>(INVITATION_SERVICE) });
    contributeActivationSignal(ctx);
    // The public forms' rate-limit counters (shared by every instance) whose window is over.
    ctx.jobs.define({ name: 'prune-rate-limits', everySeconds: 3600, handler: async () => void (await pruneRateLimitCounters(ctx.db)) });
  },
  /** A new tenant's menu starts with the wizard; one created by a verified self-signup gets its trial SMS credits (both idempotent). */
  async onTenantProvisioned(ctx, tenant) {
    await seedTenantNavLayout(ctx, tenant);
    await new SignupService(ctx).grantTrialCredits(tenant);
  },
});
