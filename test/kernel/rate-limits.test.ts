import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import plans from '@platform/plugin-plans';
import { createPlan } from '../../plugins/plans/test/support/plans-api.ts';
import { expectProblem } from './support/http.ts';
import { streamPlugin } from './support/stream-plugin.ts';

/**
 * Per-tenant API rate limits: plan policies, tenant overrides, 429 with the IETF RateLimit fields, open
 * streams, staff not limited, the throttled view, and only platform staff reading or changing policies.
 */
describe('rate limits', () => {
  let t: TestKernel;
  let pro: TestClient;
  let proAdmin: TestClient;
  let free: TestClient;
  let staffInPro: TestClient;
  let url: string;
  let proPlanId: string;

  const setPolicy = async (payload: Record<string, unknown>) => {
    const res = await t.inject({ method: 'POST', url: '/api/rate-limits', payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string };
  };
  const removePolicy = async (id: string) => expect((await t.inject({ method: 'DELETE', url: `/api/rate-limits/${id}` })).statusCode).toBe(200);
  const burstOf = async (client: TestClient, n: number, path = '/api/stream-fixture/ping') => {
    const out = [];
    for (let i = 0; i < n; i++) out.push(await client.inject(path));
    return out;
  };

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [plans, streamPlugin] });
    // rl-free exists before any plan does: it has none.
    free = await t.signIn({ role: 'tenant_member', tenant: 'rl-free' });
    await t.kernel.services.events.drain();
    proPlanId = (await createPlan(t, { key: 'pro', name: 'Pro', isDefault: true })).id;
    pro = await t.signIn({ role: 'tenant_member', tenant: 'rl-pro' });
    proAdmin = await t.signIn({ role: 'tenant_admin', tenant: 'rl-pro' });
    staffInPro = await t.signIn({ role: 'admin', tenant: 'rl-pro' });
    await t.kernel.services.events.drain(); // tenant.created → the default plan "pro"
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => t?.close());

  it('lets everything through while no policy exists', async () => {
    const answers = await burstOf(pro, 15);
    expect(answers.map((a) => a.statusCode)).toEqual(Array(15).fill(200));
    expect(answers[0]!.headers['ratelimit']).toBeUndefined();
  });

  it("applies the plan's policy: the burst passes, then 429 with RateLimit-Policy, RateLimit and Retry-After", async () => {
    const policy = await setPolicy({ appliesTo: 'plan', planKey: 'pro', requestsPerSecond: 1, burst: 4 });
    try {
      const started = Date.now();
      const answers = await burstOf(pro, 10);
      const elapsedS = (Date.now() - started) / 1000;
      const ok = answers.filter((a) => a.statusCode === 200).length;
      // The bucket starts full (4) and refills 1 per second while the requests run.
      expect(answers.slice(0, 4).map((a) => a.statusCode)).toEqual([200, 200, 200, 200]);
      expect(ok).toBeLessThanOrEqual(4 + Math.ceil(elapsedS));
      const refused = answers.find((a) => a.statusCode === 429)!;
      const body = expectProblem(refused, 429, 'rate_limited');
      expect(body).toMatchObject({ limit: 1, burst: 4, policy: 'plan' });
      expect(refused.headers['ratelimit-policy']).toBe('"tenant-requests";q=1;w=1;burst=4');
      expect(refused.headers['ratelimit']).toMatch(/^"tenant-requests";r=0;t=[1-9]\d*$/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      // The bucket is the tenant's: another user of the same tenant shares it.
      expectProblem(await burstOf(proAdmin, 1).then((a) => a[0]!), 429, 'rate_limited');
      // A tenant without the plan, and staff in the limited tenant, are not limited.
      expect((await burstOf(free, 8)).map((a) => a.statusCode)).toEqual(Array(8).fill(200));
      expect((await burstOf(staffInPro, 8)).map((a) => a.statusCode)).toEqual(Array(8).fill(200));
    } finally {
      await removePolicy(policy.id);
    }
    expect((await burstOf(pro, 3)).map((a) => a.statusCode)).toEqual([200, 200, 200]);
  });

  it("lets a tenant's override beat its plan's policy", async () => {
    const plan = await setPolicy({ appliesTo: 'plan', planKey: 'pro', requestsPerSecond: 1, burst: 2 });
    const override = await setPolicy({ appliesTo: 'tenant', tenantId: pro.tenant!.id, requestsPerSecond: 1000, burst: 1000, note: 'launch week' });
    try {
      expect((await burstOf(pro, 12)).map((a) => a.statusCode)).toEqual(Array(12).fill(200));
      const effective = await t.inject(`/api/rate-limits/effective/${pro.tenant!.id}`);
      expect(effective.json()).toMatchObject({ policy: { source: 'tenant', requestsPerSecond: 1000 } });
    } finally {
      await removePolicy(override.id);
    }
    // Without the override, the plan's 2 apply again.
    const after = await burstOf(pro, 6);
    expect(after.slice(0, 2).map((a) => a.statusCode)).toEqual([200, 200]);
    expect(after.some((a) => a.statusCode === 429)).toBe(true);
    await removePolicy(plan.id);
  });

  it('limits concurrent event streams per tenant, and frees a slot when a stream closes', async () => {
    const policy = await setPolicy({ appliesTo: 'tenant', tenantId: pro.tenant!.id, requestsPerSecond: 1000, burst: 1000, concurrentStreams: 2 });
    const open = () => {
      const ac = new AbortController();
      return fetch(`${url}/api/stream-fixture/live`, { headers: { authorization: `Bearer ${pro.token}` }, signal: ac.signal }).then((res) => ({ res, ac }));
    };
    const streams: Array<{ res: Response; ac: AbortController }> = [];
    try {
      streams.push(await open(), await open());
      expect(streams.map((s) => s.res.status)).toEqual([200, 200]);
      const third = await open();
      expect(third.res.status).toBe(429);
      expect(third.res.headers.get('ratelimit-policy')).toBe('"tenant-streams";q=2');
      expect(third.res.headers.get('retry-after')).toBe('5');
      expect(((await third.res.json()) as { code: string }).code).toBe('too_many_streams');
      // Plain requests are not streams.
      expect((await pro.inject('/api/stream-fixture/ping')).statusCode).toBe(200);
      streams.shift()!.ac.abort();
      let again = await open();
      for (let i = 0; again.res.status === 429 && i < 50; i++) {
        await again.res.body?.cancel();
        await new Promise((r) => setTimeout(r, 50));
        again = await open();
      }
      expect(again.res.status).toBe(200);
      streams.push(again);
    } finally {
      for (const s of streams) s.ac.abort();
      await removePolicy(policy.id);
    }
  });

  it('lets requests through, never a 5xx, when the shared bucket cannot be read', async () => {
    const policy = await setPolicy({ appliesTo: 'tenant', tenantId: free.tenant!.id, requestsPerSecond: 1, burst: 1 });
    // The lease fails as it would with the database gone: the check fails open.
    await t.sql('ALTER FUNCTION kernel_rate_limit_lease(uuid, double precision, double precision, int, timestamptz) RENAME TO kernel_rate_limit_lease_away');
    try {
      expect((await burstOf(free, 5)).map((a) => a.statusCode)).toEqual(Array(5).fill(200));
    } finally {
      await t.sql('ALTER FUNCTION kernel_rate_limit_lease_away(uuid, double precision, double precision, int, timestamptz) RENAME TO kernel_rate_limit_lease');
      await removePolicy(policy.id);
    }
  });

  it('counts throttled requests per tenant and minute, for staff to read', async () => {
    await t.kernel.services.rateLimits.throttled.flush();
    const list = await t.inject('/api/rate-limits/throttled');
    expect(list.statusCode, list.body).toBe(200);
    const row = (list.json() as Array<{ tenantId: string; requests: number; streams: number }>).find((r) => r.tenantId === pro.tenant!.id)!;
    expect(row.requests).toBeGreaterThanOrEqual(2);
    expect(row.streams).toBeGreaterThanOrEqual(1);
    expect(list.json().some((r: { tenantId: string }) => r.tenantId === free.tenant!.id)).toBe(false);
    const minutes = await t.inject(`/api/rate-limits/throttled/${pro.tenant!.id}`);
    expect(minutes.json()[0]).toMatchObject({ requests: expect.any(Number), minute: expect.stringMatching(/:00\.000Z$/) });
  });

  it('keeps throttled counts for 31 days and drops streams whose instance stopped renewing them', async () => {
    const tenantId = free.tenant!.id;
    await t.sql(`INSERT INTO kernel_rate_limit_throttled (tenant_id, minute, kind, count) VALUES ($1, date_trunc('minute', now()) - interval '32 days', 'requests', 3), ($1, date_trunc('minute', now()) - interval '30 days', 'requests', 4)`, [tenantId]);
    await t.sql(`INSERT INTO kernel_rate_limit_streams (id, tenant_id, instance_id, expires_at) VALUES (gen_random_uuid(), $1, 'gone', now() - interval '1 minute')`, [tenantId]);
    await t.kernel.services.jobs.runNow('kernel.prune-rate-limit-counts');
    const kept = await t.sql<{ n: number }>(`SELECT count::int AS n FROM kernel_rate_limit_throttled WHERE tenant_id = $1 AND minute < now() - interval '29 days'`, [tenantId]);
    expect(kept.map((r) => r.n)).toEqual([4]);
    expect(await t.sql(`SELECT 1 FROM kernel_rate_limit_streams WHERE tenant_id = $1`, [tenantId])).toHaveLength(0);
    await t.sql(`DELETE FROM kernel_rate_limit_throttled WHERE tenant_id = $1`, [tenantId]);
  });

  it('audits every change', async () => {
    const policy = await setPolicy({ appliesTo: 'plan', planKey: 'audited', requestsPerSecond: 5 });
    const edited = await t.inject({ method: 'PUT', url: `/api/rate-limits/${policy.id}`, payload: { ...policy, requestsPerSecond: 7, burst: 20 } });
    expect(edited.json()).toMatchObject({ requestsPerSecond: 7, burst: 20, planKey: 'audited' });
    await removePolicy(policy.id);
    const rows = await t.sql<{ action: string }>(`SELECT action FROM audit WHERE target_id = $1 ORDER BY id`, [policy.id]);
    expect(rows.map((r) => r.action)).toEqual(['rate_limit.created', 'rate_limit.updated', 'rate_limit.deleted']);
  });

  it('refuses bad input with a 4xx naming the field, never a 5xx', async () => {
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ appliesTo: 'moon', planKey: 'x', requestsPerSecond: 1 }, 400, 'appliesTo'],
      [{ appliesTo: 'plan', planKey: 'bad\u0000key', requestsPerSecond: 1 }, 400, 'planKey'],
      [{ appliesTo: 'plan', planKey: 'ok', requestsPerSecond: '10' }, 400, 'requestsPerSecond'],
      [{ appliesTo: 'plan', planKey: 'ok', requestsPerSecond: 0 }, 400, 'requestsPerSecond'],
      [{ appliesTo: 'plan', planKey: 'ok', requestsPerSecond: 1.5 }, 400, 'requestsPerSecond'],
      [{ appliesTo: 'plan', planKey: 'ok', requestsPerSecond: 10, burst: -1 }, 400, 'burst'],
      [{ appliesTo: 'plan', planKey: 'ok', requestsPerSecond: 10, concurrentStreams: 'many' }, 400, 'concurrentStreams'],
      [{ appliesTo: 'plan', planKey: 'ok', requestsPerSecond: 10, note: 'a\u0000b' }, 400, 'note'],
      [{ appliesTo: 'tenant', tenantId: 'not-a-uuid', requestsPerSecond: 1 }, 400, 'tenantId'],
      [{ appliesTo: 'tenant', tenantId: '00000000-0000-4000-8000-000000000000', requestsPerSecond: 1 }, 400, 'tenantId'],
    ];
    for (const [payload, status, field] of cases) expectProblem(await t.inject({ method: 'POST', url: '/api/rate-limits', payload }), status, undefined, field);
    const first = await setPolicy({ appliesTo: 'plan', planKey: 'twice', requestsPerSecond: 3 });
    expectProblem(await t.inject({ method: 'POST', url: '/api/rate-limits', payload: { appliesTo: 'plan', planKey: 'twice', requestsPerSecond: 3 } }), 409, 'policy_exists', 'planKey');
    expectProblem(await t.inject({ method: 'PUT', url: `/api/rate-limits/${first.id}`, payload: { planKey: 'other' } }), 400, 'validation_failed', 'planKey');
    expectProblem(await t.inject({ method: 'PUT', url: `/api/rate-limits/${first.id}`, payload: { burst: 0 } }), 400, 'validation_failed', 'burst');
    expectProblem(await t.inject({ method: 'GET', url: '/api/rate-limits/nope' }), 404, 'not_found');
    expectProblem(await t.inject({ method: 'DELETE', url: '/api/rate-limits/00000000-0000-4000-8000-000000000000' }), 404, 'not_found');
    expectProblem(await t.inject({ method: 'POST', url: '/api/rate-limits', headers: { 'content-type': 'application/json' }, payload: '[1,2' }), 400);
    expectProblem(await t.inject({ method: 'GET', url: '/api/rate-limits/throttled?sinceMinutes=abc' }), 400);
    expectProblem(await t.inject({ method: 'GET', url: `/api/rate-limits/throttled?filter=${encodeURIComponent('{"sinceMinutes":')}` }), 400, 'validation_failed', 'filter');
    expectProblem(await t.inject({ method: 'GET', url: `/api/rate-limits/throttled?filter=${encodeURIComponent('{"sinceMinutes":"abc"}')}` }), 400, 'validation_failed', 'filter.sinceMinutes');
    expect((await t.inject({ method: 'GET', url: `/api/rate-limits/throttled?filter=${encodeURIComponent('{"sinceMinutes":60}')}` })).statusCode).toBe(200);
    expectProblem(await t.inject({ method: 'GET', url: '/api/rate-limits/effective/not-a-uuid' }), 400);
    await removePolicy(first.id);
  });

  it("never lets a tenant user or a tenant's admin read or change policies", async () => {
    const policy = await setPolicy({ appliesTo: 'tenant', tenantId: free.tenant!.id, requestsPerSecond: 500 });
    try {
      for (const client of [pro, proAdmin]) {
        expectProblem(await client.inject('/api/rate-limits'), 403);
        expectProblem(await client.inject(`/api/rate-limits/${policy.id}`), 403);
        expectProblem(await client.inject('/api/rate-limits/throttled'), 403);
        expectProblem(await client.inject(`/api/rate-limits/effective/${pro.tenant!.id}`), 403);
        expectProblem(await client.inject({ method: 'POST', url: '/api/rate-limits', payload: { appliesTo: 'tenant', tenantId: client.tenant!.id, requestsPerSecond: 100000 } }), 403);
        expectProblem(await client.inject({ method: 'PUT', url: `/api/rate-limits/${policy.id}`, payload: { requestsPerSecond: 1 } }), 403);
        expectProblem(await client.inject({ method: 'DELETE', url: `/api/rate-limits/${policy.id}` }), 403);
      }
      const still = await t.inject(`/api/rate-limits/${policy.id}`);
      expect(still.json()).toMatchObject({ requestsPerSecond: 500 });
      expect((await t.inject('/api/rate-limits')).json()).toHaveLength(1);
    } finally {
      await removePolicy(policy.id);
    }
  });

  it("applies a plan's policy from the next request once the tenant moves to that plan", async () => {
    const policy = await setPolicy({ appliesTo: 'plan', planKey: 'pro', requestsPerSecond: 1, burst: 2 });
    try {
      // No plan yet: not limited (and "no plan" is what the kernel now remembers for the tenant).
      expect((await burstOf(free, 5)).map((a) => a.statusCode)).toEqual(Array(5).fill(200));
      const changed = await t.inject({ method: 'POST', url: '/api/plans/change', headers: { 'x-tenant-id': free.tenant!.id }, payload: { planId: proPlanId, reason: 'upgrade' } });
      expect(changed.statusCode, changed.body).toBe(201);
      await t.kernel.services.events.drain(); // plan.assigned
      const after = await burstOf(free, 6);
      expect(after.slice(0, 2).map((a) => a.statusCode)).toEqual([200, 200]);
      expectProblem(after.find((a) => a.statusCode === 429)!, 429, 'rate_limited');
    } finally {
      await removePolicy(policy.id);
    }
  });
});
