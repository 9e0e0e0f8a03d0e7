// `create-plugin alert-channel <name>`: one alert channel as a plugin, and a test against a fake receiver.
export const alertChannelTemplate = ({ id, title, camel }) => ({
  'src/index.ts': `import { Secret, Type } from '@platform/sdk';
import { defineAlertChannel, defineAlertChannelPlugin, describeAlert, postJson } from '@platform/sdk/alert-channels';

/** ${title}: POSTs \`{ text, kind, fingerprint }\` with a bearer token. */
export const ${camel}Channel = defineAlertChannel({
  id: '${id}',
  name: '${title}',
  configSchema: Type.Object({ url: Type.String({ pattern: '^https?://\\\\S+$' }), token: Secret(Type.String({ minLength: 1 })) }),
  handles: ['firing', 'repeat', 'acknowledged', 'resolved'],
  send: (ctx, n) => postJson(ctx, ctx.config.url, { text: describeAlert(n), kind: n.kind, fingerprint: n.fingerprint }, { authorization: \`Bearer \${ctx.config.token}\` }),
});

export default defineAlertChannelPlugin(${camel}Channel, { version: '0.1.0', kernel: '^0.1.0' });
`,
  'test/channel.test.ts': `import { afterAll, expect, it } from 'vitest';
import { attemptAlertDelivery, exampleAlertNotification } from '@platform/sdk/alert-channels';
import { startFakeHttpServer } from '@platform/testing';
import { ${camel}Channel } from '../src/index.ts';

const receiver = await startFakeHttpServer((_req, res) => void res.end('ok'));
afterAll(() => receiver.close());

it('sends each notification kind to the receiver', async () => {
  for (const kind of ['firing', 'repeat', 'acknowledged', 'resolved'] as const) {
    const result = await attemptAlertDelivery(${camel}Channel, { url: receiver.url, token: 't-1' }, exampleAlertNotification({ kind }));
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(receiver.requests.at(-1)).toMatchObject({ method: 'POST', headers: { authorization: 'Bearer t-1' } });
    expect(receiver.requests.at(-1)!.json()).toMatchObject({ kind });
  }
});
`,
});
