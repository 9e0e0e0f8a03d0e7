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
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { createCustomerSuccessPlugin } from '../src/index.ts';

const DAY = 86_400_000;

/** A signal whose bulk form throws: every tenant of the batch reports it, the other signals still count. */
const bulkFails = definePlugin({
  name: 'bulk-fails',
  version: '0.1.0',
  kernel: '^0.1.0',
  register(ctx) {
    ctx.extensions.contribute(HEALTH_SIGNALS, defineHealthSignal({
      id: 'bulk-fails', label: 'Bulk fails', weight: 0,
      async compute() { return { score: 1, reason: 'fine alone' }; },
      async computeMany() { throw new Error('bulk query timed out'); },
    }));
  },
});

/** The nightly run scores tenants in batches with each signal's `computeMany`: it must give what scoring one tenant gives. */
describe('nightly scores in batches', () => {
  let t: TestKernel;
  const tenants: TenantInfo[] = [];
  const now = new Date(Date.now() + 20 * DAY);

  beforeAll(async () => {
    t = await createTestKernel({
      plugins: [storage, messaging, onboarding, plans, billing, logging, health, support, bulkFails, createCustomerSuccessPlugin({ clock: () => new Date(now.getTime()) })],
    });
    const plan = await t.inject({ method: 'POST', url: '/api/plans/plans', payload: { key: 'basic', name: 'Basic', priceAmount: 900, currency: 'USD', interval: 'monthly', isDefault: true } });
    expect(plan.statusCode, plan.body).toBe(201);
    for (const slug of ['batch-a', 'batch-b', 'batch-c', 'batch-d']) tenants.push(await t.tenant(slug));
    const [a, b, c] = tenants;
    await t.sql(`INSERT INTO logging_error_groups (fingerprint, error_type, normalized_message, sample_message, service, first_seen, last_seen, count) VALUES ('fp', 'E', 'm', 'm', 'api', now(), now(), 1)`);
    await t.sql(`INSERT INTO logging_error_group_hours (fingerprint, tenant_id, hour, count) VALUES ('fp', $1, date_trunc('hour', $3::timestamptz), 120), ('fp', $2, date_trunc('hour', $4::timestamptz), 7)`, [a.id, b.id, new Date(now.getTime() - 2 * DAY), new Date(now.getTime() - 12 * DAY)]);
    await t.sql(`INSERT INTO health_monitor_state (monitor_id, target_key, tenant_id, status) VALUES ('http', 'a1', $1, 'unhealthy'), ('http', 'a2', $1, 'degraded'), ('http', 'b1', $2, 'healthy')`, [a.id, b.id]);
    await t.sql(`INSERT INTO onboarding_sessions (id, tenant_id, status, current_step, completed_steps) VALUES (gen_random_uuid(), $1, 'in_progress', 'plan', ARRAY['profile']), (gen_random_uuid(), $2, 'completed', 'done', ARRAY['profile', 'plan'])`, [a.id, c.id]);
    await t.sql(
      `INSERT INTO billing_invoices (id, tenant_id, issuer, sequence, number, kind, state, currency, subtotal_minor, tax_minor, total_minor, issued_at, due_at)
       VALUES (gen_random_uuid(), $1, 'platform', 1, 'INV-1', 'manual', 'open', 'USD', 4900, 0, 4900, $2, $3)`,
      [b.id, new Date(now.getTime() - 20 * DAY), new Date(now.getTime() - 5 * DAY)],
    );
    await t.sql(`INSERT INTO audit (at, actor_type, actor_id, tenant_id, action) VALUES ($1, 'user', 'u1', $2, 'records.updated'), ($3, 'system', NULL, $2, 'tenant.provisioned'), ($4, 'api_key', 'k1', $5, 'records.created')`, [new Date(now.getTime() - 3 * DAY), a.id, new Date(now.getTime() - DAY), new Date(now.getTime() - 12 * DAY), c.id]);
    await t.sql(
      `INSERT INTO support_tickets (id, tenant_id, subject, body, category, priority, status, first_response_due_at, resolution_due_at, first_response_breached_at)
       VALUES (gen_random_uuid(), $1, 's', 'b', 'problem', 'normal', 'open', now(), now(), now()), (gen_random_uuid(), $1, 's', 'b', 'problem', 'normal', 'pending', now(), now(), NULL)`,
      [c.id],
    );
  }, 120_000);
  afterAll(async () => t?.close());

  const breakdowns = async () =>
    Object.fromEntries(
      await Promise.all(tenants.map(async (tenant) => {
        const res = await t.inject(`/api/customer-success/score/${tenant.id}`);
        expect(res.statusCode, res.body).toBe(200);
        const { total, bucket, breakdown, facts } = res.json();
        return [tenant.slug, { total, bucket, breakdown, facts }];
      })),
    );

  it('gives every tenant the same breakdown, reasons and facts as scoring it alone', async () => {
    const all = await t.inject({ method: 'POST', url: '/api/customer-success/score/recompute', payload: {} });
    expect(all.statusCode, all.body).toBe(200);
    const batched = await breakdowns();
    // The bulk failure is reported on every line of the batch.
    for (const b of Object.values(batched) as any[]) expect(b.breakdown.find((l: any) => l.id === 'bulk-fails')).toMatchObject({ failed: true, reason: 'Signal failed: bulk query timed out' });

    for (const tenant of tenants) {
      const one = await t.inject({ method: 'POST', url: '/api/customer-success/score/recompute', payload: { tenantId: tenant.id } });
      expect(one.statusCode, one.body).toBe(200);
    }
    const alone = await breakdowns();
    const withoutBulkFails = (x: any) => Object.fromEntries(Object.entries(x).map(([k, v]: [string, any]) => [k, { ...v, total: undefined, breakdown: v.breakdown.filter((l: any) => l.id !== 'bulk-fails') }]));
    expect(withoutBulkFails(batched)).toEqual(withoutBulkFails(alone));
    // The data differs per tenant, so the comparison covers distinct outcomes.
    const reasons = (slug: string, id: string) => (alone as any)[slug].breakdown.find((l: any) => l.id === id).reason;
    expect(reasons('batch-a', 'error-rate')).toBe('120 errors in the last 30 days (4.0 a day)');
    expect(reasons('batch-b', 'recent-success')).toBe('No errors in the last 7 days');
    expect(reasons('batch-a', 'failing-monitors')).toBe('1 unhealthy and 1 degraded of 2 monitors');
    expect(reasons('batch-d', 'failing-monitors')).toBe('No monitors checked for this tenant');
    expect(reasons('batch-b', 'billing-risk')).toMatch(/^1 overdue invoice/);
    expect(reasons('batch-a', 'activation')).toBe('Onboarding in progress: 1 step done, now at "plan"');
    expect(reasons('batch-c', 'support-load')).toBe('2 open support tickets, 1 past their SLA');
    expect(reasons('batch-a', 'usage-recency')).toBe('Last activity 3 days ago (records.updated)');
    expect(reasons('batch-c', 'usage-recency')).toBe('Last activity 12 days ago (records.created)');
    expect((alone as any)['batch-a'].facts.plan).toBe('basic');
  });
});
