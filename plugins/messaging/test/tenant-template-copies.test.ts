import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import messaging from '../src/index.ts';
import { TENANT_TEMPLATE_COPIES } from '../src/templates/tenant-template-copies.ts';

/** Provisioning a tenant gives it its own copies of the default templates its customers receive; a re-run adds none twice. */
describe('messaging: default templates of a new tenant', () => {
  let t: TestKernel;
  let adminA: TestClient;
  let adminB: TestClient;
  beforeAll(async () => {
    t = await createTestKernel({ plugins: [messaging] });
    for (const slug of ['copies-a', 'copies-b']) {
      const res = await t.inject({ method: 'POST', url: '/api/tenants', payload: { slug, name: slug } });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().status).toBe('active');
    }
    adminA = await t.signIn({ role: 'tenant_admin', tenant: 'copies-a' });
    adminB = await t.signIn({ role: 'tenant_admin', tenant: 'copies-b' });
  });
  afterAll(async () => t?.close());

  const copiesOf = (tenantId: string) =>
    t.sql<{ key: string; channel: string; archived: boolean }>('SELECT key, channel, archived_at IS NOT NULL AS archived FROM messaging_templates WHERE tenant_id = $1 ORDER BY key', [tenantId]);
  const expected = TENANT_TEMPLATE_COPIES.map((c) => ({ key: c.key, channel: c.channel, archived: false })).sort((a, b) => a.key.localeCompare(b.key));

  it("copies each listed template with the platform's current content, and the tenant admin sees its own copies only", async () => {
    const a = adminA.tenant!.id;
    expect(await copiesOf(a)).toEqual(expected);
    const [platform] = await t.sql<{ subject: string }>(
      "SELECT v.subject FROM messaging_template_versions v JOIN messaging_templates t ON t.id = v.template_id WHERE t.tenant_id IS NULL AND t.key = 'invoice.issued' AND v.language = 'en'",
    );
    const [copy] = await t.sql<{ subject: string }>(
      "SELECT v.subject FROM messaging_template_versions v JOIN messaging_templates t ON t.id = v.template_id WHERE t.tenant_id = $1 AND t.key = 'invoice.issued' AND v.language = 'en'",
      [a],
    );
    expect(copy.subject).toBe(platform.subject);
    const listed = await adminA.inject('/api/messaging/templates?perPage=100');
    expect(listed.statusCode, listed.body).toBe(200);
    const own = (listed.json() as { tenantId: string | null; key: string; overridesPlatform: boolean }[]).filter((r) => r.tenantId !== null);
    expect(own.every((r) => r.tenantId === a && r.overridesPlatform)).toBe(true);
    expect(own.map((r) => r.key).sort()).toEqual(expected.map((e) => e.key));
    const steps = await t.sql<{ plugin: string; status: string }>('SELECT plugin, status FROM tenant_provisioning_steps WHERE tenant_id = $1', [a]);
    expect(steps).toContainEqual({ plugin: 'messaging', status: 'succeeded' });
  });

  it('a re-run adds nothing twice, and a copy the tenant archived stays archived', async () => {
    const b = adminB.tenant!.id;
    const [invitation] = await t.sql<{ id: string }>("SELECT id FROM messaging_templates WHERE tenant_id = $1 AND key = 'invitation'", [b]);
    const archived = await adminB.inject({ method: 'DELETE', url: `/api/messaging/templates/${invitation.id}` });
    expect(archived.statusCode, archived.body).toBeLessThan(300);
    await t.sql("UPDATE tenants SET status = 'provisioning' WHERE id = $1", [b]);
    await t.sql('DELETE FROM tenant_provisioning_steps WHERE tenant_id = $1', [b]);
    const rerun = await t.inject({ method: 'POST', url: `/api/tenants/${b}/provision` });
    expect(rerun.statusCode, rerun.body).toBe(200);
    expect(rerun.json().status).toBe('active');
    expect(await copiesOf(b)).toEqual(expected.map((e) => (e.key === 'invitation' ? { ...e, archived: true } : e)));
  });
});
