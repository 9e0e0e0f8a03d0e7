import { definePlugin, Type, type PlatformRequest } from '@platform/sdk';

/**
 * Bench fixture, loaded by path from a platform process's config: `POST /api/bench-events/emit` writes
 * `count` durable events `name` in one transaction, payload `{ seq, phones: [one number] }` for seq = from .. from+count-1.
 */
export default definePlugin({
  name: 'bench-events',
  version: '1.0.0',
  description: 'Bench fixture: emits durable events on request',
  kernel: '^0.1.0',
  scope: 'platform',
  permissions: [{ key: 'bench-events.emit', label: 'Emit bench events', scope: 'platform', grantTo: ['admin'] }],
  boot(ctx) {
    ctx.routes.add({
      method: 'POST',
      url: '/emit',
      permission: 'bench-events.emit',
      tenantScoped: false,
      schema: { body: Type.Object({ name: Type.String(), from: Type.Integer({ minimum: 0 }), count: Type.Integer({ minimum: 1, maximum: 10_000 }) }) },
      handler: async (req: PlatformRequest<{ Body: { name: string; from: number; count: number } }>) => {
        const { name, from, count } = req.body;
        await ctx.db.system().transactional(async (em) => {
          for (let seq = from; seq < from + count; seq++) {
            await ctx.events.emitDurable(em, name, { seq, phones: [`+1415555${String(seq % 10_000).padStart(4, '0')}`] });
          }
        });
        return { emitted: count };
      },
    });
  },
});
