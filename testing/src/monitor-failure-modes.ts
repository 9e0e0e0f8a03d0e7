import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { runMonitorCheck, secretFieldsOf, type MonitorDefinition, type MonitorResult } from '@platform/sdk/monitors';
import type { FakeHttpServer } from '@platform/core/testing';
import { applyThresholds, resolveThresholds } from '@platform/plugin-health';
import { selfSignedCertificate, startHttpsServer, type CertificatePair } from './tls-fixture.ts';

/** Response-time bands the slow case runs under: an operator override, as the console's thresholds editor saves it. */
export const SLOW_CASE_THRESHOLDS = { degradedMs: 150, unhealthyMs: 1500 } as const;
/** How long the slow case holds each answer back: above `degradedMs`, far below `unhealthyMs` and the timeout. */
export const SLOW_CASE_DELAY_MS = 250;

let sharedCertificate: CertificatePair | null = null;
/** One self-signed certificate per test file (openssl takes a few tens of ms). */
function certificate(): CertificatePair {
  return (sharedCertificate ??= selfSignedCertificate(30));
}

/** `config` with every string that starts with `from` pointed at `to` instead (base URLs). */
export function repointConfig(config: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let moved = 0;
  for (const [k, v] of Object.entries(config)) {
    if (typeof v === 'string' && v.startsWith(from)) {
      out[k] = to + v.slice(from.length);
      moved++;
    } else out[k] = v;
  }
  if (moved === 0) throw new Error(`no config value points at the fake server ${from}`);
  return out;
}

/**
 * A plain HTTP proxy in front of `target` that holds every answer back by `delayMs`: the fake API's real
 * (healthy) answers, only slow.
 */
export async function startSlowProxy(target: string, delayMs: number): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (c: Buffer) => body.push(c));
          answer.on('end', () =>
            setTimeout(() => {
              if (res.destroyed) return;
              const headers = { ...answer.headers };
              delete headers['transfer-encoding'];
              delete headers['content-length'];
              delete headers.connection;
              delete headers['keep-alive'];
              res.writeHead(answer.statusCode ?? 502, headers);
              res.end(Buffer.concat(body));
            }, delayMs),
          );
        },
      );
      forward.on('error', (err) => {
        res.statusCode = 502;
        res.end(String(err));
      });
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

type CheckOptions = { tenant?: any };

/**
 * `raw`, the monitor's own verdict on an answer that took at least `delayMs`, must be healthy, and the
 * response-time thresholds the scheduler applies (here an operator override, {@link SLOW_CASE_THRESHOLDS})
 * must make it degraded. Returns the degraded result.
 */
export function expectDegradedBySpeed(monitor: MonitorDefinition<any>, raw: MonitorResult, delayMs = SLOW_CASE_DELAY_MS): MonitorResult {
  expect(raw.status, `slow answer: ${raw.message}`).toBe('healthy');
  expect(raw.responseTimeMs).toBeGreaterThanOrEqual(delayMs - 5);
  expect(raw.responseTimeMs).toBeLessThan(SLOW_CASE_THRESHOLDS.unhealthyMs);
  const slow = applyThresholds(raw, resolveThresholds(monitor.defaultThresholds, SLOW_CASE_THRESHOLDS));
  expect(slow.status).toBe('degraded');
  expect(slow.message).toMatch(new RegExp(`^slow: \\d+ ms \\(degraded above ${SLOW_CASE_THRESHOLDS.degradedMs} ms\\); `));
  return slow;
}

/**
 * Slow but under the timeout: the fake API's own answers, each held back by {@link SLOW_CASE_DELAY_MS}
 * through a proxy, come out degraded. `server`'s handler must answer `config` healthily.
 */
export async function expectSlowAnswerDegraded(monitor: MonitorDefinition<any>, config: Record<string, unknown>, server: Pick<FakeHttpServer, 'url'>, opts: CheckOptions = {}): Promise<MonitorResult> {
  const proxy = await startSlowProxy(server.url, SLOW_CASE_DELAY_MS);
  try {
    const raw = await runMonitorCheck(monitor, repointConfig(config, server.url, proxy.url) as any, { timeoutMs: 2000, tenant: opts.tenant ?? null });
    expectDegradedBySpeed(monitor, raw);
    return raw;
  } finally {
    await proxy.close();
  }
}

/** A self-signed HTTPS endpoint in place of `server`: unhealthy, "TLS error: ...". */
export async function expectTlsError(monitor: MonitorDefinition<any>, config: Record<string, unknown>, server: Pick<FakeHttpServer, 'url'>, opts: CheckOptions = {}): Promise<MonitorResult> {
  const tls = await startHttpsServer(certificate());
  try {
    const untrusted = await runMonitorCheck(monitor, repointConfig(config, server.url, tls.url) as any, { timeoutMs: 3000, tenant: opts.tenant ?? null });
    expect(untrusted.status).toBe('unhealthy');
    expect(untrusted.message).toMatch(/(^|: )TLS error: (DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)/);
    return untrusted;
  } finally {
    await tls.close();
  }
}

/**
 * The failure modes every HTTP API monitor must report, against the monitor's fake API `server` (whose
 * current handler must answer `config` healthily when this is called):
 *
 * - slow but under the timeout: the monitor's own verdict stays healthy, and the health plugin's
 *   response-time thresholds (the ones the scheduler applies) make it degraded;
 * - a self-signed HTTPS endpoint: unhealthy, "TLS error: ...";
 * - a 5xx: unhealthy, "HTTP 503 ...";
 * - a body that is not JSON: unhealthy, "invalid JSON ...";
 * - an answer slower than the timeout: unhealthy, "timed out after ... ms".
 *
 * `config` must point the monitor at `server` (every string setting starting with `server.url` is
 * re-pointed for the slow and TLS cases). The handler is left answering slowly; tests set their own after.
 */
export async function expectHttpFailureModes(monitor: MonitorDefinition<any>, config: Record<string, unknown>, server: FakeHttpServer, opts: CheckOptions = {}): Promise<void> {
  const run = (cfg: Record<string, unknown> = config, timeoutMs = 2000) => runMonitorCheck(monitor, cfg as any, { timeoutMs, tenant: opts.tenant ?? null });
  const results: MonitorResult[] = [];

  results.push(await expectSlowAnswerDegraded(monitor, config, server, opts));
  results.push(await expectTlsError(monitor, config, server, opts));

  server.handle((_req, res) => {
    res.statusCode = 503;
    res.setHeader('content-type', 'application/json');
    res.end('{"error":"service unavailable"}');
  });
  const unavailable = await run();
  expect(unavailable.status).toBe('unhealthy');
  expect(unavailable.message).toMatch(/HTTP 503/);
  results.push(unavailable);

  server.handle((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('{"truncated":');
  });
  const invalid = await run();
  expect(invalid.status).toBe('unhealthy');
  expect(invalid.message).toMatch(/invalid JSON/);
  results.push(invalid);

  server.handle(async (_req, res) => {
    await new Promise((r) => setTimeout(r, 600));
    if (!res.destroyed) res.end('{}');
  });
  const timedOut = await run(config, 150);
  expect(timedOut).toMatchObject({ status: 'unhealthy', message: 'timed out after 150 ms' });
  results.push(timedOut);

  for (const r of results) for (const v of Object.values(config)) if (typeof v === 'string' && /secret|token|key/i.test(v)) expect(JSON.stringify(r)).not.toContain(v);
}

/**
 * Wrong credentials: `server` answers `status` (default 401) with the service's error body; the monitor must
 * report unhealthy with the HTTP status, and no secret setting of `config` may appear in what it reports.
 * The handler is left answering the error; tests set their own after.
 */
export async function expectRejectedCredentials(
  monitor: MonitorDefinition<any>,
  config: Record<string, unknown>,
  server: FakeHttpServer,
  opts: CheckOptions & { status?: number; body?: string } = {},
): Promise<MonitorResult> {
  const status = opts.status ?? 401;
  server.handle((_req, res) => {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.end(opts.body ?? '{"error":"invalid credentials"}');
  });
  const rejected = await runMonitorCheck(monitor, config as any, { timeoutMs: 2000, tenant: opts.tenant ?? null });
  expect(rejected.status).toBe('unhealthy');
  expect(rejected.message).toContain(`HTTP ${status}`);
  for (const field of secretFieldsOf(monitor.configSchema)) {
    const value = config[field];
    if (typeof value === 'string' && value.length >= 4) expect(JSON.stringify(rejected)).not.toContain(value);
  }
  return rejected;
}
