import { TENANT_PLUGINS, type EntityManager, type RegisterContext, type TenantPluginSwitch } from '@platform/sdk';
import { FLAG_ENTITLEMENTS, type FlagEntitlements } from '@platform/sdk/feature-flags';
import { SMS_CREDIT_GRANTS, type SmsCreditGrants } from '@platform/sdk/messaging';
import { optionalService } from '../catalog/provision-targets.ts';
import type { PurchaseRecord } from './purchase-record.ts';

export const PROVISION_ACTOR = 'marketplace.purchase';

/** What provisioning did, for the purchase's answer and audit entry. */
export interface ProvisionOutcome {
  kind: PurchaseRecord['kind'];
  /** SMS credits: the ledger's balance after the deposit. */
  creditBalance?: number;
  creditsGranted?: number;
  pluginEnabled?: string;
  flagKey?: string;
  integrationType?: string;
  /** A flag entitlement not granted yet (the flags service failed after the purchase committed): the outbox will. */
  entitlementPending?: boolean;
}

/**
 * Delivers what a purchase bought, idempotently (a second run for the same purchase and period changes nothing):
 * - SMS credits: a `purchase` movement in the messaging ledger, keyed `marketplace:<purchase>[:<renewal>]`, in `em`;
 * - a plugin: enabled for the buying tenant only, through the kernel, in `em`;
 * - a flag entitlement: nothing in `em` (the feature-flags plugin writes in its own transaction); it is granted by
 *   {@link Provisioner.grantEntitlement} once the purchase has committed — at once by the purchase itself, and by the
 *   durable `marketplace.purchase.completed` subscriber, so a crash between the two never loses it and a purchase
 *   that rolled back never leaves one;
 * - an integration: nothing to write (the integrations catalog lets the tenant connect it while the purchase is active).
 */
export class Provisioner {
  constructor(private readonly ctx: Pick<RegisterContext, 'resolve'>) {}

  async provision(em: EntityManager, p: PurchaseRecord): Promise<ProvisionOutcome> {
    const provision = p.provision;
    switch (provision.kind) {
      case 'sms_credits': {
        const grants = this.ctx.resolve<SmsCreditGrants>(SMS_CREDIT_GRANTS);
        const result = await grants.grant(
          p.tenantId,
          {
            amount: provision.credits,
            idempotencyKey: `marketplace:${p.id}${p.renewals ? `:${p.renewals}` : ''}`,
            reason: `Marketplace purchase of "${p.addonName}"`,
            actorLabel: PROVISION_ACTOR,
            details: { purchaseId: p.id, addonId: p.addonId, renewal: p.renewals },
          },
          em,
        );
        return { kind: p.kind, creditsGranted: provision.credits, creditBalance: result.balance };
      }
      case 'plugin':
        await this.ctx.resolve<TenantPluginSwitch>(TENANT_PLUGINS).setEnabled(p.tenantId, provision.plugin, true, { em, actorLabel: PROVISION_ACTOR, reason: `Marketplace purchase ${p.id} of "${p.addonName}"` });
        return { kind: p.kind, pluginEnabled: provision.plugin };
      case 'flag_entitlement':
        return { kind: p.kind, flagKey: provision.flagKey };
      case 'integration':
        return { kind: p.kind, integrationType: provision.integrationType };
    }
  }

  /**
   * Grants a committed, still active purchase's flag entitlement (idempotent: the same value twice changes nothing).
   * Call it while holding a share lock on the purchase row, so a cancellation (which locks it for update) waits and
   * revokes after it.
   */
  async grantEntitlement(p: PurchaseRecord): Promise<boolean> {
    const provision = p.provision;
    if (provision.kind !== 'flag_entitlement' || p.status !== 'active') return false;
    const result = await this.ctx.resolve<FlagEntitlements>(FLAG_ENTITLEMENTS).grant(p.tenantId, {
      flagKey: provision.flagKey, value: provision.value as never, variant: provision.variant, reason: `Marketplace purchase ${p.id} of "${p.addonName}"`,
    });
    return result.changed;
  }

  /**
   * Takes back what a purchase gave when it ends (cancelled or expired): the plugin is disabled for the tenant,
   * the flag override removed. Credits already in the ledger stay (they were delivered).
   */
  async deprovision(em: EntityManager, p: PurchaseRecord, why: string): Promise<void> {
    const provision = p.provision;
    if (provision.kind === 'plugin') {
      const plugins = optionalService<TenantPluginSwitch>(this.ctx, TENANT_PLUGINS);
      if (plugins?.describe(provision.plugin)) await plugins.setEnabled(p.tenantId, provision.plugin, false, { em, actorLabel: PROVISION_ACTOR, reason: why });
    }
    if (provision.kind === 'flag_entitlement') {
      const flags = optionalService<FlagEntitlements>(this.ctx, FLAG_ENTITLEMENTS);
      if (flags) await flags.revoke(p.tenantId, provision.flagKey, why);
    }
  }
}
