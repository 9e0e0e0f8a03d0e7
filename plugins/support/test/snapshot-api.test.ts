import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import health from '@platform/plugin-health';
import logging from '@platform/plugin-logging';
import featureFlags from '@platform/plugin-feature-flags';
import plans from '@platform/plugin-plans';
import { definePlugin, type PluginContext } from '@platform/sdk';
import { TENANT_PLAN_READER, type TenantPlanReader } from '@platform/sdk/entitlements';
import { createSupportKernel, openTicket, type SupportKernel } from './support/support-kernel.ts';

const STRIPE_KEY = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
const AWS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const RANDOM_KEY = 'Zx9Qm2Lr7Tp4Wv8Ks3Nd6Hb1Jf5Gc0YaEu';

/** A tenant's app that fails: an error line (with a leaked key) during a request, and an audit entry holding secrets. */
const failingApp = definePlugin({
  name: 'failing-app',
  version: '0.0.0',
  kernel: '^0.1.0',
  permissions: [{ key: 'failing-app.use', label: 'Use', scope: 'tenant', grantTo: ['tenant_admin', 'tenant_member'] }],
  boot(ctx: PluginContext) {
    ctx.routes.add({
      method: 'POST',
      url: '/export',
      permission: 'failing-app.use',
      async handler(req) {
        ctx.logger.error({ action: 'export.run', err: new Error(`upstream refused key ${STRIPE_KEY}`) }, `export failed, password=hunter2 and ${RANDOM_KEY}`);
        await req.ctx.audit({ action: 'failing-app.configured', tenantId: req.ctx.tenantId, after: { apiKey: 'plain-api-key-value', clientSecret: 'shh', note: `uses ${AWS_KEY_ID}`, region: 'eu-west-1' } });
        await ctx.logging.flush();
        return { requestId: req.ctx.requestId };
      },
    });
  },
});

describe('debug snapshots', () => {
  let k: SupportKernel;
  beforeAll(async () => {
    k = await createSupportKernel([health, logging, plans, featureFlags, failingApp]);
  });
  afterAll(async () => {
    await k?.t.close();
  });

  it('captures health, errors with request ids, the reporter\'s flags, plan and usage, audit: secrets redacted, stored with the ticket', async () => {
    const flag = await k.t.inject({ method: 'POST', url: '/api/feature-flags/flags', payload: { key: 'export.v2', name: 'Export v2', type: 'boolean', enabled: true, reason: 'test' } });
    expect(flag.statusCode, flag.body).toBe(201);
    const plan = await k.t.inject({ method: 'POST', url: '/api/plans/plans', payload: { key: 'pro', name: 'Pro', priceAmount: 4900, currency: 'USD', interval: 'monthly', quotas: { seats: 10 } } });
    expect(plan.statusCode, plan.body).toBe(201);
    const change = await k.t.inject({ method: 'POST', url: '/api/plans/change', headers: { 'x-tenant-id': k.memberA.tenant!.id }, payload: { planId: plan.json().id, reason: 'test' } });
    expect(change.statusCode, change.body).toBe(201);

    const failed = await k.memberA.inject({ method: 'POST', url: '/api/failing-app/export' });
    expect(failed.statusCode, failed.body).toBe(200);
    const requestId = failed.json().requestId;
    const ticket = await openTicket(k.memberA, { subject: 'Export broken' });

    // Tenant users cannot take one.
    expect((await k.adminA.inject({ method: 'POST', url: `/api/support/queue/${ticket.id}/snapshots` })).statusCode).toBe(403);

    const res = await k.agent.inject({ method: 'POST', url: `/api/support/queue/${ticket.id}/snapshots` });
    expect(res.statusCode, res.body).toBe(201);
    const snap = res.json();
    expect(snap).toMatchObject({ ticketId: ticket.id, tenantId: k.memberA.tenant!.id, takenByUserId: k.agent.userId });
    const s = snap.sections;
    expect(s.health.status).toBe('ok');
    expect(s.health.data).toHaveProperty('status');

    expect(s.errors.status).toBe('ok');
    const error = s.errors.data.find((e: any) => e.action === 'export.run');
    expect(error).toMatchObject({ requestId, service: 'failing-app' });

    expect(s.flags.status).toBe('ok');
    expect(s.flags.data.userId).toBe(k.memberA.userId);
    expect(s.flags.data.evaluations).toContainEqual(expect.objectContaining({ key: 'export.v2', enabled: true }));

    expect(s.plan.status).toBe('ok');
    expect(s.plan.data.plan.plan).toMatchObject({ key: 'pro' });
    expect(s.plan.data.usage).toContainEqual(expect.objectContaining({ meter: 'seats', limit: 10 }));

    expect(s.audit.status).toBe('ok');
    const configured = s.audit.data.find((a: any) => a.action === 'failing-app.configured');
    expect(configured.after).toEqual({ apiKey: '[redacted]', clientSecret: '[redacted]', note: 'uses [redacted]', region: 'eu-west-1' });
    expect(s.audit.data.map((a: any) => a.action)).toContain('support.ticket.created');

    // No secret anywhere in what is stored or answered.
    const [row] = await k.t.sql<{ text: string; redacted_count: number }>('SELECT sections::text AS text, redacted_count FROM support_snapshots WHERE id = $1', [snap.id]);
    for (const secret of [STRIPE_KEY, AWS_KEY_ID, RANDOM_KEY, 'hunter2', 'plain-api-key-value', 'shh"']) {
      expect(row.text).not.toContain(secret);
      expect(res.body).not.toContain(secret);
    }
    expect(row.redacted_count).toBeGreaterThanOrEqual(5);
    expect(snap.redactedCount).toBe(row.redacted_count);

    // Stored with the ticket: the ticket view lists it; audited.
    const view = (await k.agent.inject(`/api/support/queue/${ticket.id}`)).json();
    expect(view.snapshots.map((x: any) => x.id)).toEqual([snap.id]);
    const [{ n }] = await k.t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit WHERE action = 'support.snapshot.taken' AND target_id = $1`, [ticket.id]);
    expect(n).toBe(1);
    // The tenant's own ticket view shows no snapshots.
    expect((await k.memberA.inject(`/api/support/tickets/${ticket.id}`)).json()).not.toHaveProperty('snapshots');
  });
});

describe('debug snapshots without the owning plugins', () => {
  let k: SupportKernel;
  beforeAll(async () => {
    k = await createSupportKernel();
  });
  afterAll(async () => {
    await k?.t.close();
  });

  it('says which sections are unavailable and keeps the rest', async () => {
    const ticket = await openTicket(k.memberA);
    const res = await k.agent.inject({ method: 'POST', url: `/api/support/queue/${ticket.id}/snapshots` });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json().sections;
    expect(s.health).toEqual({ status: 'unavailable', reason: 'the health plugin is not installed' });
    expect(s.errors).toEqual({ status: 'unavailable', reason: 'the logging plugin is not installed' });
    expect(s.flags).toEqual({ status: 'unavailable', reason: 'the feature-flags plugin is not installed' });
    expect(s.plan).toEqual({ status: 'unavailable', reason: 'the plans plugin is not installed' });
    expect(s.audit.status).toBe('ok');
    expect((await k.agent.inject({ method: 'POST', url: '/api/support/queue/00000000-0000-4000-8000-000000000000/snapshots' })).statusCode).toBe(404);
  });
});

describe('debug snapshots when a reader fails', () => {
  let k: SupportKernel;
  /** A plans reader that is installed but failing (its database is gone, say): SDK contract only. */
  const brokenPlans = definePlugin({
    name: 'broken-plans',
    version: '0.0.0',
    kernel: '^0.1.0',
    register: (ctx) =>
      ctx.provide<TenantPlanReader>(TENANT_PLAN_READER, {
        planAndUsage: async () => {
          throw new Error('connection to plans refused, token=abc123secret');
        },
      }),
  });
  beforeAll(async () => {
    k = await createSupportKernel([brokenPlans]);
  });
  afterAll(async () => {
    await k?.t.close();
  });

  it('marks that section failed (redacted), keeps the others, and stores the snapshot', async () => {
    const ticket = await openTicket(k.memberA);
    const res = await k.agent.inject({ method: 'POST', url: `/api/support/queue/${ticket.id}/snapshots` });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json().sections;
    expect(s.plan).toEqual({ status: 'failed', error: 'connection to plans refused, token=[redacted]' });
    expect(s.audit.status).toBe('ok');
    expect(res.body).not.toContain('abc123secret');
    // Tenant users reach neither the list nor the creation of snapshots.
    expect((await k.adminA.inject(`/api/support/queue/${ticket.id}/snapshots`)).statusCode).toBe(403);
  });
});

