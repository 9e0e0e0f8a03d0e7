import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertsHarness, type AlertsHarness } from './support/alerts-harness.ts';

/** Provisioning a tenant seeds its default alert rules (its own API traffic); a re-run does not duplicate them. */
describe('alerts: default rules of a new tenant', () => {
  let h: AlertsHarness;
  beforeAll(async () => {
    h = await startAlertsHarness();
  });
  afterAll(async () => h?.close());

  const createTenant = async (slug: string, name: string) => {
    const res = await h.t.inject({ method: 'POST', url: '/api/tenants', payload: { slug, name } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('active');
    return res.json().id as string;
  };
  const rulesOf = (tenantId: string) =>
    h.t.sql<{ name: string; metric: string; enabled: boolean; filter: unknown }>('SELECT name, metric, enabled, filter FROM alerts_rules WHERE tenant_filter = $1 ORDER BY name', [tenantId]);

  it('seeds two disabled rules scoped to the tenant, listed by the rules API with their tenant filter', async () => {
    const tenantId = await createTenant('alerts-defaults', 'Acme');
    expect(await rulesOf(tenantId)).toEqual([
      { name: 'Acme: API server errors', metric: 'api_requests_total', enabled: false, filter: { status_class: '5xx' } },
      { name: 'Acme: slow API', metric: 'api_request_duration_ms', enabled: false, filter: {} },
    ]);
    const listed = (await h.t.inject('/api/alerts/rules?perPage=100')).json() as { name: string; tenantFilter: string | null }[];
    expect(listed.filter((r) => r.tenantFilter === tenantId).map((r) => r.name).sort()).toEqual(['Acme: API server errors', 'Acme: slow API']);
    const steps = await h.t.sql<{ plugin: string; status: string }>('SELECT plugin, status FROM tenant_provisioning_steps WHERE tenant_id = $1', [tenantId]);
    expect(steps).toContainEqual({ plugin: 'alerts', status: 'succeeded' });
    // Each tenant gets its own; the platform's recommended rules are not copied.
    const other = await createTenant('alerts-other', 'Globex');
    expect((await rulesOf(other)).map((r) => r.name)).toEqual(['Globex: API server errors', 'Globex: slow API']);
  });

  it('a re-run adds nothing twice, and a default rule the operator deleted stays deleted', async () => {
    const tenantId = await createTenant('alerts-rerun', 'Initech');
    await h.t.sql("DELETE FROM alerts_rules WHERE tenant_filter = $1 AND name LIKE '%slow API'", [tenantId]);
    await h.t.sql("UPDATE tenants SET status = 'provisioning' WHERE id = $1", [tenantId]);
    await h.t.sql('DELETE FROM tenant_provisioning_steps WHERE tenant_id = $1', [tenantId]);
    const rerun = await h.t.inject({ method: 'POST', url: `/api/tenants/${tenantId}/provision` });
    expect(rerun.statusCode, rerun.body).toBe(200);
    expect(rerun.json().status).toBe('active');
    expect((await rulesOf(tenantId)).map((r) => r.name)).toEqual(['Initech: API server errors']);
  });

  it("a purged tenant's rules and their seeds go with it; other tenants' stay", async () => {
    const doomed = await createTenant('alerts-doomed', 'Doomed');
    const kept = await createTenant('alerts-kept', 'Kept');
    const by = { actorType: 'system', actorId: null, actorLabel: 'test', requestId: null } as const;
    await h.t.kernel.services.tenants.transition(doomed, 'delete', 'test', by as any);
    await h.t.kernel.services.tenants.purge(doomed, by as any, new Date(Date.now() + 365 * 86_400_000));
    await h.t.kernel.services.events.drain();
    expect(await rulesOf(doomed)).toEqual([]);
    expect(await h.t.sql("SELECT seed_key FROM alerts_rule_seeds WHERE seed_key LIKE $1", [`tenant:${doomed}:%`])).toEqual([]);
    expect(await rulesOf(kept)).toHaveLength(2);
  });
});
