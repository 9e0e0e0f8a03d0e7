import { apiUrl, BaseUrl, checkHttpJson, defineMonitor, expectShape, type MonitorStatus } from '@platform/sdk/monitors';
import { Secret, Type } from '@platform/sdk';

/** Graph API `account_status` codes and what they mean for delivery. */
export const META_ACCOUNT_STATUS: Record<number, { name: string; status: MonitorStatus }> = {
  1: { name: 'active', status: 'healthy' },
  2: { name: 'disabled', status: 'unhealthy' },
  3: { name: 'unsettled', status: 'degraded' },
  7: { name: 'pending risk review', status: 'degraded' },
  8: { name: 'pending settlement', status: 'degraded' },
  9: { name: 'in grace period', status: 'degraded' },
  100: { name: 'pending closure', status: 'unhealthy' },
  101: { name: 'closed', status: 'unhealthy' },
  201: { name: 'any active', status: 'healthy' },
  202: { name: 'any closed', status: 'unhealthy' },
};

interface AdAccount {
  id?: string;
  name?: string;
  account_status?: number;
  currency?: string;
}

/** Meta Ads, per tenant: `GET /<version>/act_<id>?fields=name,account_status,currency` on the Graph API. */
export const metaAdsMonitor = defineMonitor({
  id: 'meta-ads',
  name: 'Meta Ads',
  description: "Reads each tenant's ad account status",
  tier: 'integrations',
  scope: 'tenant',
  configSchema: Type.Object({
    baseUrl: BaseUrl('https://graph.facebook.com'),
    apiVersion: Type.String({ pattern: '^v\\d+\\.\\d+$', default: 'v21.0' }),
    adAccountId: Type.String({ pattern: '^(act_)?\\d+$' }),
    accessToken: Secret(Type.String({ minLength: 1 })),
  }),
  defaultThresholds: { degradedMs: 2000, unhealthyMs: 5000 },
  check: (ctx) =>
    checkHttpJson<AdAccount>(ctx, {
      url: apiUrl(ctx.config.baseUrl, `/${ctx.config.apiVersion}/act_${ctx.config.adAccountId.replace(/^act_/, '')}?fields=name,account_status,currency`),
      headers: { authorization: `Bearer ${ctx.config.accessToken}` },
      evaluate(b) {
        expectShape(typeof b?.account_status === 'number', 'no account_status');
        const known = META_ACCOUNT_STATUS[b.account_status] ?? { name: `status ${b.account_status}`, status: 'degraded' as const };
        return { status: known.status, message: `${b.name ?? b.id}: ${known.name}`, details: { accountStatus: b.account_status, currency: b.currency ?? null } };
      },
    }),
});
