import { Secret, Type, type PluginContext } from '@platform/sdk';

/**
 * The wizard's platform settings (staff set them under Plugins → onboarding): the Shopify app, the Stripe
 * Connect platform and the external services' base URLs (local fakes in tests). Merged into the onboarding
 * plugin's settings object by `src/index.ts`.
 */
export const WIZARD_SETTINGS_PROPERTIES = {
  shopifyBaseUrl: Type.String({ default: 'https://{shop}', maxLength: 500, description: 'Shopify base URL; {shop} becomes the shop domain' }),
  shopifyApiVersion: Type.String({ default: '2024-10', pattern: '^[0-9]{4}-[0-9]{2}$' }),
  shopifyApiKey: Type.String({ default: '', maxLength: 200, description: "The Shopify app's client id" }),
  shopifyApiSecret: Secret(Type.String({ default: '', maxLength: 200, description: "The Shopify app's client secret" })),
  stripeConnectBaseUrl: Type.String({ default: 'https://connect.stripe.com', maxLength: 500 }),
  stripeConnectClientId: Type.String({ default: '', maxLength: 200, description: 'Stripe Connect client id (ca_...)' }),
  stripeSecretKey: Secret(Type.String({ default: '', maxLength: 200, description: "The platform's Stripe secret key" })),
  wiseBaseUrl: Type.String({ default: '', maxLength: 500, description: 'https://api.transferwise.com (or the sandbox, https://api.sandbox.transferwise.tech); empty: Wise is not offered' }),
  importPageSize: Type.Integer({ default: 50, minimum: 1, maximum: 250 }),
};

export interface WizardSettings {
  shopifyBaseUrl: string;
  shopifyApiVersion: string;
  shopifyApiKey: string;
  shopifyApiSecret: string;
  stripeConnectBaseUrl: string;
  stripeConnectClientId: string;
  stripeSecretKey: string;
  wiseBaseUrl: string;
  importPageSize: number;
}

const DEFAULTS: WizardSettings = {
  shopifyBaseUrl: 'https://{shop}',
  shopifyApiVersion: '2024-10',
  shopifyApiKey: '',
  shopifyApiSecret: '',
  stripeConnectBaseUrl: 'https://connect.stripe.com',
  stripeConnectClientId: '',
  stripeSecretKey: '',
  wiseBaseUrl: '',
  importPageSize: 50,
};

/** The platform-level wizard settings, defaults filled in. */
export async function wizardSettings(ctx: PluginContext): Promise<WizardSettings> {
  const values = await ctx.settings.get<Partial<WizardSettings>>();
  const merged = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as (keyof WizardSettings)[]) {
    const v = values[key];
    if (v !== undefined && v !== null && v !== '') (merged as Record<string, unknown>)[key] = v;
  }
  return merged;
}
