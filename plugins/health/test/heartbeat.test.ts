import { describe, expect, it } from 'vitest';
import { judgeHeartbeat } from '../src/push/push-monitor.ts';

describe('push (heartbeat) verdict', () => {
  const rule = { expectedIntervalSeconds: 3600, graceSeconds: 300 };
  const t0 = Date.parse('2025-10-22T00:00:00Z');

  it('is healthy while pings arrive within interval + grace', () => {
    expect(judgeHeartbeat({ lastPingAt: t0, lastPingStatus: 'up', lastPingMessage: null, createdAt: t0 - 1e6 }, rule, t0 + 3899_000).status).toBe('healthy');
  });
  it('turns unhealthy when the ping is overdue', () => {
    const v = judgeHeartbeat({ lastPingAt: t0, lastPingStatus: 'up', lastPingMessage: null, createdAt: t0 - 1e6 }, rule, t0 + 3960_000);
    expect(v.status).toBe('unhealthy');
    expect(v.overdueSeconds).toBe(60);
  });
  it('gives a new monitor one interval for its first ping', () => {
    expect(judgeHeartbeat({ lastPingAt: null, lastPingStatus: null, lastPingMessage: null, createdAt: t0 }, rule, t0 + 60_000).status).toBe('healthy');
    expect(judgeHeartbeat({ lastPingAt: null, lastPingStatus: null, lastPingMessage: null, createdAt: t0 }, rule, t0 + 4000_000).message).toBe('no ping received yet');
  });
  it('is unhealthy when the job reported a failure', () => {
    const v = judgeHeartbeat({ lastPingAt: t0, lastPingStatus: 'down', lastPingMessage: 'backup failed', createdAt: t0 }, rule, t0 + 1000);
    expect(v).toMatchObject({ status: 'unhealthy', message: 'reported down: backup failed' });
  });
});
