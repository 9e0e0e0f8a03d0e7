import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import health from '@platform/plugin-health';
import incidents from '@platform/plugin-incidents';

/** Nav items meant for one audience (`audience: 'tenant'` or `'staff'`) reach only that audience. */
describe('nav audience', () => {
  let t: TestKernel;
  let member: TestClient;
  const navIds = async (client: TestClient) => {
    const res = await client.inject('/api/nav');
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().sections as { items: { id: string }[] }[]).flatMap((s) => s.items.map((i) => i.id));
  };

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [health, incidents] });
    member = await t.signIn({ role: 'tenant_member', tenant: 'acme' });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it("shows a tenant user their tenant's pages, and staff (even with every permission) the platform's", async () => {
    const tenantNav = await navIds(member);
    expect(tenantNav).toEqual(expect.arrayContaining(['health.tenant', 'incidents.tenant']));
    expect(tenantNav).not.toContain('health.matrix');
    const staff = await navIds(t.client);
    expect(staff).not.toContain('health.tenant');
    expect(staff).not.toContain('incidents.tenant');
    expect(staff).toContain('health.matrix');
  });
});
