import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { definePlugin, type LogEntry, type LogSink, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { createConsoleSink, formatPretty } from '../../core/src/logging/console-sink.ts';

/** The logger every plugin gets: request scope, Fastify's own lines, pino level, flush on close. */
describe('kernel logging', () => {
  const lines: LogEntry[] = [];
  const sink: LogSink = { name: 'memory', minLevel: 'info', write: (e) => void lines.push(...e) };
  let ctx!: PluginContext;
  let stoppingSeen = false;
  const probe = definePlugin({
    name: 'probe',
    version: '1.0.0',
    kernel: '^0.1.0',
    permissions: [{ key: 'probe.use', label: 'Use the probe', scope: 'tenant', grantTo: ['tenant_admin'] }],
    boot(c) {
      ctx = c;
      c.logging.addSink(sink);
      c.logger.info({ phase: 'boot' }, 'probe booted');
      c.http.onClosing(() => {
        stoppingSeen = true;
      });
      c.routes.add({
        method: 'POST',
        url: '/work',
        permission: 'probe.use',
        async handler(req: PlatformRequest<{ Body: { n: number } }>) {
          await new Promise((r) => setTimeout(r, 2));
          c.logger.info({ action: 'probe.work', n: req.body.n, token: 'secret-token-value' }, 'working');
          req.log.warn('a pino line from the handler');
          return { ok: true };
        },
      });
    },
  });
  let t: TestKernel;

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [probe] });
  });
  afterAll(async () => t?.close());

  it('binds lines to the request (tenant, user, request id) without the caller passing them; redacts secrets', async () => {
    const admin = await t.signIn({ role: 'tenant_admin', tenant: 'acme' });
    const res = await admin.inject({ method: 'POST', url: '/api/probe/work', payload: { n: 3 } });
    expect(res.statusCode, res.body).toBe(200);
    await ctx.logging.flush();
    const requestId = res.headers['x-request-id'];
    const work = lines.find((l) => l.action === 'probe.work')!;
    expect(work).toMatchObject({ service: 'probe', level: 'info', requestId, tenantId: admin.tenant!.id, tenantSlug: 'acme', userId: admin.userId, data: { n: 3, token: '[redacted]' } });
    const boot = lines.find((l) => l.message === 'probe booted')!;
    expect(boot).toMatchObject({ service: 'probe', requestId: null, tenantId: null, data: { phase: 'boot' } });
  });

  it("sends Fastify's own pino lines through the same pipeline, in the request's scope", async () => {
    const admin = await t.signIn({ role: 'tenant_admin', tenant: 'acme' });
    const res = await admin.inject({ method: 'POST', url: '/api/probe/work', payload: { n: 4 } });
    await ctx.logging.flush();
    const mine = lines.filter((l) => l.requestId === res.headers['x-request-id']);
    expect(mine.find((l) => l.message === 'a pino line from the handler')).toMatchObject({ service: 'http', level: 'warn', tenantSlug: 'acme' });
    expect(mine.find((l) => l.action === 'http.response')).toMatchObject({
      service: 'http', level: 'info', tenantSlug: 'acme', userId: admin.userId, message: expect.stringMatching(/^POST \/api\/probe\/work 200 \d+ ms$/),
      data: { res: { statusCode: 200, method: 'POST', url: '/api/probe/work', route: '/api/probe/work' } },
    });
  });

  it("keeps Fastify's pino level at the lowest level any sink keeps", async () => {
    expect(t.kernel.app.log.level).toBe('info'); // console at `error` (tests), memory sink at `info`
    const off = ctx.logging.addSink({ name: 'debugging', minLevel: 'debug', write: () => undefined });
    expect(t.kernel.app.log.level).toBe('debug');
    off();
    expect(t.kernel.app.log.level).toBe('info');
  });

  it('writes what is still buffered on close, after telling long-lived responses to end', async () => {
    ctx.logger.warn({ action: 'probe.last' }, 'last words');
    expect(lines.some((l) => l.action === 'probe.last')).toBe(false); // batched, not written on the caller's path
    await t.close();
    expect(stoppingSeen).toBe(true);
    expect(lines.some((l) => l.action === 'probe.last')).toBe(true);
  });
});

describe('console sink', () => {
  const entry: LogEntry = {
    id: 'i', timestamp: '2025-01-31T12:34:56.789Z', level: 'error', tenantId: 't', tenantSlug: 'acme', userId: null, requestId: 'r1', service: 'shop', action: 'order.pay',
    message: 'payment failed', data: { orderId: 7 }, error: { type: 'PaymentError', message: 'declined', stack: 'PaymentError: declined\n    at pay (pay.ts:1:1)', code: null },
  };

  it('writes JSON lines, or readable text for a terminal', () => {
    let out = '';
    createConsoleSink({ level: 'info', format: 'json', out: { write: (s: string) => (out += s) } }).write([entry, { ...entry, level: 'info' }]);
    expect(out.trim().split('\n').map((l) => JSON.parse(l).level)).toEqual(['error', 'info']);
    expect(formatPretty(entry)).toBe('12:34:56.789 ERROR [shop] (order.pay) payment failed {"orderId":7}  tenant=acme req=r1\n    PaymentError: declined\n        at pay (pay.ts:1:1)');
  });
});
