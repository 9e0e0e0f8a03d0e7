import { definePlugin, Type, type LogLevel, type PlatformRequest, type PluginContext } from '@platform/sdk';

export interface LogFixture {
  plugin: ReturnType<typeof definePlugin>;
  /** Writes everything buffered to the sinks (storage included). */
  flush(): Promise<void>;
  context(): PluginContext;
}

interface WriteBody {
  level: LogLevel;
  message: string;
  action?: string;
  data?: Record<string, unknown>;
  error?: { type: string; message: string };
}

/**
 * A plugin that logs what a test asks, through `ctx.logger`, during a request, so lines carry the
 * request's tenant, user and request id (`POST /api/shop/log`). `GET /api/shop/boom` throws.
 */
export function createLogFixture(name = 'shop'): LogFixture {
  let ctxRef: PluginContext | null = null;
  const plugin = definePlugin({
    name,
    version: '1.0.0',
    kernel: '^0.1.0',
    permissions: [{ key: `${name}.use`, label: 'Use the shop', scope: 'tenant', grantTo: ['admin', 'tenant_admin', 'tenant_member'] }],
    boot(ctx) {
      ctxRef = ctx;
      ctx.routes.add({
        method: 'POST',
        url: '/log',
        permission: `${name}.use`,
        schema: { body: Type.Object({ lines: Type.Array(Type.Any()) }) },
        async handler(req: PlatformRequest<{ Body: { lines: WriteBody[] } }>) {
          for (const l of req.body.lines) {
            const err = l.error ? Object.assign(new Error(l.error.message), { name: l.error.type }) : undefined;
            ctx.logger[l.level]({ ...(l.data ?? {}), ...(l.action ? { action: l.action } : {}), ...(err ? { err } : {}) }, l.message);
          }
          return { requestId: req.ctx.requestId };
        },
      });
      ctx.routes.add({
        method: 'GET',
        url: '/boom',
        permission: `${name}.use`,
        async handler() {
          throw new TypeError(`Cannot read properties of undefined (reading 'sku') for order ${Math.floor(Math.random() * 1e6)}`);
        },
      });
    },
  });
  return {
    plugin,
    flush: () => ctxRef!.logging.flush(),
    context: () => ctxRef!,
  };
}
