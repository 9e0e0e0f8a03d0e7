import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import featureFlags from '@platform/plugin-feature-flags';
import plans from '@platform/plugin-plans';

/**
 * `GET /api/auth/routes`: the routes the signed-in actor may call, which the console uses to show only the
 * buttons, pages and menu entries that will work. It must agree with the route guard itself.
 */
describe('callable routes', () => {
  let t: TestKernel;
  let tenantAdmin: TestClient;
  let tenantMember: TestClient;
  const routesOf = async (client: TestClient) => {
    const res = await client.inject('/api/auth/routes');
    expect(res.statusCode, res.body).toBe(200);
    return new Set((res.json().routes as { method: string; url: string; allowed: boolean }[]).filter((r) => r.allowed).map((r) => `${r.method} ${r.url}`));
  };

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [plans, featureFlags] });
    tenantAdmin = await t.signIn({ role: 'tenant_admin', tenant: 'acme' });
    tenantMember = await t.signIn({ role: 'tenant_member', tenant: 'acme' });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it("lists a tenant admin's reads and own-tenant writes, never a platform route or an ungranted permission", async () => {
    const routes = await routesOf(tenantAdmin);
    expect(routes).toContain('GET /api/plans/plans');
    expect(routes).toContain('POST /api/feature-flags/overrides');
    expect(routes).toContain('GET /api/auth/me');
    // plans.write is a platform permission; flag definitions are platform routes; the tenant list is the platform's.
    for (const refused of ['POST /api/plans/plans', 'PATCH /api/plans/plans/:id', 'POST /api/feature-flags/flags', 'GET /api/tenants', 'GET /api/jobs']) expect(routes).not.toContain(refused);
  });

  it('gives the super admin every non-public route', async () => {
    const routes = await routesOf(t.client);
    expect(routes).toContain('POST /api/plans/plans');
    expect(routes).toContain('GET /api/tenants');
    expect(routes).toContain('POST /api/tenants/:id/suspend');
  });

  it('agrees with the guard: every GET route without parameters is refused (403) exactly when it is not listed', async () => {
    for (const client of [tenantAdmin, tenantMember]) {
      const listed = await routesOf(client);
      const gets = t.kernel.routeTable.records.filter((r) => !r.public && r.url.startsWith('/api/') && r.method.split(',').includes('GET') && !r.url.includes(':') && !r.url.includes('*') && !/stream|export/.test(r.url));
      expect(gets.length).toBeGreaterThan(20);
      const disagreements: string[] = [];
      for (const route of gets) {
        const res = await client.inject({ method: 'GET', url: route.url });
        const refused = res.statusCode === 403 && ['forbidden', 'platform_only'].includes(res.json().code);
        if (refused === listed.has(`GET ${route.url}`)) disagreements.push(`${route.url}: ${res.statusCode} ${res.statusCode === 403 ? res.json().code : ''}, listed ${listed.has(`GET ${route.url}`)}`);
      }
      expect(disagreements).toEqual([]);
    }
  });
});
