import { describe, expect, it } from 'vitest';
import { applyThresholds, classifyResponseTime, resolveThresholds } from '../src/status/response-time-thresholds.ts';

describe('response-time thresholds', () => {
  const database = { degradedMs: 1000, unhealthyMs: 2000 }; // the seed: < 1 s, 1-2 s, > 2 s

  it('classifies by the seed\'s bands', () => {
    expect(classifyResponseTime(999, database)).toBe('healthy');
    expect(classifyResponseTime(1000, database)).toBe('degraded');
    expect(classifyResponseTime(2000, database)).toBe('degraded');
    expect(classifyResponseTime(2001, database)).toBe('unhealthy');
  });

  it('takes the operator override over the monitor default over the platform default', () => {
    expect(resolveThresholds(undefined, undefined)).toEqual({ degradedMs: 2000, unhealthyMs: 5000 });
    expect(resolveThresholds({ degradedMs: 1000, unhealthyMs: 2000 }, undefined)).toEqual(database);
    expect(resolveThresholds({ degradedMs: 1000, unhealthyMs: 2000 }, { unhealthyMs: 3000 })).toEqual({ degradedMs: 1000, unhealthyMs: 3000 });
    expect(resolveThresholds(undefined, { degradedMs: 9000 })).toEqual({ degradedMs: 9000, unhealthyMs: 9000 });
  });

  it('only ever makes a result worse, and says why', () => {
    const ok = { status: 'healthy' as const, responseTimeMs: 1500, message: 'PONG', details: {} };
    const slow = applyThresholds(ok, database);
    expect(slow.status).toBe('degraded');
    expect(slow.message).toMatch(/^slow: 1500 ms \(degraded above 1000 ms\); PONG/);
    expect(applyThresholds({ ...ok, status: 'unhealthy' }, database).status).toBe('unhealthy');
    const fast = { ...ok, responseTimeMs: 10 };
    expect(applyThresholds(fast, database)).toBe(fast);
  });
});
