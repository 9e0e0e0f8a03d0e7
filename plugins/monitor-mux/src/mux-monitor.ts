import { apiUrl, basicAuth, BaseUrl, checkHttpJson, defineMonitor, expectShape } from '@platform/sdk/monitors';
import { Secret, Type } from '@platform/sdk';

/** Mux Video: `GET /video/v1/assets?limit=1` with the access token id and secret. */
export const muxMonitor = defineMonitor({
  id: 'mux',
  name: 'Mux',
  description: 'Lists video assets',
  tier: 'external',
  scope: 'platform',
  configSchema: Type.Object({ baseUrl: BaseUrl('https://api.mux.com'), tokenId: Type.String({ minLength: 1 }), tokenSecret: Secret(Type.String({ minLength: 1 })) }),
  defaultThresholds: { degradedMs: 2000, unhealthyMs: 5000 },
  check: (ctx) =>
    checkHttpJson<{ data?: unknown[] }>(ctx, {
      url: apiUrl(ctx.config.baseUrl, '/video/v1/assets?limit=1'),
      headers: { authorization: basicAuth(ctx.config.tokenId, ctx.config.tokenSecret) },
      errorText: (b) => b?.error?.messages?.[0] ?? b?.error?.type,
      evaluate(b) {
        expectShape(Array.isArray(b?.data), 'no asset list');
        return 'video API reachable';
      },
    }),
});
