import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { createMetricsPlugin, type MetricsPlugin } from '@platform/plugin-metrics';
import { createAlertsPlugin, type AlertsPlugin } from '@platform/plugin-alerts';
import featureFlags from '@platform/plugin-feature-flags';

/**
 * "Rollouts pause automatically when a linked alert fires", end to end across plugins: metrics records a
 * breaching value, the alerts plugin's evaluator fires the rule and emits its durable `alerts.fired`, and the
 * feature-flags plugin pauses the staged rollouts that watch that rule (by name or id), and only those.
 */
describe('feature-flags + alerts + metrics: an alert firing pauses the rollouts linked to its rule', () => {
  let t: TestKernel;
  let metrics: MetricsPlugin;
  let alerts: AlertsPlugin;

  beforeAll(async () => {
    // Flushes and evaluations by hand; no recommended rules, so only this test's rules can fire.
    metrics = createMetricsPlugin({ autoFlush: false, processMetrics: false });
    alerts = createAlertsPlugin({ evaluateOnWrite: false, seedRecommendedRules: false });
    t = await createTestKernel({ plugins: [metrics, alerts, featureFlags], config: { logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' } });
  });
  afterAll(async () => t?.close());

  const post = async (url: string, payload: Record<string, unknown>) => {
    const res = await t.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json' } });
    expect([200, 201], `POST ${url}: ${res.body}`).toContain(res.statusCode);
    return res.json();
  };
  const rolloutOf = async (id: string) => (await t.inject(`/api/feature-flags/rollouts/${id}`)).json();
  const flag = async (key: string) => (await t.inject(`/api/feature-flags/flags/${key}`)).json();
  const startRollout = async (key: string, pauseOnAlerts: string[]) => {
    await post('/api/feature-flags/flags', { key, name: key, type: 'percentage', reason: 'cross-plugin test' });
    return post(`/api/feature-flags/flags/${key}/rollouts`, { steps: [10, 25, 50, 100], intervalHours: 24, pauseOnAlerts, reason: 'ramp up, watching checkout errors' });
  };

  it('fires the rule from a breaching metric and pauses the watching rollouts, leaving the others active', async () => {
    const rule = await post('/api/alerts/rules', {
      name: 'checkout.error_rate',
      metric: 'checkout_errors_percent',
      aggregation: 'last',
      condition: 'gt',
      threshold: 5,
      windowMinutes: 1,
      forMinutes: 0,
      severity: 'critical',
      channels: [],
    });
    const other = await post('/api/alerts/rules', { name: 'search.latency', metric: 'search_latency_ms', aggregation: 'last', condition: 'gt', threshold: 1000, windowMinutes: 1, forMinutes: 0, severity: 'warning', channels: [] });

    const byName = await startRollout('xalert.checkout_flow', ['checkout.error_rate']);
    const byId = await startRollout('xalert.checkout_payment', [rule.id]);
    const unrelated = await startRollout('xalert.search_ranking', ['search.latency', other.id]);
    const unwatched = await startRollout('xalert.profile_avatar', []);
    for (const r of [byName, byId, unrelated, unwatched]) expect(r).toMatchObject({ status: 'active', currentPercentage: 10 });

    // Below the threshold: nothing fires, nothing pauses.
    metrics.runtime().recorder.gauge('checkout_errors_percent', 1, {});
    await metrics.runtime().flush();
    await alerts.runtime().evaluator.evaluate();
    await t.kernel.services.events.drain();
    expect((await rolloutOf(byName.id)).status).toBe('active');
    expect(JSON.stringify((await t.inject('/api/alerts/active')).json())).not.toContain(rule.id);

    // A breach: the rule fires (alerts.fired, durable), and the feature-flags subscriber pauses what watches it.
    metrics.runtime().recorder.gauge('checkout_errors_percent', 7.5, {});
    await metrics.runtime().flush();
    await alerts.runtime().evaluator.evaluate();
    await t.kernel.services.events.drain();

    const firing = (await t.inject('/api/alerts/active')).json();
    expect(JSON.stringify(firing)).toContain(rule.id);

    for (const r of [byName, byId]) {
      const paused = await rolloutOf(r.id);
      expect(paused).toMatchObject({ status: 'paused', nextStepAt: null, currentPercentage: 10 });
      expect(paused.pausedReason).toMatch(/Alert "(checkout\.error_rate|[0-9a-f-]{36})" fired/);
    }
    for (const r of [unrelated, unwatched]) expect((await rolloutOf(r.id)).status).toBe('active');

    // The flag keeps the percentage it had; the pause is audited with the alert.
    expect(await flag('xalert.checkout_flow')).toMatchObject({ enabled: true, rolloutPercentage: 10 });
    const audit = (await t.inject('/api/feature-flags/flags/xalert.checkout_flow/audit')).json();
    expect(audit[0]).toMatchObject({ action: 'rollout.paused' });
    expect(audit[0].newValue).toMatchObject({ status: 'paused', rolloutId: byName.id, alert: 'checkout.error_rate' });

    // A paused rollout is not advanced by the job, even once due.
    await t.sql(`UPDATE feature_flag_rollouts SET next_step_at = now() - interval '1 second' WHERE id = $1`, [byName.id]);
    await t.kernel.services.jobs.runNow('feature-flags.advance-rollouts');
    expect((await flag('xalert.checkout_flow')).rolloutPercentage).toBe(10);
  });
});
