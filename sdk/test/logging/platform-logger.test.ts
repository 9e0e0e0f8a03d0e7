import { afterEach, describe, expect, it } from 'vitest';
import { CENSOR, createStandaloneLogger, logTimestamp, runInLogScope, type LogEntry, type LogPipeline } from '@platform/sdk';

const opened: LogPipeline[] = [];
async function capture(fn: (log: ReturnType<typeof createStandaloneLogger>['logger']) => void, opts = {}): Promise<LogEntry[]> {
  const { logger, pipeline } = createStandaloneLogger({ flushIntervalMs: 60_000, ...opts }, { service: 'shop' });
  opened.push(pipeline);
  const got: LogEntry[] = [];
  pipeline.addSink({ name: 'mem', minLevel: 'debug', write: (e) => void got.push(...e) });
  fn(logger);
  await pipeline.flush();
  return got;
}
afterEach(async () => {
  for (const p of opened.splice(0)) await p.close();
});

describe('PlatformLogger', () => {
  it('builds the LogEntry shape from pino-style calls', async () => {
    const [a, b, c, d] = await capture((log) => {
      log.info('started');
      log.info({ action: 'order.placed', orderId: 7 }, 'order placed');
      log.error({ err: Object.assign(new TypeError('boom'), { code: 'E_BOOM' }), orderId: 8 }, 'payment failed');
      log.warn(new RangeError('too far'));
    });
    expect(a).toMatchObject({ level: 'info', service: 'shop', action: 'log', message: 'started', data: {}, error: null, tenantId: null, requestId: null });
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(a.timestamp)).not.toBeNaN();
    expect(b).toMatchObject({ action: 'order.placed', message: 'order placed', data: { orderId: 7 } });
    expect(c).toMatchObject({ level: 'error', message: 'payment failed', data: { orderId: 8 }, error: { type: 'TypeError', message: 'boom', code: 'E_BOOM' } });
    expect(c.error!.stack).toContain('TypeError: boom');
    expect(d).toMatchObject({ level: 'warn', message: 'too far', error: { type: 'RangeError' } });
  });

  it('carries the open request scope without the caller passing it; explicit bindings win', async () => {
    const lines = await capture((log) => {
      runInLogScope({ requestId: 'req-1', tenantId: 't-1', tenantSlug: 'acme', userId: 'u-1' }, () => {
        log.info('in request');
        log.child({ tenantId: 't-2', action: 'sync' }).info('rebound');
      });
      log.info('outside');
    });
    expect(lines[0]).toMatchObject({ requestId: 'req-1', tenantId: 't-1', tenantSlug: 'acme', userId: 'u-1' });
    expect(lines[1]).toMatchObject({ requestId: 'req-1', tenantId: 't-2', action: 'sync' });
    expect(lines[2]).toMatchObject({ requestId: null, tenantId: null });
  });

  it('keeps the scope across awaits inside the request', async () => {
    const lines = await capture(() => undefined);
    const { logger, pipeline } = createStandaloneLogger({ flushIntervalMs: 60_000 });
    opened.push(pipeline);
    const got: LogEntry[] = [];
    pipeline.addSink({ name: 'mem', minLevel: 'debug', write: (e) => void got.push(...e) });
    await runInLogScope({ requestId: 'r-9', tenantId: null, tenantSlug: null, userId: null }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      logger.info('after await');
    });
    await pipeline.flush();
    expect(lines).toEqual([]);
    expect(got[0].requestId).toBe('r-9');
  });

  it('child bindings: plugin/service, other keys into data', async () => {
    const [line] = await capture((log) => log.child({ plugin: 'billing', region: 'eu' }).info({ n: 1 }, 'x'));
    expect(line).toMatchObject({ service: 'billing', data: { region: 'eu', n: 1 } });
  });

  it('redacts secrets in data and message, and copies data at call time', async () => {
    const order = { id: 1, card: { number: '4242', cvv: '123' }, note: 'token=abc123456' };
    const [line] = await capture((log) => {
      log.info({ order, password: 'p' }, 'auth with Bearer abcdefghijkl');
      order.id = 2;
    });
    expect(line.data).toEqual({ order: { id: 1, card: { number: '4242', cvv: CENSOR }, note: `token=${CENSOR}` }, password: CENSOR });
    expect(line.message).toBe(`auth with Bearer ${CENSOR}`);
  });
});

describe('logTimestamp', () => {
  it('is ISO 8601 with microseconds, strictly increasing', () => {
    const stamps = Array.from({ length: 2000 }, () => logTimestamp());
    for (const s of stamps) expect(s).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    for (let i = 1; i < stamps.length; i++) expect(stamps[i] > stamps[i - 1]).toBe(true);
    expect(Math.abs(Date.parse(stamps[0]) - Date.now())).toBeLessThan(1000);
  });
});
