import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import storage from '@platform/plugin-storage';
import support from '@platform/plugin-support';
import logging from '@platform/plugin-logging';
import health from '@platform/plugin-health';
import plans from '@platform/plugin-plans';
import billing from '@platform/plugin-billing';
import messaging from '@platform/plugin-messaging';
import onboarding from '@platform/plugin-onboarding';
import { definePlugin, type TenantInfo } from '@platform/sdk';
import { HEALTH_SIGNALS, defineHealthSignal } from '@platform/sdk/customer-health';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { createCustomerSuccessPlugin } from '../src/index.ts';
import { totalOf } from '../src/score/health-scoring.ts';

const DAY = 86_400_000;

/** A plugin with a signal that always throws: reported, and the others still count. */
const flaky = definePlugin({
  name: 'flaky-signal',
  version: '0.1.0',
  kernel: '^0.1.0',
  register(ctx) {
    ctx.extensions.contribute(HEALTH_SIGNALS, defineHealthSignal({ id: 'flaky', label: 'Flaky', weight: 0, async compute() { throw new Error('upstream exploded'); } }));
  },
});

describe('customer health score on a real kernel', () => {
  let t: TestKernel;
  let a: TenantInfo;
  let b: TenantInfo;
  let adminA: TestClient;
  let memberA: TestClient;
  let readOnly: TestClient;
  // Scores are computed 20 days after the tenants were created (past the 14-day onboarding bucket).
  const now = new Date(Date.now() + 20 * DAY);

  beforeAll(async () => {
    t = await createTestKernel({
      plugins: [storage, messaging, onboarding, plans, billing, logging, health, support, flaky, createCustomerSuccessPlugin({ clock: () => new Date(now.getTime()) })],
    });
    a = await t.tenant('tenant-a');
    b = await t.tenant('tenant-b');
    [adminA, memberA, readOnly] = await Promise.all([
      t.signIn({ role: 'tenant_admin', tenant: 'tenant-a' }),
      t.signIn({ role: 'tenant_member', tenant: 'tenant-a' }),
      t.signIn({ role: 'read_only' }),
    ]);
    // Tenant A: an open ticket (through support's API), errors, a failing monitor and an overdue invoice.
    const ticket = await memberA.inject({ method: 'POST', url: '/api/support/tickets', payload: { subject: 'Export broken', body: 'It fails.', category: 'problem' } });
    expect(ticket.statusCode, ticket.body).toBe(201);
    await t.sql(
      `INSERT INTO logging_error_groups (fingerprint, error_type, normalized_message, sample_message, service, first_seen, last_seen, count)
       VALUES ('fp1', 'TypeError', 'x is undefined', 'x is undefined', 'api', now(), now(), 60)`,
    );
    await t.sql(`INSERT INTO logging_error_group_hours (fingerprint, tenant_id, hour, count) VALUES ('fp1', $1, date_trunc('hour', $2::timestamptz), 300)`, [a.id, new Date(now.getTime() - 2 * DAY)]);
    await t.sql(`INSERT INTO health_monitor_state (monitor_id, target_key, tenant_id, status) VALUES ('http', 'a-site', $1, 'unhealthy'), ('http', 'a-api', $1, 'healthy')`, [a.id]);
    await t.sql(
      `INSERT INTO billing_invoices (id, tenant_id, issuer, sequence, number, kind, state, currency, subtotal_minor, tax_minor, total_minor, issued_at, due_at)
       VALUES (gen_random_uuid(), $1, 'platform', 1, 'INV-000001', 'manual', 'open', 'USD', 4900, 0, 4900, $2, $3)`,
      [a.id, new Date(now.getTime() - 20 * DAY), new Date(now.getTime() - 5 * DAY)],
    );
  }, 120_000);
  afterAll(async () => t?.close());

  const recompute = async (payload: Record<string, unknown> = {}) => {
    const res = await t.inject({ method: 'POST', url: '/api/customer-success/score/recompute', payload });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const breakdownOf = async (tenant: TenantInfo) => {
    const res = await t.inject(`/api/customer-success/score/${tenant.id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('computes every tenant from the real signals of the plugins that own the data, with reasons', async () => {
    expect((await recompute()).tenants).toBeGreaterThanOrEqual(2);
    const sa = await breakdownOf(a);
    const line = (id: string) => sa.breakdown.find((l: any) => l.id === id);
    expect(line('support-load')).toMatchObject({ weight: 10, points: 8, reason: '1 open support ticket' });
    expect(line('billing-risk')).toMatchObject({ weight: 20, points: 8, reason: expect.stringContaining('1 overdue invoice') });
    expect(line('failing-monitors')).toMatchObject({ weight: 10, points: 5, reason: '1 unhealthy and 0 degraded of 2 monitors' });
    expect(line('error-rate')).toMatchObject({ weight: 10, points: 5, reason: '300 errors in the last 30 days (10.0 a day)' });
    expect(line('recent-success')).toMatchObject({ bonus: true, points: 0 });
    expect(line('activation')).toMatchObject({ points: 0, reason: 'Onboarding wizard never started' });
    expect(line('usage-recency').score).toBeGreaterThan(0);
    expect(line('usage-recency').reason).toMatch(/^Last activity (19|20) days ago/);
    // The throwing signal is reported and the others still count.
    expect(line('flaky')).toMatchObject({ failed: true, reason: 'Signal failed: upstream exploded' });
    // Reproducible from the stored breakdown.
    expect(totalOf(sa.breakdown)).toBe(sa.total);
    expect(sa.bucket).toBe(sa.total >= 60 ? (sa.total >= 80 ? 'healthy' : 'monitor') : sa.total >= 40 ? 'at-risk' : 'critical');
    expect(sa.facts.plan === undefined || typeof sa.facts.plan === 'string').toBe(true);

    const sb = await breakdownOf(b);
    expect(sb.breakdown.find((l: any) => l.id === 'billing-risk')).toMatchObject({ points: 20, reason: 'No overdue invoices' });
    expect(sb.breakdown.find((l: any) => l.id === 'failing-monitors')).toMatchObject({ neutral: true, points: 10, reason: 'No monitors checked for this tenant' });
    expect(sb.total).toBeGreaterThan(sa.total);
    const stored = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM customer_success_scores WHERE tenant_id = $1', [a.id]);
    expect(stored[0].n).toBe(1);
  });

  it('a recompute the same day replaces the snapshot; trends compare with 7 and 30 days ago; big changes are listed', async () => {
    const day = (back: number) => new Date(now.getTime() - back * DAY).toISOString().slice(0, 10);
    await t.sql(
      `INSERT INTO customer_success_scores (id, tenant_id, day, computed_at, total, bucket, breakdown) VALUES
       (gen_random_uuid(), $1, $2::date, now(), 95, 'healthy', '[]'), (gen_random_uuid(), $1, $3::date, now(), 90, 'healthy', '[]')`,
      [a.id, day(30), day(8)],
    );
    await recompute({ tenantId: a.id });
    const sa = await breakdownOf(a);
    expect(sa.change7).toBe(sa.total - 90);
    expect(sa.change30).toBe(sa.total - 95);
    expect(sa.history.map((h: any) => h.day)).toEqual([day(0), day(8), day(30)]);
    const changes = (await t.inject('/api/customer-success/score/changes')).json();
    expect(changes.map((r: any) => r.tenantId)).toContain(a.id);
    expect(changes.map((r: any) => r.tenantId)).not.toContain(b.id);
    const audit = await t.sql<{ action: string }>(`SELECT action FROM audit WHERE action LIKE 'customer_success.%' ORDER BY at`);
    expect(audit.map((r) => r.action)).toEqual(['customer_success.scores_recomputed', 'customer_success.score_recomputed']);
  });

  it('the nightly job stores the day\'s snapshot of every tenant', async () => {
    await t.sql('DELETE FROM customer_success_scores WHERE tenant_id = $1 AND day = $2::date', [b.id, now.toISOString().slice(0, 10)]);
    await t.kernel.services.jobs.runNow('customer-success.nightly-scores');
    const rows = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM customer_success_scores WHERE tenant_id = $1 AND day = $2::date', [b.id, now.toISOString().slice(0, 10)]);
    expect(rows[0].n).toBe(1);
  });

  it('lists with filters and sort, the at-risk list, and the CSV export', async () => {
    const all = (await t.inject('/api/customer-success/score?sort=-total')).json();
    expect(all.map((r: any) => r.tenantId).slice(0, 2)).toEqual([b.id, a.id].filter((id) => all.some((r: any) => r.tenantId === id)).slice(0, 2));
    const sa = await breakdownOf(a);
    const byBucket = (await t.inject(`/api/customer-success/score?bucket=${sa.bucket}`)).json();
    expect(byBucket.every((r: any) => r.bucket === sa.bucket)).toBe(true);
    expect(byBucket.map((r: any) => r.tenantId)).toContain(a.id);
    const atRisk = (await t.inject('/api/customer-success/score/at-risk')).json();
    expect(atRisk.every((r: any) => r.bucket === 'at-risk' || r.bucket === 'critical')).toBe(true);
    const csv = await t.inject('/api/customer-success/score/export.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('tenantId,tenantSlug,tenantName,day,total,bucket,change7,change30,plan,renewsAt,signals');
    expect(lines.find((l) => l.startsWith(a.id))).toContain(`,tenant-a,`);
  });

  it('weights are settings: a change is audited and changes the score', async () => {
    const res = await t.inject({ method: 'PUT', url: '/api/plugins/customer-success/settings', payload: { weights: { 'support-load': 50 } } });
    expect(res.statusCode, res.body).toBe(200);
    const audit = await t.sql<{ before: any; after: any }>(`SELECT before, after FROM audit WHERE action = 'plugin.settings_changed' AND target_id = 'customer-success'`);
    expect(audit).toHaveLength(1);
    await recompute({ tenantId: a.id });
    const sa = await breakdownOf(a);
    expect(sa.breakdown.find((l: any) => l.id === 'support-load')).toMatchObject({ weight: 50, points: 40 });
    expect(totalOf(sa.breakdown)).toBe(sa.total);
    const bad = await t.inject({ method: 'PUT', url: '/api/plugins/customer-success/settings', payload: { weights: { 'support-load': 1000 } } });
    expect(bad.statusCode).toBe(400);
    await t.inject({ method: 'PUT', url: '/api/plugins/customer-success/settings', payload: {} });
  });

  it('refuses bad input with a 400 naming the field', async () => {
    for (const url of ['/api/customer-success/score?bucket=nope', '/api/customer-success/score?sort=x', '/api/customer-success/score?plan=a%00b', '/api/customer-success/score?limit=-1', '/api/customer-success/score/changes?days=3', '/api/customer-success/score/not-a-uuid']) {
      const res = await t.inject(url);
      expect(res.statusCode, url).toBe(400);
    }
    for (const payload of [{ tenantId: 'x' }, { tenantId: 42 }, { other: 1 }]) {
      const res = await t.inject({ method: 'POST', url: '/api/customer-success/score/recompute', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const missing = await t.inject({ method: 'POST', url: '/api/customer-success/score/recompute', payload: { tenantId: '00000000-0000-4000-8000-000000000000' } });
    expect(missing.statusCode).toBe(404);
  });

  it('tenant callers reach none of it; read-only staff read but cannot recompute', async () => {
    for (const client of [adminA, memberA]) {
      for (const url of ['/api/customer-success/score', `/api/customer-success/score/${a.id}`, '/api/customer-success/score/at-risk', '/api/customer-success/score/export.csv']) {
        expect((await client.inject(url)).statusCode, url).toBe(403);
      }
      expect((await client.inject({ method: 'POST', url: '/api/customer-success/score/recompute', payload: { tenantId: a.id } })).statusCode).toBe(403);
    }
    expect((await readOnly.inject('/api/customer-success/score')).statusCode).toBe(200);
    expect((await readOnly.inject({ method: 'POST', url: '/api/customer-success/score/recompute', payload: {} })).statusCode).toBe(403);
  });
});
