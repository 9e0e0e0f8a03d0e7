import { apiUrl, BaseUrl, checkHttpJson, defineMonitor, expectShape } from '@platform/sdk/monitors';
import { Secret, Type } from '@platform/sdk';

/** Inngest: `GET /v1/events?limit=1` on the REST API with the signing key. */
export const inngestMonitor = defineMonitor({
  id: 'inngest',
  name: 'Inngest',
  description: 'Reads the latest event through the REST API',
  tier: 'core',
  scope: 'platform',
  configSchema: Type.Object({ baseUrl: BaseUrl('https://api.inngest.com'), signingKey: Secret(Type.String({ minLength: 1 })) }),
  defaultThresholds: { degradedMs: 2000, unhealthyMs: 5000 },
  check: (ctx) =>
    checkHttpJson<{ data?: { name?: string; received_at?: string }[] }>(ctx, {
      url: apiUrl(ctx.config.baseUrl, '/v1/events?limit=1'),
      headers: { authorization: `Bearer ${ctx.config.signingKey}` },
      evaluate(b) {
        expectShape(Array.isArray(b?.data), 'no event list');
        return { message: 'events API reachable', details: { latestEventAt: b.data[0]?.received_at ?? null } };
      },
    }),
});
