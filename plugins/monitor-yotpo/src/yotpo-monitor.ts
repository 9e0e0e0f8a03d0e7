import { apiUrl, BaseUrl, checkHttpJson, CheckFailure, defineMonitor, expectShape, requestJson } from '@platform/sdk/monitors';
import { Secret, Type } from '@platform/sdk';

interface Reviews {
  status?: { code: number; message: string };
  reviews?: unknown[];
  response?: { reviews?: unknown[] };
}

/** Yotpo: a utoken from `POST /oauth/token` (client credentials, cached), then `GET /v1/apps/<app_key>/reviews`. */
export const yotpoMonitor = defineMonitor({
  id: 'yotpo',
  name: 'Yotpo',
  description: 'Gets a utoken and reads reviews',
  tier: 'external',
  scope: 'platform',
  configSchema: Type.Object({ baseUrl: BaseUrl('https://api.yotpo.com'), appKey: Type.String({ minLength: 1 }), secretKey: Secret(Type.String({ minLength: 1 })) }),
  defaultThresholds: { degradedMs: 2000, unhealthyMs: 5000 },
  async check(ctx) {
    const { baseUrl, appKey, secretKey } = ctx.config;
    const utoken = await ctx.remember('utoken', 60 * 60_000, async () => {
      const { body } = await requestJson<{ access_token?: string }>(ctx, {
        url: apiUrl(baseUrl, '/oauth/token'),
        body: { client_id: appKey, client_secret: secretKey, grant_type: 'client_credentials' },
        errorText: (b) => b?.error_description ?? b?.error ?? b?.status?.message,
      });
      expectShape(body?.access_token, 'no access_token');
      return body.access_token;
    });
    return checkHttpJson<Reviews>(ctx, {
      url: apiUrl(baseUrl, `/v1/apps/${encodeURIComponent(appKey)}/reviews?count=1&utoken=${encodeURIComponent(utoken)}`),
      errorText: (b) => b?.status?.message,
      evaluate(b) {
        if (b?.status && b.status.code !== 200) throw new CheckFailure(`Yotpo answered ${b.status.code}: ${b.status.message}`);
        expectShape(Array.isArray(b?.reviews ?? b?.response?.reviews), 'no reviews list');
        return 'reviews API reachable';
      },
    });
  },
});
