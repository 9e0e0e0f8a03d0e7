// `create-plugin monitor <name>`: one monitor as a plugin, and a test against a fake API.
export const monitorTemplate = ({ id, title, camel }) => ({
  'src/index.ts': `import { Secret, Type } from '@platform/sdk';
import { apiUrl, BaseUrl, checkHttpJson, defineMonitor, defineMonitorPlugin, expectShape } from '@platform/sdk/monitors';

/** ${title}: \`GET /v1/ping\` with the API key; healthy when it answers \`{ "ok": true }\`. */
export const ${camel}Monitor = defineMonitor({
  id: '${id}',
  name: '${title}',
  tier: 'core',
  scope: 'platform',
  configSchema: Type.Object({ baseUrl: BaseUrl('https://api.${id}.example'), apiKey: Secret(Type.String({ minLength: 1 })) }),
  check: (ctx) =>
    checkHttpJson<{ ok?: boolean }>(ctx, {
      url: apiUrl(ctx.config.baseUrl, '/v1/ping'),
      headers: { authorization: \`Bearer \${ctx.config.apiKey}\` },
      evaluate: (b) => (expectShape(b.ok === true, 'did not answer ok'), 'pong'),
    }),
});

export default defineMonitorPlugin(${camel}Monitor, { version: '0.1.0', kernel: '^0.1.0' });
`,
  'test/monitor.test.ts': `import { afterAll, expect, it } from 'vitest';
import { SECRET_MASK, startFakeHttpServer, startMonitorHarness } from '@platform/testing';
import plugin from '../src/index.ts';

const api = await startFakeHttpServer((req, res) => {
  res.statusCode = req.headers.authorization === 'Bearer key-1' ? 200 : 401;
  res.end(JSON.stringify({ ok: res.statusCode === 200 }));
});
const h = await startMonitorHarness(plugin);
afterAll(async () => (await h.close(), await api.close()));

it('is healthy when the API answers, and never shows the key', async () => {
  await h.configure({ baseUrl: api.url, apiKey: 'key-1' });
  expect(await h.check('${id}')).toMatchObject({ status: 'healthy', message: 'pong' });
  expect((await h.t.inject('/api/plugins/monitor-${id}/settings')).json().values.apiKey).toBe(SECRET_MASK);
});
`,
});
