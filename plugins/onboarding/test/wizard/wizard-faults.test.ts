import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '@platform/testing';
import { BASIC_INFO, connectShopify, ok, startWizardKernel, type WizardKernel } from './support/wizard-kernel.ts';

const S = '/api/onboarding/wizard';

/** External services failing: nothing half-connected, the import fails visibly and restarts, webhooks are checked. */
describe('onboarding wizard faults', () => {
  let w: WizardKernel;
  let admin: TestClient;
  beforeAll(async () => {
    w = await startWizardKernel();
    admin = await w.t.signIn({ role: 'tenant_admin', tenant: 'faults' });
    await ok(admin.inject({ method: 'PUT', url: `${S}/steps/basic-info`, payload: { answers: { ...BASIC_INFO, slug: 'faults-brand', domain: null } } }));
  });
  afterAll(() => w?.close());

  const connected = async () => (await w.t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM onboarding_connections WHERE tenant_id = $1 AND status = 'connected'`, [admin.tenant!.id]))[0].n;

  it("answers 502 when Shopify's token exchange fails, and connects nothing", async () => {
    w.shopify.failing.add('/admin/oauth/access_token');
    const res = await connectShopify(w, admin);
    expect(res.statusCode).toBe(502);
    expect(JSON.parse(res.body).code).toBe('shopify_failed');
    expect(await connected()).toBe(0);
    w.shopify.failing.clear();
  });

  it('answers 502 when the webhook registration fails, and keeps no token', async () => {
    w.shopify.failing.add('/admin/api/2024-10/webhooks.json');
    const res = await connectShopify(w, admin);
    expect(res.statusCode).toBe(502);
    expect(await connected()).toBe(0);
    w.shopify.failing.clear();
    expect((await connectShopify(w, admin)).statusCode).toBe(302);
    expect(await connected()).toBe(1);
  });

  it('marks an import failed when Shopify fails midway, and starts it again', async () => {
    await ok(admin.inject({ method: 'PUT', url: `${S}/steps/shopify`, payload: { answers: { shop: w.shopify.shop, scopes: ['read_orders', 'read_products'] } } }));
    await ok(admin.inject({ method: 'POST', url: `${S}/steps/payments/skip` }));
    await ok(admin.inject({ method: 'PUT', url: `${S}/steps/features`, payload: { answers: { enabled: [] } } }));
    await ok(admin.inject({ method: 'POST', url: `${S}/steps/team/skip` }));
    await ok(admin.inject({ method: 'PUT', url: `${S}/steps/import`, payload: { answers: { source: 'shopify', sinceDays: 3650 } } }));
    await w.t.kernel.services.jobs.runNow('onboarding.wizard-import');
    w.shopify.failing.add('/admin/api/2024-10/orders.json');
    await w.t.kernel.services.jobs.runNow('onboarding.wizard-import');
    const failed = (await ok(admin.inject(`${S}/steps/import/status`))).import;
    expect(failed).toMatchObject({ status: 'failed', processed: 25 });
    expect(failed.error).toMatch(/500/);
    const checklist = await ok(admin.inject(`${S}/checklist`));
    expect(checklist.items.find((i: any) => i.id === 'import')).toMatchObject({ ok: false, blocking: false });
    w.shopify.failing.clear();
    await ok(admin.inject({ method: 'PUT', url: `${S}/steps/import`, payload: { answers: { source: 'shopify', sinceDays: 3650 } } }));
    for (let i = 0; i < 5; i++) await w.t.kernel.services.jobs.runNow('onboarding.wizard-import');
    expect((await ok(admin.inject(`${S}/steps/import/status`))).import).toMatchObject({ status: 'completed', processed: 120 });
    const [{ n }] = await w.t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM onboarding_imported_orders WHERE tenant_id = $1`, [admin.tenant!.id]);
    expect(n).toBe(120);
  });

  it("checks Shopify's webhook HMAC; app/uninstalled disconnects the shop and fails its checklist line", async () => {
    const body = JSON.stringify({ id: 1, domain: w.shopify.shop });
    const post = (hmac: string) =>
      w.t.kernel.app.inject({
        method: 'POST',
        url: `${S}/shopify/webhooks`,
        headers: { 'content-type': 'application/json', 'x-shopify-topic': 'app/uninstalled', 'x-shopify-shop-domain': w.shopify.shop, 'x-shopify-hmac-sha256': hmac },
        payload: body,
      });
    const forged = await post(createHmac('sha256', 'wrong').update(body).digest('base64'));
    expect(forged.statusCode).toBe(401);
    expect(await connected()).toBe(1);
    const genuine = await post(createHmac('sha256', w.shopify.apiSecret).update(body).digest('base64'));
    expect(genuine.statusCode).toBe(200);
    const checklist = await ok(admin.inject(`${S}/checklist`));
    expect(checklist.items.find((i: any) => i.id === 'shopify')).toMatchObject({ ok: false, blocking: true, detail: 'The app was uninstalled from the store' });
    expect((await admin.inject({ method: 'POST', url: `${S}/launch` })).statusCode).toBe(409);
  });

  it('refuses hostile bodies with 400 naming the field', async () => {
    const huge = await admin.inject({ method: 'PUT', url: `${S}/steps/team`, payload: { answers: { invitations: Array.from({ length: 51 }, (_, i) => ({ email: `p${i}@acme.test`, role: 'tenant_member' })) } } });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().field).toBe('answers.invitations');
    const nul = await admin.inject({ method: 'POST', url: `${S}/shopify/authorize`, payload: { shop: 'a\u0000.myshopify.com', scopes: ['read_orders'] } });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().field).toBe('shop');
    const wrong = await admin.inject({ method: 'PUT', url: `${S}/steps/import`, payload: { answers: { source: 'shopify', sinceDays: '30' } } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().field).toBe('answers.sinceDays');
    const unknownStep = await admin.inject({ method: 'PUT', url: `${S}/steps/nope`, payload: { answers: {} } });
    expect(unknownStep.statusCode).toBe(404);
  });
});
