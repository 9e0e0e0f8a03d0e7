import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { runMonitorCheck } from '@platform/sdk/monitors';
import { startMonitorHarness, type MonitorHarness } from '@platform/plugin-health/testing';
import redisPlugin, { redisMonitor } from '../src/index.ts';
import { memoryVerdict } from '../src/redis-monitor.ts';
import { encodeCommand, parseInfo, parseReply, RespError } from '../src/resp-parser.ts';

const REDIS = 'redis://127.0.0.1:6379';

/** Against the real Redis at 127.0.0.1:6379. */
describe('Redis monitor', () => {
  let h: MonitorHarness;
  beforeAll(async () => {
    h = await startMonitorHarness(redisPlugin);
  });
  afterAll(async () => h?.close());

  it('PINGs and reads INFO from the real server', async () => {
    await h.configure({ url: REDIS });
    const view = await h.check('redis');
    expect(view.status).toBe('healthy');
    expect(view.message).toMatch(/^PONG, (master|slave), \d+ clients$/);
    expect(view.details).toMatchObject({ version: expect.stringMatching(/^\d+\.\d+/), usedMemoryBytes: expect.any(Number) });
  });

  it('reports a refused AUTH without revealing the password', async () => {
    const r = await runMonitorCheck(redisMonitor, { url: REDIS, password: 'secret-redis-pass', memoryWarnRatio: 0.9 }, { timeoutMs: 2000 });
    expect(r.status).toBe('unhealthy');
    expect(r.message).toMatch(/^AUTH refused: /);
    expect(JSON.stringify(r)).not.toContain('secret-redis-pass');
  });

  it('reports a refused connection', async () => {
    const r = await runMonitorCheck(redisMonitor, { url: 'redis://127.0.0.1:1', memoryWarnRatio: 0.9 }, { timeoutMs: 2000 });
    expect(r).toMatchObject({ status: 'unhealthy', message: 'connection refused' });
  });

  it('times out a server that never answers', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const r = await runMonitorCheck(redisMonitor, { url: `redis://127.0.0.1:${(silent.address() as AddressInfo).port}`, memoryWarnRatio: 0.9 }, { timeoutMs: 200 });
      expect(r).toMatchObject({ status: 'unhealthy', message: 'timed out after 200 ms' });
    } finally {
      silent.close();
    }
  });

  it('degrades near maxmemory', () => {
    expect(memoryVerdict(950, 1000, 0.9)).toBe('degraded');
    expect(memoryVerdict(950, 0, 0.9)).toBe('healthy');
  });

  it('speaks RESP2', () => {
    expect(encodeCommand(['AUTH', 'pä']).toString()).toBe('*2\r\n$4\r\nAUTH\r\n$3\r\npä\r\n');
    expect(parseReply(Buffer.from('+PONG\r\n'))).toEqual({ value: 'PONG', next: 7 });
    expect(parseReply(Buffer.from('-ERR nope\r\n'))!.value).toEqual(new RespError('ERR nope'));
    expect(parseReply(Buffer.from('$5\r\nhel'))).toBeNull();
    expect(parseReply(Buffer.from('*2\r\n:1\r\n$-1\r\n'))!.value).toEqual([1, null]);
    expect(parseInfo('# Server\r\nredis_version:7.0.15\r\nrole:master\r\n')).toEqual({ redis_version: '7.0.15', role: 'master' });
  });
});
