import { describe, expect, it } from 'vitest';
import type { MetricSeries } from '@platform/sdk/metrics';
import { alertFingerprint } from '../src/evaluation/alert-fingerprint.ts';
import { observeRule } from '../src/evaluation/rule-observations.ts';
import { InhibitionIndex, inhibits, type InhibitionSubject } from '../src/muting/inhibition.ts';
import { planNotification, type NotificationSituation } from '../src/notifications/notification-plan.ts';
import { afterAttempt, retryDelayMs } from '../src/delivery/retry-backoff.ts';

describe('alertFingerprint', () => {
  it('is stable whatever the label order, and differs per rule and per dimension', () => {
    const a = alertFingerprint('rule-1', { route: '/api/build', method: 'GET' });
    expect(alertFingerprint('rule-1', { method: 'GET', route: '/api/build' })).toBe(a);
    expect(alertFingerprint('rule-1', { route: '/api/auth', method: 'GET' })).not.toBe(a);
    expect(alertFingerprint('rule-2', { route: '/api/build', method: 'GET' })).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('observeRule', () => {
  const MIN = 60_000;
  const series = (route: string, cls: string, sums: number[], tenantId: string | null = null): MetricSeries => ({
    metric: 'api_requests_total', kind: 'counter', tenantId, dimensions: { route, status_class: cls },
    points: sums.map((sum, i) => ({ at: i * MIN, count: sum, sum, min: null, max: null, last: null, buckets: null })),
  });
  const data = [series('/a', '2xx', [90, 90, 90]), series('/a', '5xx', [10, 10, 10]), series('/b', '2xx', [50, 50, 50]), series('/b', '5xx', [0, 0, 50], 't1')];
  const base = { metric: 'api_requests_total', filter: {}, tenantFilter: null, windowMinutes: 2 };

  it('yields one observation per group within the window', () => {
    const obs = observeRule({ ...base, aggregation: 'error_rate', groupBy: ['route'] }, data, 2 * MIN);
    expect(obs).toEqual([
      { labels: { route: '/a' }, observation: { kind: 'value', value: 10 } },
      { labels: { route: '/b' }, observation: { kind: 'value', value: expect.closeTo(100 / 3) } },
    ]);
  });
  it('applies the dimension filter and the tenant filter, which become labels', () => {
    const obs = observeRule({ ...base, aggregation: 'sum', groupBy: [], filter: { status_class: '5xx' }, tenantFilter: 't1' }, data, 2 * MIN);
    expect(obs).toEqual([{ labels: { status_class: '5xx', tenant: 't1' }, observation: { kind: 'value', value: 50 } }]);
  });
  it('treats a silent counter as zero and a silent gauge as no data', () => {
    expect(observeRule({ ...base, metric: 'none', aggregation: 'sum', groupBy: [] }, data, 0)[0].observation).toEqual({ kind: 'value', value: 0 });
    expect(observeRule({ ...base, metric: 'none', aggregation: 'last', groupBy: [] }, data, 0)[0].observation).toEqual({ kind: 'no_data' });
    expect(observeRule({ ...base, metric: 'none', aggregation: 'last', groupBy: ['route'] }, data, 0)).toEqual([]);
  });
});

describe('inhibition', () => {
  const alert = (p: Partial<InhibitionSubject>): InhibitionSubject => ({ fingerprint: Math.random().toString(36), severity: 'warning', component: null, labels: {}, tenantId: null, firing: true, ...p });
  it('lets a firing critical mute a lower severity alert on the same component', () => {
    const critical = alert({ severity: 'critical', component: 'database' });
    expect(inhibits(critical, alert({ component: 'database', labels: { monitor: 'postgres' } }))).toBe(true);
    expect(inhibits(critical, alert({ component: 'api' }))).toBe(false);
    expect(inhibits({ ...critical, firing: false }, alert({ component: 'database' }))).toBe(false);
    expect(inhibits(critical, alert({ severity: 'critical', component: 'database' }))).toBe(false);
  });
  it('matches on labels when there is no component, never on nothing', () => {
    const critical = alert({ severity: 'critical', labels: { route: '/api/build' } });
    expect(inhibits(critical, alert({ labels: { route: '/api/build', method: 'GET' } }))).toBe(true);
    expect(inhibits(critical, alert({ labels: { route: '/api/auth' } }))).toBe(false);
    expect(inhibits(alert({ severity: 'critical' }), alert({ labels: { route: '/x' } }))).toBe(false);
    expect(inhibits(critical, alert({ labels: { route: '/api/build' }, tenantId: 't1' }))).toBe(false);
  });
  it('finds inhibitors through the index by severity and component', () => {
    const dbCritical = alert({ severity: 'critical', component: 'database' });
    const routeWarning = alert({ severity: 'warning', labels: { route: '/x' } });
    const index = new InhibitionIndex([dbCritical, routeWarning, alert({ severity: 'critical', component: 'api', firing: false })]);
    expect(index.inhibitorOf(alert({ component: 'database' }))).toBe(dbCritical);
    expect(index.inhibitorOf(alert({ component: 'api' }))).toBeNull();
    expect(index.inhibitorOf(alert({ severity: 'info', labels: { route: '/x' } }))).toBe(routeWarning);
    expect(index.inhibitorOf(alert({ labels: { route: '/x' } }))).toBeNull();
    expect(index.inhibitorOf(alert({ severity: 'critical', component: 'database' }))).toBeNull();
  });
});

describe('planNotification', () => {
  const s = (p: Partial<NotificationSituation>): NotificationSituation => ({ state: 'firing', open: true, transition: null, notifiedAt: null, lastNotifiedAt: null, muted: false, silenced: false, repeatIntervalMs: 3_600_000, now: 10_000_000, ...p });
  it('announces a firing alert once, then repeats every interval unless acknowledged', () => {
    expect(planNotification(s({ transition: 'fired' }))).toBe('firing');
    expect(planNotification(s({ notifiedAt: 1, lastNotifiedAt: 10_000_000 - 60_000 }))).toBeNull();
    expect(planNotification(s({ notifiedAt: 1, lastNotifiedAt: 10_000_000 - 3_600_000 }))).toBe('repeat');
    expect(planNotification(s({ notifiedAt: 1, lastNotifiedAt: 1, silenced: true }))).toBeNull();
  });
  it('holds notifications while muted and announces the alert when the mute ends', () => {
    expect(planNotification(s({ transition: 'fired', muted: true }))).toBeNull();
    expect(planNotification(s({ muted: false }))).toBe('firing');
  });
  it('sends resolved only for an announced alert', () => {
    expect(planNotification(s({ state: 'resolved', open: false, transition: 'resolved', notifiedAt: 5 }))).toBe('resolved');
    expect(planNotification(s({ state: 'resolved', open: false, transition: 'resolved', notifiedAt: null }))).toBeNull();
  });
});

describe('delivery backoff', () => {
  const policy = { baseMs: 1000, maxMs: 10_000, maxAttempts: 4 };
  it('doubles the delay up to a cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, policy))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
  it('retries retryable failures until the attempts run out, and stops on final errors', () => {
    expect(afterAttempt({ ok: true }, 1, policy)).toEqual({ status: 'delivered' });
    expect(afterAttempt({ ok: false, retryable: true }, 2, policy)).toEqual({ status: 'retry', delayMs: 2000 });
    expect(afterAttempt({ ok: false, retryable: true }, 4, policy)).toMatchObject({ status: 'failed' });
    expect(afterAttempt({ ok: false, retryable: false }, 1, policy)).toMatchObject({ status: 'failed', reason: 'final error' });
  });
});
