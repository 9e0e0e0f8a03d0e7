import { Secret, Type } from '@platform/sdk';
import { apiUrl, BaseUrl, checkHttpJson, defineMonitor, defineMonitorPlugin, expectShape } from '@platform/sdk/monitors';

/** Acme: `GET /v1/ping` with the API key; healthy when Acme answers `{ "ok": true }`. */
export const acmeMonitor = defineMonitor({
  id: 'acme',
  name: 'Acme API',
  tier: 'core',
  scope: 'platform',
  configSchema: Type.Object({ baseUrl: BaseUrl('https://api.acme.example'), apiKey: Secret(Type.String({ minLength: 1 })) }),
  check: (ctx) =>
    checkHttpJson<{ ok?: boolean; region?: string }>(ctx, {
      url: apiUrl(ctx.config.baseUrl, '/v1/ping'),
      headers: { authorization: `Bearer ${ctx.config.apiKey}` },
      evaluate: (b) => (expectShape(b.ok === true, 'Acme did not answer ok'), `pong from ${b.region ?? 'an unknown region'}`),
    }),
});

export default defineMonitorPlugin(acmeMonitor, { version: '1.0.0', kernel: '^0.1.0' });
