import { Type, TENANT_NAV_LAYOUT, type PluginContext, type TenantInfo, type TenantNavLayout, type TenantNavLayoutItem } from '@platform/sdk';

/** A new tenant's console menu starts with the onboarding wizard, above the dashboard: it is what to do first. */
export const DEFAULT_TENANT_NAV_LAYOUT: readonly TenantNavLayoutItem[] = [{ itemId: 'onboarding.wizard', order: -1 }];

/** Setting `tenantNavLayout`: the menu layout (navigation overrides) every new tenant starts with. */
export const TenantNavLayoutSetting = Type.Array(
  Type.Object(
    {
      itemId: Type.String({ minLength: 1, maxLength: 200 }),
      hidden: Type.Optional(Type.Boolean()),
      label: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
      order: Type.Optional(Type.Union([Type.Integer({ minimum: -1000, maximum: 100_000 }), Type.Null()])),
    },
    { additionalProperties: false },
  ),
  { maxItems: 200, description: 'The console menu layout each new tenant starts with (hide, rename, reorder items); default: the onboarding wizard first' },
);

/** Seeds the tenant's menu layout at provisioning (idempotent: an item the tenant already has an override of is kept). */
export async function seedTenantNavLayout(ctx: PluginContext, tenant: TenantInfo): Promise<string[]> {
  const settings = await ctx.settings.get<{ tenantNavLayout?: TenantNavLayoutItem[] }>();
  return ctx.resolve<TenantNavLayout>(TENANT_NAV_LAYOUT).seedDefaults(tenant.id, settings.tenantNavLayout ?? DEFAULT_TENANT_NAV_LAYOUT, { actorLabel: 'onboarding: default layout of a new tenant' });
}
