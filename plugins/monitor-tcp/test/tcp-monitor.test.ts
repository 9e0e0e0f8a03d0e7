import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { runMonitorCheck } from '@platform/sdk/monitors';
import { startMonitorHarness, type MonitorHarness } from '@platform/plugin-health/testing';
import { expectDegradedBySpeed, SLOW_CASE_DELAY_MS } from '@platform/plugin-health/testing/http-failure-modes';
import tcpPlugin, { tcpMonitor } from '../src/index.ts';

describe('TCP monitor', () => {
  let server: net.Server;
  let port: number;
  let h: MonitorHarness;
  beforeAll(async () => {
    server = net.createServer((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    h = await startMonitorHarness(tcpPlugin);
  });
  afterAll(async () => {
    await h?.close();
    server?.close();
  });

  it('connects and checks the banner', async () => {
    await h.configure({ host: '127.0.0.1', port, expectBanner: 'SSH-2.0' });
    const view = await h.check('tcp');
    expect(view).toMatchObject({ status: 'healthy', message: `127.0.0.1:${port} accepts connections`, details: { banner: 'SSH-2.0-OpenSSH_9.6\r\n' } });
  });

  it('is unhealthy on a wrong banner, a refused connection and a timeout', async () => {
    expect(await runMonitorCheck(tcpMonitor, { host: '127.0.0.1', port, expectBanner: 'SMTP' }, { timeoutMs: 2000 })).toMatchObject({ status: 'unhealthy' });
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(await runMonitorCheck(tcpMonitor, { host: '127.0.0.1', port: closedPort }, { timeoutMs: 2000 })).toMatchObject({ status: 'unhealthy', message: `127.0.0.1:${closedPort}: connection refused` });
    const mute = net.createServer(() => undefined);
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', r));
    try {
      const r = await runMonitorCheck(tcpMonitor, { host: '127.0.0.1', port: (mute.address() as AddressInfo).port, expectBanner: 'hello' }, { timeoutMs: 150 });
      expect(r).toMatchObject({ status: 'unhealthy', message: 'timed out after 150 ms' });
    } finally {
      mute.close();
    }
  });

  it('is degraded by the response-time thresholds when the banner comes slowly', async () => {
    const sluggish = net.createServer((socket) => void setTimeout(() => !socket.destroyed && socket.end('SSH-2.0-OpenSSH_9.6\r\n'), SLOW_CASE_DELAY_MS));
    await new Promise<void>((r) => sluggish.listen(0, '127.0.0.1', r));
    try {
      const r = await runMonitorCheck(tcpMonitor, { host: '127.0.0.1', port: (sluggish.address() as AddressInfo).port, expectBanner: 'SSH-2.0' }, { timeoutMs: 2000 });
      expectDegradedBySpeed(tcpMonitor, r);
    } finally {
      sluggish.close();
    }
  });
});
