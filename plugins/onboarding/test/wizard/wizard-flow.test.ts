import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '@platform/testing';
import { TENANT_PLUGINS, type TenantPluginSwitch } from '@platform/sdk';
import { BASIC_INFO, connectShopify, connectStripe, giveLoyaltyPlan, ok, probe, startWizardKernel, type WizardKernel } from './support/wizard-kernel.ts';

const S = '/api/onboarding/wizard';

/** The whole wizard on a real kernel: resume, server validation, OAuth against the fakes, skipping, checklist, launch. */
describe('onboarding wizard', () => {
  let w: WizardKernel;
  let admin: TestClient;

  beforeAll(async () => {
    w = await startWizardKernel();
    admin = await w.t.signIn({ role: 'tenant_admin', tenant: 'acme' });
    await giveLoyaltyPlan(w.t, admin.tenant!.id);
  });
  afterAll(() => w?.close());

  const put = (c: TestClient, step: string, answers: unknown) => c.inject({ method: 'PUT', url: `${S}/steps/${step}`, payload: { answers } });

  it('starts at basic info with the seven pages in order', async () => {
    const s = await ok(admin.inject(`${S}/session`));
    expect(s.status).toBe('in_progress');
    expect(s.currentStep).toBe('basic-info');
    expect(s.steps.map((x: any) => [x.id, x.skippable])).toEqual([
      ['basic-info', false],
      ['shopify', false],
      ['payments', true],
      ['features', false],
      ['team', true],
      ['import', true],
    ]);
  });

  it('validates basic info on the server, naming the field', async () => {
    const cases: [Record<string, unknown>, string, number][] = [
      [{ ...BASIC_INFO, slug: 'Bad Slug!' }, 'answers.slug', 400],
      [{ ...BASIC_INFO, slug: 'admin' }, 'answers.slug', 400],
      [{ ...BASIC_INFO, primaryColor: 'blue' }, 'answers.primaryColor', 400],
      [{ ...BASIC_INFO, primaryColor: '#fafafa' }, 'answers.primaryColor', 400],
      [{ ...BASIC_INFO, accentColor: BASIC_INFO.primaryColor }, 'answers.accentColor', 400],
      [{ ...BASIC_INFO, name: 'Acme\u0000Corp' }, 'answers.name', 400],
      [{ ...BASIC_INFO, name: 42 }, 'answers.name', 400],
      [{ ...BASIC_INFO, domain: 'not a domain' }, 'answers.domain', 400],
      [{ ...BASIC_INFO, logoUrl: 'http://insecure.example.com/logo.png' }, 'answers.logoUrl', 400],
      [{ ...BASIC_INFO, logoDataUrl: 'data:text/html;base64,PGgxPg==' }, 'answers.logoDataUrl', 400],
      [{ ...BASIC_INFO, extra: true }, 'answers.extra', 400],
    ];
    for (const [answers, field, status] of cases) {
      const r = await put(admin, 'basic-info', answers);
      expect(r.statusCode, `${field}: ${r.body}`).toBe(status);
      expect(r.json().field, r.body).toBe(field);
    }
    const other = await w.t.tenant('taken-slug');
    const taken = await put(admin, 'basic-info', { ...BASIC_INFO, slug: other.slug });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'slug_taken', field: 'answers.slug' });
    const notObject = await admin.inject({ method: 'PUT', url: `${S}/steps/basic-info`, payload: { answers: 'x' } });
    expect(notObject.statusCode).toBe(400);
    // Nothing was saved by the refusals.
    expect((await ok(admin.inject(`${S}/session`))).answers).toEqual({});
  });

  it('answers slug availability live', async () => {
    expect(await ok(admin.inject(`${S}/slug-availability?slug=taken-slug`))).toMatchObject({ available: false, reason: 'taken' });
    expect(await ok(admin.inject(`${S}/slug-availability?slug=acme-outfitters`))).toMatchObject({ available: true });
    expect(await ok(admin.inject(`${S}/slug-availability?slug=acme`))).toMatchObject({ available: true }); // its own
    expect(await ok(admin.inject(`${S}/slug-availability?slug=www`))).toMatchObject({ available: false, reason: 'reserved' });
  });

  it('refuses to skip a required step or jump ahead', async () => {
    const skip = await admin.inject({ method: 'POST', url: `${S}/steps/basic-info/skip` });
    expect(skip.statusCode).toBe(409);
    expect(skip.json()).toMatchObject({ code: 'step_not_skippable', field: 'stepId' });
    const ahead = await put(admin, 'team', { invitations: [] });
    expect(ahead.statusCode).toBe(409);
    expect(ahead.json().code).toBe('step_not_reached');
  });

  it('saves basic info (renaming the tenant) and resumes there from another session of the tenant', async () => {
    const s = await ok(put(admin, 'basic-info', BASIC_INFO));
    expect(s.currentStep).toBe('shopify');
    const tenant = await w.t.kernel.services.directory.get(admin.tenant!.id);
    expect(tenant).toMatchObject({ name: 'Acme Outfitters', slug: 'acme-outfitters', primaryDomain: 'shop.acme-outfitters.com' });
    // "A new browser, days later": another sign-in of the tenant's admins reads the same step and answers.
    const again = await w.t.signIn({ role: 'tenant_admin', tenant: 'acme-outfitters' });
    const resumed = await ok(again.inject(`${S}/session`));
    expect(resumed.currentStep).toBe('shopify');
    expect(resumed.answers['basic-info']).toMatchObject(BASIC_INFO);
    expect(resumed.steps.find((x: any) => x.id === 'basic-info').state).toBe('done');
  });

  it('connects Shopify through OAuth: HMAC and single-use state checked, token sealed, webhooks registered', async () => {
    const notConnected = await put(admin, 'shopify', { shop: w.shopify.shop, scopes: ['read_orders'] });
    expect(notConnected.statusCode).toBe(400);
    expect(notConnected.json().field).toBe('answers.shop');
    const badShop = await admin.inject({ method: 'POST', url: `${S}/shopify/authorize`, payload: { shop: 'evil.example.com', scopes: ['read_orders'] } });
    expect(badShop.statusCode).toBe(400);
    expect(badShop.json().field).toBe('shop');

    const { authorizeUrl } = await ok(admin.inject({ method: 'POST', url: `${S}/shopify/authorize`, payload: { shop: w.shopify.shop, scopes: ['read_orders', 'read_products'] } }));
    const authorize = new URL(authorizeUrl);
    expect(authorize.pathname).toBe('/admin/oauth/authorize');
    expect(authorize.searchParams.get('scope')).toBe('read_orders,read_products');
    expect(authorize.searchParams.get('client_id')).toBe(w.shopify.apiKey);
    expect(authorize.searchParams.get('redirect_uri')).toMatch(/\/api\/onboarding\/wizard\/shopify\/callback$/);
    const approval = await fetch(authorizeUrl, { redirect: 'manual' });
    const callback = new URL(approval.headers.get('location')!);

    const forged = new URL(callback);
    forged.searchParams.set('shop', 'other-shop.myshopify.com');
    const forgedRes = await admin.inject(`${forged.pathname}${forged.search}`);
    expect(forgedRes.statusCode).toBe(400);
    expect(forgedRes.json()).toMatchObject({ code: 'shopify_hmac_invalid', field: 'hmac' });

    const done = await admin.inject(`${callback.pathname}${callback.search}`);
    expect(done.statusCode, done.body).toBe(302);
    expect(done.headers.location).toBe('/onboarding/wizard/shopify?connected=shopify');
    const replay = await admin.inject(`${callback.pathname}${callback.search}`);
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toMatchObject({ code: 'oauth_state_invalid', field: 'state' });

    expect(w.shopify.webhooks.map((h) => h.topic).sort()).toEqual(['app/uninstalled', 'orders/create']);
    expect(w.shopify.webhooks[0].address).toMatch(/\/api\/onboarding\/wizard\/shopify\/webhooks$/);
    const [row] = await w.t.sql<{ secrets: string }>(`SELECT secrets::text AS secrets FROM onboarding_connections WHERE provider = 'shopify'`);
    expect(row.secrets).not.toContain('shpat_');
    const status = await ok(admin.inject(`${S}/steps/shopify/status`));
    expect(status.connection).toMatchObject({ status: 'connected', shop: w.shopify.shop, scopes: ['read_orders', 'read_products'] });
    expect(JSON.stringify(status)).not.toContain('shpat_');

    const tooMuch = await put(admin, 'shopify', { shop: w.shopify.shop, scopes: ['read_orders', 'read_customers'] });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().field).toBe('answers.scopes');
    const s = await ok(put(admin, 'shopify', { shop: w.shopify.shop, scopes: ['read_orders', 'read_products'] }));
    expect(s.currentStep).toBe('payments');
  });

  it('connects Stripe Connect and Wise against their fakes', async () => {
    const notYet = await put(admin, 'payments', { stripe: true, wise: false });
    expect(notYet.statusCode).toBe(400);
    expect(notYet.json().field).toBe('answers.stripe');
    const done = await connectStripe(admin);
    expect(done.statusCode, done.body).toBe(302);
    const [tokenCall] = w.stripe.server.requests.filter((r) => r.path === '/oauth/token');
    expect(tokenCall.headers.authorization).toBe(`Bearer ${w.stripe.secretKey}`);
    expect(new URLSearchParams(tokenCall.body).get('grant_type')).toBe('authorization_code');

    const refused = await admin.inject({ method: 'POST', url: `${S}/wise/token`, payload: { apiToken: 'ffffffff-ffff-4fff-8fff-ffffffffffff' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().field).toBe('apiToken');
    const wrongType = await admin.inject({ method: 'POST', url: `${S}/wise/token`, payload: { apiToken: 12 } });
    expect(wrongType.statusCode).toBe(400);
    const { profiles } = await ok(admin.inject({ method: 'POST', url: `${S}/wise/token`, payload: { apiToken: w.wise.token } }));
    expect(profiles.map((p: any) => p.id)).toEqual(w.wise.profiles.map((p) => p.id));

    const badProfile = await put(admin, 'payments', { stripe: true, wise: true, wiseProfileId: 1 });
    expect(badProfile.json().field).toBe('answers.wiseProfileId');
    const s = await ok(put(admin, 'payments', { stripe: true, wise: true, wiseProfileId: w.wise.profiles[1].id }));
    expect(s.currentStep).toBe('features');
    const status = await ok(admin.inject(`${S}/steps/payments/status`));
    expect(status.stripe).toMatchObject({ status: 'connected', accountId: w.stripe.accountId });
    expect(JSON.stringify(status)).not.toContain(w.wise.token);
  });

  it('enables feature modules within the plan (the kernel refuses the others)', async () => {
    const status = await ok(admin.inject(`${S}/steps/features/status`));
    expect(status.plugins.map((p: any) => [p.name, p.entitled])).toEqual([
      ['loyalty', true],
      ['reviews', false],
    ]);
    const outside = await put(admin, 'features', { enabled: ['loyalty', 'reviews'] });
    expect(outside.statusCode).toBe(402);
    expect(outside.json()).toMatchObject({ code: 'limit_exceeded', field: 'answers.enabled.1' });
    const unknown = await put(admin, 'features', { enabled: ['messaging'] });
    expect(unknown.json().field).toBe('answers.enabled.0');
    expect(await w.t.kernel.services.directory.isPluginEnabled(admin.tenant!.id, 'reviews')).toBe(false);
    // The kernel itself enforces the plan for plugins acting for a tenant.
    const kernelSwitch = probe.ctx!.resolve<TenantPluginSwitch>(TENANT_PLUGINS);
    await expect(kernelSwitch.setEnabled(admin.tenant!.id, 'reviews', true, { actorLabel: 'test', withinPlan: true })).rejects.toMatchObject({ status: 402, code: 'limit_exceeded' });
    const s = await ok(put(admin, 'features', { enabled: ['loyalty'] }));
    expect(s.currentStep).toBe('team');
    expect(await w.t.kernel.services.directory.isPluginEnabled(admin.tenant!.id, 'loyalty')).toBe(true);
  });

  it('stores the team list, refusing duplicates by field', async () => {
    const dup = await put(admin, 'team', { invitations: [{ email: 'ops@acme.test', role: 'tenant_member' }, { email: 'OPS@acme.test', role: 'tenant_admin' }] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().field).toBe('answers.invitations.1.email');
    const badRole = await put(admin, 'team', { invitations: [{ email: 'ops@acme.test', role: 'super_admin' }] });
    expect(badRole.json().field).toMatch(/^answers\.invitations\.0\.role/);
    const s = await ok(put(admin, 'team', { invitations: [{ email: 'ops@acme.test', role: 'tenant_member' }] }));
    expect(s.currentStep).toBe('import');
  });

  it('imports order history as a job whose progress survives leaving the page', async () => {
    const s = await ok(put(admin, 'import', { source: 'shopify', sinceDays: 3650 }));
    expect(s.currentStep).toBe('launch');
    const first = await ok(admin.inject(`${S}/steps/import/status`));
    expect(first.import).toMatchObject({ status: 'running', total: 120, processed: 0 });
    const again = await put(admin, 'import', { source: 'shopify', sinceDays: 3650 });
    expect(again.statusCode).toBe(409);
    await w.t.kernel.services.jobs.runNow('onboarding.wizard-import');
    const later = await ok(admin.inject(`${S}/steps/import/status`));
    expect(later.import).toMatchObject({ status: 'running', processed: 25 });
    const checklist = await ok(admin.inject(`${S}/checklist`));
    expect(checklist.items.find((i: any) => i.id === 'import')).toMatchObject({ ok: false, blocking: false });
    for (let i = 0; i < 4; i++) await w.t.kernel.services.jobs.runNow('onboarding.wizard-import');
    const done = await ok(admin.inject(`${S}/steps/import/status`));
    expect(done.import).toMatchObject({ status: 'completed', total: 120, processed: 120 });
    const [{ n, sum }] = await w.t.sql<{ n: number; sum: string }>(`SELECT count(*)::int AS n, sum(total_minor)::text AS sum FROM onboarding_imported_orders`);
    expect(n).toBe(120);
    expect(Number(sum)).toBeGreaterThan(0);
  });

  it('verifies every step on the checklist, launches, and sends the welcome email once', async () => {
    const checklist = await ok(admin.inject(`${S}/checklist`));
    expect(checklist.ready).toBe(true);
    expect(checklist.items.map((i: any) => [i.id, i.state, i.ok])).toEqual([
      ['basic-info', 'done', true],
      ['shopify', 'done', true],
      ['payments', 'done', true],
      ['features', 'done', true],
      ['team', 'done', true],
      ['import', 'done', true],
    ]);
    const launched = await ok(admin.inject({ method: 'POST', url: `${S}/launch` }));
    expect(launched.session.status).toBe('completed');
    expect(launched.welcomeEmail.status).toBe('sent');
    expect(w.smtp.requests).toHaveLength(1);
    expect(w.smtp.requests[0].raw).toContain('Acme Outfitters');
    expect(w.smtp.requests[0].to).toEqual([admin.tenant ? expect.stringContaining('@test.local') : '']);
    const twice = await admin.inject({ method: 'POST', url: `${S}/launch` });
    expect(twice.statusCode).toBe(409);
    const locked = await put(admin, 'team', { invitations: [] });
    expect(locked.json().code).toBe('onboarding_completed');
    const [audit] = await w.t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit WHERE action = 'onboarding.launched'`);
    expect(audit.n).toBe(1);
  });
});

describe('skipping optional steps', () => {
  let w: WizardKernel;
  let admin: TestClient;
  beforeAll(async () => {
    w = await startWizardKernel();
    admin = await w.t.signIn({ role: 'tenant_admin', tenant: 'skipper' });
    await giveLoyaltyPlan(w.t, admin.tenant!.id);
  });
  afterAll(() => w?.close());

  it('shows skipped steps as skipped on the checklist and still launches; a required step missing blocks the launch', async () => {
    await ok(admin.inject({ method: 'PUT', url: `${S}/steps/basic-info`, payload: { answers: { ...BASIC_INFO, slug: 'skipper-brand', domain: null, logoUrl: null } } }));
    expect((await connectShopify(w, admin)).statusCode).toBe(302);
    await ok(admin.inject({ method: 'PUT', url: `${S}/steps/shopify`, payload: { answers: { shop: w.shopify.shop, scopes: ['read_orders', 'read_products'] } } }));
    const skipped = await ok(admin.inject({ method: 'POST', url: `${S}/steps/payments/skip` }));
    expect(skipped.currentStep).toBe('features');
    const early = await admin.inject({ method: 'POST', url: `${S}/launch` });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'checklist_incomplete' });
    expect(early.json().steps).toEqual(['features', 'team', 'import']);
    await ok(admin.inject({ method: 'PUT', url: `${S}/steps/features`, payload: { answers: { enabled: [] } } }));
    await ok(admin.inject({ method: 'POST', url: `${S}/steps/team/skip` }));
    const last = await ok(admin.inject({ method: 'POST', url: `${S}/steps/import/skip` }));
    expect(last.currentStep).toBe('launch');
    // Back to a skipped step, then forward again.
    expect((await ok(admin.inject({ method: 'PUT', url: `${S}/current`, payload: { step: 'payments' } }))).currentStep).toBe('payments');
    expect((await ok(admin.inject({ method: 'PUT', url: `${S}/current`, payload: { step: 'launch' } }))).currentStep).toBe('launch');
    const checklist = await ok(admin.inject(`${S}/checklist`));
    expect(checklist.items.map((i: any) => [i.id, i.state])).toEqual([
      ['basic-info', 'done'],
      ['shopify', 'done'],
      ['payments', 'skipped'],
      ['features', 'done'],
      ['team', 'skipped'],
      ['import', 'skipped'],
    ]);
    const launched = await ok(admin.inject({ method: 'POST', url: `${S}/launch` }));
    expect(launched.checklist.filter((c: any) => c.state === 'skipped').map((c: any) => c.id)).toEqual(['payments', 'team', 'import']);
  });
});
