import { apiUrl, BaseUrl, checkHttpJson, defineMonitor, expectShape } from '@platform/sdk/monitors';
import { Secret, Type } from '@platform/sdk';

type WiseProfiles = { id: number; type: string }[];

/** Wise: `GET /v2/profiles` with the API token. */
export const wiseMonitor = defineMonitor({
  id: 'wise',
  name: 'Wise',
  description: 'Lists the profiles the API token can use',
  tier: 'integrations',
  scope: 'platform',
  configSchema: Type.Object({ baseUrl: BaseUrl('https://api.wise.com', 'https://api.sandbox.transferwise.tech for the sandbox'), apiToken: Secret(Type.String({ minLength: 1 })) }),
  defaultThresholds: { degradedMs: 2000, unhealthyMs: 5000 },
  check: (ctx) =>
    checkHttpJson<WiseProfiles>(ctx, {
      url: apiUrl(ctx.config.baseUrl, '/v2/profiles'),
      headers: { authorization: `Bearer ${ctx.config.apiToken}` },
      evaluate(b) {
        expectShape(Array.isArray(b), 'no profile list');
        const types = b.map((p) => String(p.type).toLowerCase());
        if (b.length === 0) return { status: 'degraded', message: 'the token has no profile', details: { profiles: 0 } };
        return { message: `${b.length} profile${b.length === 1 ? '' : 's'} (${[...new Set(types)].join(', ')})`, details: { profiles: b.length, types } };
      },
    }),
});
