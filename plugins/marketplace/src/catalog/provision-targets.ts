import { ProblemError, TENANT_PLUGINS, type RegisterContext, type TenantPluginSwitch } from '@platform/sdk';
import { FLAG_ENTITLEMENTS, type FlagEntitlements } from '@platform/sdk/feature-flags';
import { INTEGRATION_TYPES } from '@platform/sdk/integrations';
import { SMS_CREDIT_GRANTS, type SmsCreditGrants } from '@platform/sdk/messaging';
import type { AddonProvision } from './addon-record.ts';

/** A service another plugin (or the kernel) provides, or null when it is not installed. */
export function optionalService<T>(ctx: Pick<RegisterContext, 'resolve'>, key: string): T | null {
  try {
    return ctx.resolve<T>(key) ?? null;
  } catch {
    return null;
  }
}

function missing(field: string, detail: string): never {
  throw new ProblemError(400, 'validation_failed', detail, { field });
}

/**
 * Checks that what an add-on provisions exists here: the messaging credit ledger for credits, an installed
 * plugin with scope `tenant`, a flag (and value/variant it can serve), an integration type a plugin contributed.
 */
export async function checkProvisionTarget(ctx: Pick<RegisterContext, 'resolve' | 'extensions'>, provision: AddonProvision): Promise<void> {
  switch (provision.kind) {
    case 'sms_credits':
      if (!optionalService<SmsCreditGrants>(ctx, SMS_CREDIT_GRANTS)) missing('kind', 'SMS credit bundles need the messaging plugin, which is not installed');
      return;
    case 'plugin': {
      const plugins = ctx.resolve<TenantPluginSwitch>(TENANT_PLUGINS);
      const info = plugins.describe(provision.plugin);
      if (!info) missing('provision.plugin', `Plugin "${provision.plugin}" is not installed`);
      if (info.scope !== 'tenant') missing('provision.plugin', `Plugin "${provision.plugin}" is platform-wide (scope "platform"); only plugins with scope "tenant" can be sold per tenant`);
      return;
    }
    case 'flag_entitlement': {
      const flags = optionalService<FlagEntitlements>(ctx, FLAG_ENTITLEMENTS);
      if (!flags) missing('kind', 'Flag entitlements need the feature-flags plugin, which is not installed');
      try {
        await flags.validate({ flagKey: provision.flagKey, value: provision.value as never, variant: provision.variant });
      } catch (err) {
        if (err instanceof ProblemError && err.field) throw new ProblemError(400, 'validation_failed', err.message, { field: `provision.${err.field}` });
        throw err;
      }
      return;
    }
    case 'integration':
      if (!ctx.extensions.get(INTEGRATION_TYPES).some((r) => r.integration.id === provision.integrationType))
        missing('provision.integrationType', `No integration type "${provision.integrationType}" is installed`);
      return;
  }
}
