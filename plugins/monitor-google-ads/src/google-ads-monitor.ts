import { apiUrl, BaseUrl, checkHttpJson, defineMonitor, expectShape, requestJson } from '@platform/sdk/monitors';
import { Secret, Type } from '@platform/sdk';

interface TokenResponse {
  access_token?: string;
  expires_in?: number;
}

interface SearchResponse {
  results?: { customer?: { id?: string; descriptiveName?: string; status?: string } }[];
}

const CUSTOMER_QUERY = 'SELECT customer.id, customer.descriptive_name, customer.status FROM customer LIMIT 1';

/**
 * Google Ads, per tenant: an OAuth access token from the tenant's refresh token (cached until it
 * expires), then `googleAds:search` on the tenant's customer. The developer token and OAuth client
 * are usually set platform-wide, the customer and refresh token per tenant.
 */
export const googleAdsMonitor = defineMonitor({
  id: 'google-ads',
  name: 'Google Ads',
  description: "Queries each tenant's customer status",
  tier: 'integrations',
  scope: 'tenant',
  configSchema: Type.Object({
    baseUrl: BaseUrl('https://googleads.googleapis.com'),
    tokenUrl: BaseUrl('https://oauth2.googleapis.com/token', 'OAuth token endpoint'),
    apiVersion: Type.String({ pattern: '^v\\d+$', default: 'v18' }),
    customerId: Type.String({ pattern: '^\\d{3}-?\\d{3}-?\\d{4}$' }),
    loginCustomerId: Type.Optional(Type.String({ pattern: '^\\d{3}-?\\d{3}-?\\d{4}$' })),
    developerToken: Secret(Type.String({ minLength: 1 })),
    clientId: Type.String({ minLength: 1 }),
    clientSecret: Secret(Type.String({ minLength: 1 })),
    refreshToken: Secret(Type.String({ minLength: 1 })),
  }),
  defaultThresholds: { degradedMs: 3000, unhealthyMs: 8000 },
  async check(ctx) {
    const c = ctx.config;
    const accessToken = await ctx.remember('access-token', 50 * 60_000, async () => {
      const { body } = await requestJson<TokenResponse>(ctx, {
        url: c.tokenUrl,
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: c.clientId, client_secret: c.clientSecret, refresh_token: c.refreshToken }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        errorText: (b) => b?.error_description ?? b?.error,
      });
      expectShape(body?.access_token, 'no access_token from the token endpoint');
      return body.access_token;
    });
    const digits = (id: string) => id.replace(/-/g, '');
    return checkHttpJson<SearchResponse>(ctx, {
      url: apiUrl(c.baseUrl, `/${c.apiVersion}/customers/${digits(c.customerId)}/googleAds:search`),
      headers: {
        authorization: `Bearer ${accessToken}`,
        'developer-token': c.developerToken,
        ...(c.loginCustomerId ? { 'login-customer-id': digits(c.loginCustomerId) } : {}),
      },
      body: { query: CUSTOMER_QUERY },
      evaluate(b) {
        const customer = b?.results?.[0]?.customer;
        expectShape(customer?.status, 'no customer');
        const details = { customerStatus: customer.status };
        if (customer.status !== 'ENABLED') return { status: 'unhealthy', message: `customer ${customer.descriptiveName ?? customer.id} is ${customer.status}`, details };
        return { message: `${customer.descriptiveName ?? customer.id}: enabled`, details };
      },
    });
  },
});
