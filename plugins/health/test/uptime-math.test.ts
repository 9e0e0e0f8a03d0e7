import { describe, expect, it } from 'vitest';
import { addCounts, countsByDay, errorBudgetMs, uptimePercent, utcDays, worstStatus } from '../src/uptime/uptime-math.ts';

describe('uptime math', () => {
  it('counts healthy and degraded checks as up', () => {
    expect(uptimePercent({ checks: 1000, healthy: 990, degraded: 9, unhealthy: 1 })).toBe(99.9);
    expect(uptimePercent({ checks: 3, healthy: 1, degraded: 1, unhealthy: 1 })).toBe(66.667);
  });
  it('has no uptime without checks (not 100 %)', () => {
    expect(uptimePercent({ checks: 0, healthy: 0, degraded: 0, unhealthy: 0 })).toBeNull();
    expect(worstStatus({ checks: 0, healthy: 0, degraded: 0, unhealthy: 0 })).toBe('unknown');
  });
  it('names the worst status of a period', () => {
    expect(worstStatus({ checks: 5, healthy: 4, degraded: 1, unhealthy: 0 })).toBe('degraded');
    expect(worstStatus({ checks: 5, healthy: 4, degraded: 0, unhealthy: 1 })).toBe('unhealthy');
  });
  it('sums hourly rollups into UTC days', () => {
    const c = { checks: 60, healthy: 59, degraded: 0, unhealthy: 1 };
    const days = countsByDay([
      { hour: '2025-10-21T23:00:00Z', ...c },
      { hour: '2025-10-22T00:00:00Z', ...c },
      { hour: '2025-10-22T13:00:00Z', ...c },
    ]);
    expect(days.get('2025-10-21')).toEqual(c);
    expect(days.get('2025-10-22')).toEqual(addCounts(c, c));
  });
  it('lists the last N UTC days, oldest first', () => {
    expect(utcDays(Date.parse('2025-10-22T12:00:00Z'), 3)).toEqual(['2025-10-20', '2025-10-21', '2025-10-22']);
    expect(utcDays(Date.now(), 90)).toHaveLength(90);
  });
  it('computes the error budget: 99.9 % of 30 days is 43.2 minutes', () => {
    expect(errorBudgetMs(99.9, 30 * 86_400_000)).toBe(43.2 * 60_000);
  });
});
