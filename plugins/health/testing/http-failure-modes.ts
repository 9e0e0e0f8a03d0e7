import { expect } from 'vitest';
import { runMonitorCheck, type MonitorDefinition } from '@platform/sdk';
import type { FakeHttpServer } from '@platform/sdk/testing';

/**
 * The failure modes every HTTP API monitor must report as unhealthy: a 5xx, a body that is not JSON, and
 * an answer slower than the timeout. `config` must point the monitor at `server`.
 */
export async function expectHttpFailureModes(monitor: MonitorDefinition<any>, config: Record<string, unknown>, server: FakeHttpServer, opts: { tenant?: any } = {}): Promise<void> {
  const run = (timeoutMs = 2000) => runMonitorCheck(monitor, config as any, { timeoutMs, tenant: opts.tenant ?? null });

  server.handle((_req, res) => {
    res.statusCode = 503;
    res.setHeader('content-type', 'application/json');
    res.end('{"error":"service unavailable"}');
  });
  const unavailable = await run();
  expect(unavailable.status).toBe('unhealthy');
  expect(unavailable.message).toMatch(/HTTP 503/);

  server.handle((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('{"truncated":');
  });
  const invalid = await run();
  expect(invalid.status).toBe('unhealthy');
  expect(invalid.message).toMatch(/invalid JSON/);

  server.handle(async (_req, res) => {
    await new Promise((r) => setTimeout(r, 600));
    if (!res.destroyed) res.end('{}');
  });
  const slow = await run(150);
  expect(slow).toMatchObject({ status: 'unhealthy', message: 'timed out after 150 ms' });

  for (const r of [unavailable, invalid, slow]) for (const v of Object.values(config)) if (typeof v === 'string' && /secret|token|key/i.test(v)) expect(JSON.stringify(r)).not.toContain(v);
}
