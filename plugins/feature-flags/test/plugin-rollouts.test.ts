import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import featureFlags from '../src/index.ts';
import { createFlag, json } from './support/flag-test-kit.ts';

describe('feature-flags plugin: staged rollouts and the stale report', () => {
  let t: TestKernel;
  beforeAll(async () => {
    t = await createTestKernel({ plugins: [featureFlags] });
  });
  afterAll(async () => t?.close());

  const flag = async (key: string) => (await t.inject(`/api/feature-flags/flags/${key}`)).json();
  const makeDue = (rolloutId: string) => t.sql(`UPDATE feature_flag_rollouts SET next_step_at = now() - interval '1 second' WHERE id = $1`, [rolloutId]);

  it('walks the steps, one per job run once due, enabling the flag at the first step', async () => {
    await createFlag(t, { key: 'roll.steps', type: 'percentage' });
    const started = await t.inject({ method: 'POST', url: '/api/feature-flags/flags/roll.steps/rollouts', ...json({ steps: [10, 50, 100], intervalHours: 24, reason: 'ramp up' }) });
    expect(started.statusCode, started.body).toBe(201);
    const rollout = started.json();
    expect(rollout).toMatchObject({ status: 'active', currentStep: 0, currentPercentage: 10, intervalHours: 24 });
    expect(await flag('roll.steps')).toMatchObject({ enabled: true, rolloutPercentage: 10 });

    await t.kernel.services.jobs.runNow('feature-flags.advance-rollouts');
    expect((await flag('roll.steps')).rolloutPercentage).toBe(10); // not due yet

    await makeDue(rollout.id);
    await t.kernel.services.jobs.runNow('feature-flags.advance-rollouts');
    expect((await flag('roll.steps')).rolloutPercentage).toBe(50);
    const mid = (await t.inject(`/api/feature-flags/rollouts/${rollout.id}`)).json();
    expect(mid).toMatchObject({ status: 'active', currentStep: 1 });
    expect(Date.parse(mid.nextStepAt) - Date.now()).toBeGreaterThan(23 * 3600_000);

    await makeDue(rollout.id);
    await t.kernel.services.jobs.runNow('feature-flags.advance-rollouts');
    expect((await flag('roll.steps')).rolloutPercentage).toBe(100);
    expect((await t.inject(`/api/feature-flags/rollouts/${rollout.id}`)).json()).toMatchObject({ status: 'completed', nextStepAt: null });

    const actions = (await t.inject('/api/feature-flags/flags/roll.steps/audit')).json().map((e: any) => e.action);
    expect(actions).toEqual(['rollout.completed', 'rollout.step', 'rollout.step', 'rollout.step', 'rollout.started', 'flag.created']);
  });

  it('plans gradualRollout() from start to end percentage over the duration', async () => {
    await createFlag(t, { key: 'roll.gradual', type: 'percentage' });
    const res = await t.inject({
      method: 'POST',
      url: '/api/feature-flags/flags/roll.gradual/gradual-rollout',
      ...json({ startPercentage: 0, endPercentage: 100, durationHours: 168, intervalHours: 24, reason: 'a week' }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().steps).toEqual([0, 14, 29, 43, 57, 71, 86, 100]);
    const again = await t.inject({ method: 'POST', url: '/api/feature-flags/flags/roll.gradual/rollouts', ...json({ steps: [50, 100], intervalHours: 1, reason: 'x' }) });
    expect(again.statusCode).toBe(409);
    const active = (await t.inject(`/api/feature-flags/rollouts?filter=${encodeURIComponent('{"status":"active"}')}`)).json();
    expect(active.map((r: any) => r.flagKey)).toContain('roll.gradual');
  });

  it('refuses bad steps naming the field', async () => {
    await createFlag(t, { key: 'roll.bad', type: 'percentage' });
    const down = await t.inject({ method: 'POST', url: '/api/feature-flags/flags/roll.bad/rollouts', ...json({ steps: [50, 10], intervalHours: 24, reason: 'x' }) });
    expect(down.statusCode).toBe(400);
    expect(down.json().field).toBe('steps.1');
    const over = await t.inject({ method: 'POST', url: '/api/feature-flags/flags/roll.bad/rollouts', ...json({ steps: [50, 101], intervalHours: 24, reason: 'x' }) });
    expect(over.statusCode).toBe(400);
    expect(over.json().field).toBe('steps.1');
  });

  it('pauses a rollout when a watched alert fires, and when the flag is killed', async () => {
    await createFlag(t, { key: 'roll.alerted', type: 'percentage' });
    const rollout = (await t.inject({ method: 'POST', url: '/api/feature-flags/flags/roll.alerted/rollouts', ...json({ steps: [10, 100], intervalHours: 1, pauseOnAlerts: ['checkout.error_rate'], reason: 'x' }) })).json();
    const events = t.kernel.services.events;
    await t.kernel.orm.em.fork().transactional(async (em) => {
      await events.emitDurable(em, 'alerts.fired', { action: 'fired', alert: { ruleId: 'r-1', ruleName: 'checkout.other' } });
      await events.emitDurable(em, 'alerts.fired', { action: 'fired', alert: { ruleId: 'r-2', ruleName: 'checkout.error_rate', description: 'error rate 7%' } });
    });
    await events.drain();
    const paused = (await t.inject(`/api/feature-flags/rollouts/${rollout.id}`)).json();
    expect(paused).toMatchObject({ status: 'paused', nextStepAt: null });
    expect(paused.pausedReason).toMatch(/checkout\.error_rate/);

    const resumed = await t.inject({ method: 'POST', url: `/api/feature-flags/rollouts/${rollout.id}/resume`, ...json({ reason: 'alert resolved' }) });
    expect(resumed.json().status).toBe('active');
    await t.inject({ method: 'POST', url: '/api/feature-flags/flags/roll.alerted/kill', ...json({ reason: 'bad' }) });
    expect((await t.inject(`/api/feature-flags/rollouts/${rollout.id}`)).json().status).toBe('paused');
    expect((await t.inject({ method: 'POST', url: `/api/feature-flags/rollouts/${rollout.id}/resume`, ...json({ reason: 'x' }) })).statusCode).toBe(409);
  });

  it('reports flags fully on for 14+ days and flags not evaluated for 30+ days', async () => {
    await createFlag(t, { key: 'stale.done', enabled: true });
    await createFlag(t, { key: 'stale.recent', enabled: true });
    await createFlag(t, { key: 'stale.unused', enabled: false });
    await t.sql(`UPDATE feature_flags SET fully_on_since = now() - interval '15 days' WHERE key = 'stale.done'`);
    await t.sql(`UPDATE feature_flags SET created_at = now() - interval '40 days' WHERE key IN ('stale.unused', 'stale.done')`);
    let report = (await t.inject('/api/feature-flags/reports/stale')).json();
    expect(report.fullyRolledOut.map((f: any) => f.key)).toEqual(['stale.done']);
    expect(report.fullyRolledOut[0].days).toBe(15);
    expect(report.notEvaluated.map((f: any) => f.key)).toEqual(expect.arrayContaining(['stale.unused', 'stale.done']));
    expect(report.notEvaluated.map((f: any) => f.key)).not.toContain('stale.recent');

    await t.inject({ method: 'POST', url: '/api/feature-flags/evaluate', ...json({ flags: ['stale.unused'] }) });
    report = (await t.inject('/api/feature-flags/reports/stale')).json();
    expect(report.notEvaluated.map((f: any) => f.key)).not.toContain('stale.unused');
  });
});
