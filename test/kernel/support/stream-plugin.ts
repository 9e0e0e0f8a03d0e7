import { definePlugin, openEventStream } from '@platform/sdk';

/** A tenant route serving a server-sent events stream that stays open until the client leaves, and a plain one. */
export const streamPlugin = definePlugin({
  name: 'stream-fixture',
  version: '1.0.0',
  kernel: '^0.1.0',
  permissions: [{ key: 'stream_fixture.use', label: 'Use the stream fixture', scope: 'tenant', grantTo: ['admin', 'tenant_admin', 'tenant_member'] }],
  boot(ctx) {
    ctx.routes.add({
      method: 'GET',
      url: '/live',
      traffic: 'stream',
      permission: 'stream_fixture.use',
      handler: async (req, reply) => {
        const stream = openEventStream(req, reply);
        stream.send('ready', { tenantId: req.ctx.tenantId });
      },
    });
    ctx.routes.add({ method: 'GET', url: '/ping', permission: 'stream_fixture.use', handler: async () => ({ ok: true }) });
  },
});
