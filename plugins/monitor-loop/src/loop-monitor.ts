import { apiUrl, BaseUrl, checkHttpJson, defineMonitor } from '@platform/sdk/monitors';
import { Secret, Type } from '@platform/sdk';

/** Loop Returns: the detailed returns list for the last hour, with the API key in `X-Authorization`. */
export const loopMonitor = defineMonitor({
  id: 'loop',
  name: 'Loop Returns',
  description: 'Lists recent returns',
  tier: 'external',
  scope: 'platform',
  configSchema: Type.Object({ baseUrl: BaseUrl('https://api.loopreturns.com'), apiKey: Secret(Type.String({ minLength: 1 })) }),
  defaultThresholds: { degradedMs: 2000, unhealthyMs: 5000 },
  check(ctx) {
    const to = new Date();
    const from = new Date(to.getTime() - 3600_000);
    const fmt = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');
    const query = new URLSearchParams({ from: fmt(from), to: fmt(to), paginate: 'true', pageSize: '1' });
    return checkHttpJson<unknown>(ctx, {
      url: apiUrl(ctx.config.baseUrl, `/api/v1/warehouse/return/list?${query}`),
      headers: { 'x-authorization': ctx.config.apiKey },
      evaluate(b) {
        const list = Array.isArray(b) ? b : Array.isArray((b as { returns?: unknown[] })?.returns) ? (b as { returns: unknown[] }).returns : null;
        return { message: 'returns API reachable', details: { returnsLastHour: list?.length ?? null } };
      },
    });
  },
});
