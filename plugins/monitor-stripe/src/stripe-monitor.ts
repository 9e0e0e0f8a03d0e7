import { apiUrl, BaseUrl, checkHttpJson, defineMonitor, expectShape } from '@platform/sdk/monitors';
import { Secret, Type } from '@platform/sdk';

interface StripeBalance {
  object?: string;
  livemode?: boolean;
  available?: { amount: number; currency: string }[];
}

/** Stripe: `GET /v1/balance` with the secret key. */
export const stripeMonitor = defineMonitor({
  id: 'stripe',
  name: 'Stripe',
  description: 'Retrieves the account balance',
  tier: 'core',
  scope: 'platform',
  configSchema: Type.Object({ baseUrl: BaseUrl('https://api.stripe.com'), secretKey: Secret(Type.String({ minLength: 1 })) }),
  defaultThresholds: { degradedMs: 2000, unhealthyMs: 5000 },
  check: (ctx) =>
    checkHttpJson<StripeBalance>(ctx, {
      url: apiUrl(ctx.config.baseUrl, '/v1/balance'),
      headers: { authorization: `Bearer ${ctx.config.secretKey}` },
      evaluate(b) {
        expectShape(b?.object === 'balance' && Array.isArray(b.available), 'not a balance object');
        return { message: `balance available in ${b.available.length} currencies`, details: { livemode: b.livemode ?? null, currencies: b.available.map((a) => a.currency) } };
      },
    }),
});
