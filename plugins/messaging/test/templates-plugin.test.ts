import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin, type Database } from '@platform/sdk';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import messaging from '../src/index.ts';
import { StoredTemplateRenderer } from '../src/templates/template-renderer.ts';
import { seedDefaultTemplates } from '../src/templates/seed-default-templates.ts';
import { DEFAULT_TEMPLATES } from '../src/templates/default-templates.ts';

// What sending uses: the renderer over the same database, built the way the plugin builds it.
let renderer: StoredTemplateRenderer;
let db: Database;
const sendingProbe = definePlugin({
  name: 'template-sending-probe',
  version: '0.1.0',
  kernel: '^0.1.0',
  dependsOn: ['messaging'],
  boot(ctx) {
    renderer = new StoredTemplateRenderer(ctx.db, ctx.tenants);
    db = ctx.db;
  },
});

const URL = '/api/messaging/templates';

describe('messaging templates', () => {
  let t: TestKernel;
  let admin: TestClient;
  let support: TestClient;
  let adminA: TestClient;
  let memberA: TestClient;
  let adminB: TestClient;
  let tenantA: string;
  let tenantB: string;

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [messaging, sendingProbe] });
    admin = await t.signIn({ role: 'admin' });
    support = await t.signIn({ role: 'support' });
    // These tests start each tenant with no templates of its own (provisioning's copies are tested in tenant-template-copies.test.ts).
    const noCopies = await t.inject({ method: 'PUT', url: '/api/plugins/messaging/settings', payload: { tenantTemplateCopies: [] } });
    expect(noCopies.statusCode, noCopies.body).toBe(200);
    // Tenant A speaks German: its language sits between the requested one and the template default.
    const created = await t.inject({ method: 'POST', url: '/api/tenants', payload: { slug: 'tpl-a', name: 'Tenant A', locale: 'de' } });
    expect(created.statusCode, created.body).toBe(201);
    adminA = await t.signIn({ role: 'tenant_admin', tenant: 'tpl-a' });
    memberA = await t.signIn({ role: 'tenant_member', tenant: 'tpl-a' });
    adminB = await t.signIn({ role: 'tenant_admin', tenant: 'tpl-b' });
    tenantA = adminA.tenant!.id;
    tenantB = adminB.tenant!.id;
  });
  afterAll(async () => t?.close());

  const create = (client: TestClient, payload: Record<string, unknown>) => client.inject({ method: 'POST', url: URL, payload });
  const update = (client: TestClient, id: string, payload: Record<string, unknown>) => client.inject({ method: 'PUT', url: `${URL}/${id}`, payload });
  const preview = (client: TestClient, id: string, payload: Record<string, unknown> = {}) => client.inject({ method: 'POST', url: `${URL}/${id}/preview`, payload });

  const orderSms = {
    key: 'order.shipped',
    channel: 'sms',
    description: 'Order shipped',
    defaultLanguage: 'en',
    variables: [
      { name: 'name', type: 'string', sample: 'Ada' },
      { name: 'items', type: 'list', sample: [{ sku: 'A1' }, { sku: 'B2' }] },
      { name: 'tracking', type: 'string', required: false },
    ],
    body: 'Hi {{name}}, shipped: {{#each items}}{{sku}}{{#unless @last}}, {{/unless}}{{/each}}{{#if tracking}} ({{tracking}}){{/if}}',
  };

  it('seeds the default platform templates at boot, once', async () => {
    const res = await admin.inject(`${URL}?filter=${encodeURIComponent(JSON.stringify({ scope: 'platform' }))}&range=[0,49]`);
    expect(res.statusCode, res.body).toBe(200);
    const keys = res.json().map((x: { channel: string; key: string }) => `${x.channel}/${x.key}`).sort();
    expect(keys).toEqual(['email/credits.low', 'email/invitation', 'email/invoice.issued', 'email/password_reset', 'sms/alert.fired']);
    expect(res.headers['content-range']).toBe('templates 0-4/5');
    // Seeding again (what every boot does, on every instance) adds nothing.
    expect(await seedDefaultTemplates(db, DEFAULT_TEMPLATES)).toEqual([]);
    if (t.databaseUrl) {
      // and so does a second instance booting on the same PostgreSQL database
      const again = await createTestKernel({ plugins: [messaging], databaseUrl: t.databaseUrl });
      await again.close();
    }
    expect(await t.sql('SELECT count(*)::int AS n FROM messaging_templates WHERE tenant_id IS NULL')).toEqual([{ n: 5 }]);
  });

  it('creates a template with its first version, saves new versions per language, and keeps the history', async () => {
    const res = await create(admin, orderSms);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ key: 'order.shipped', channel: 'sms', tenantId: null, defaultLanguage: 'en', languages: ['en'], current: { en: { version: 1 } } });
    expect(created.variables[2]).toEqual({ name: 'tracking', type: 'string', required: false });

    const v2 = await update(admin, created.id, { body: 'Hello {{name}}: {{#each items}}{{sku}} {{/each}}' });
    expect(v2.statusCode, v2.body).toBe(200);
    const fr = await update(admin, created.id, { language: 'fr', body: 'Bonjour {{name}} : {{#each items}}{{sku}} {{/each}}' });
    expect(fr.json()).toMatchObject({ languages: ['en', 'fr'], current: { en: { version: 2 }, fr: { version: 1 } } });

    const detail = (await admin.inject(`${URL}/${created.id}`)).json();
    expect(detail.versions.map((v: { language: string; version: number }) => `${v.language}${v.version}`).sort()).toEqual(['en1', 'en2', 'fr1']);
    expect(detail.versions.find((v: { version: number; language: string }) => v.language === 'en' && v.version === 1).body).toBe(orderSms.body);
    // versions are append-only in the database too
    await expect(t.sql('UPDATE messaging_template_versions SET body = $1', ['x'])).rejects.toThrow(/append-only/);

    const p = await preview(admin, created.id, { language: 'fr-CA' });
    expect(p.json()).toMatchObject({ language: 'fr', version: 1, channel: 'sms', body: 'Bonjour Ada : A1 B2 ', segments: { encoding: 'GSM-7', segments: 1, remaining: 140 } });
    const en = await preview(admin, created.id, { data: { name: 'Zoë 🚀', items: [] } });
    expect(en.json()).toMatchObject({ language: 'en', body: 'Hello Zoë 🚀: ', segments: { encoding: 'UCS-2', units: 14, segments: 1, remaining: 56 } });
  });

  it('previews an email with the CSS inlined and a text part generated from the HTML', async () => {
    const res = await create(admin, {
      key: 'welcome',
      channel: 'email',
      variables: [{ name: 'name', type: 'string', sample: 'Ada & co' }, { name: 'url', type: 'string', sample: 'https://x.test/start' }],
      subject: 'Welcome, {{name}}',
      html: '<style>h1 { color: #123456 }</style><h1>Welcome {{name}}</h1><p><a href="{{url}}">Get started</a></p>{{> footer}}',
      partials: { footer: '<p>Bye {{name}}</p>' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = (await preview(admin, res.json().id)).json();
    expect(p).toMatchObject({ channel: 'email', subject: 'Welcome, Ada & co', textGenerated: true });
    expect(p.html).toBe('<h1 style="color: #123456;">Welcome Ada &amp; co</h1><p><a href="https://x.test/start">Get started</a></p><p>Bye Ada &amp; co</p>');
    expect(p.text).toBe('WELCOME ADA & CO\n\nGet started [https://x.test/start]\n\nBye Ada & co');
  });

  it('answers 400 naming the field: unknown variable, oversized part, bad language tag, missing data', async () => {
    const unknown = await create(admin, { ...orderSms, key: 'bad.one', body: 'Hi {{name}} {{coupon}}' });
    expect(unknown.json()).toMatchObject({ status: 400, code: 'unknown_template_variable', field: 'body', variable: 'coupon' });
    const inHtml = await create(admin, { key: 'bad.two', channel: 'email', subject: 'Hi', html: '<p>{{#each rows}}{{x}}{{/each}}{{total}}</p>', variables: [{ name: 'rows', type: 'list' }] });
    expect(inHtml.json()).toMatchObject({ status: 400, field: 'html', variable: 'total' });
    const inSubject = await create(admin, { key: 'bad.three', channel: 'email', subject: 'Hi {{who}}', text: 'x' });
    expect(inSubject.json()).toMatchObject({ status: 400, field: 'subject', variable: 'who' });

    const bigHtml = await create(admin, { key: 'big.html', channel: 'email', subject: 's', html: `<p>${'x'.repeat(70 * 1024)}</p>` });
    expect(bigHtml.json()).toMatchObject({ status: 400, code: 'template_too_large', field: 'html' });
    const bigSms = await create(admin, { key: 'big.sms', channel: 'sms', body: 'y'.repeat(1601) });
    expect(bigSms.json()).toMatchObject({ status: 400, code: 'template_too_large', field: 'body' });

    expect((await create(admin, { ...orderSms, key: 'bad.lang', defaultLanguage: 'english!' })).json()).toMatchObject({ status: 400, code: 'invalid_language', field: 'defaultLanguage' });
    const [existing] = (await admin.inject(`${URL}?filter=${encodeURIComponent(JSON.stringify({ key: 'order.shipped' }))}`)).json();
    expect((await update(admin, existing.id, { language: 'en_US', body: 'x' })).json()).toMatchObject({ status: 400, code: 'invalid_language', field: 'language' });
    expect((await preview(admin, existing.id, { language: '!!' })).json()).toMatchObject({ status: 400, field: 'language' });

    // no sample for a required variable and no data: the preview names it
    const noSample = (await create(admin, { key: 'needs.code', channel: 'sms', variables: [{ name: 'code', type: 'string' }], body: 'Code {{code}}' })).json();
    expect((await preview(admin, noSample.id)).json()).toMatchObject({ status: 400, code: 'missing_template_variable', field: 'data.code' });
    expect((await preview(admin, noSample.id, { data: { code: 42 } })).json()).toMatchObject({ status: 400, code: 'invalid_template_variable', field: 'data.code' });

    // variables that would orphan a use in a saved version are refused too
    expect((await update(admin, existing.id, { variables: [{ name: 'name', type: 'string' }] })).json()).toMatchObject({ status: 400, field: 'variables', variable: 'items' });
    // nothing half-written: no template was created by the refusals
    expect(await t.sql(`SELECT count(*)::int AS n FROM messaging_templates WHERE key LIKE 'bad.%' OR key LIKE 'big.%'`)).toEqual([{ n: 0 }]);
    expect((await create(admin, orderSms)).json()).toMatchObject({ status: 409, code: 'template_exists', field: 'key' });
  });

  it('validates an unsaved template for the editor: variables found, errors with fields, segment count', async () => {
    const ok = await adminA.inject({ method: 'POST', url: `${URL}/validate`, payload: { channel: 'sms', variables: orderSms.variables, body: orderSms.body } });
    expect(ok.json()).toMatchObject({ valid: true, variables: ['name', 'items', 'tracking'], errors: [], segments: { encoding: 'GSM-7', segments: 1, of: 'preview' }, preview: { body: 'Hi Ada, shipped: A1, B2' } });
    const bad = await adminA.inject({ method: 'POST', url: `${URL}/validate`, payload: { channel: 'sms', variables: [], body: 'Hi {{name}} {{#if}}' } });
    expect(bad.statusCode).toBe(200);
    expect(bad.json()).toMatchObject({ valid: false, errors: [{ field: 'body', code: 'template_syntax' }], segments: { of: 'source' } });
    const unknown = await adminA.inject({ method: 'POST', url: `${URL}/validate`, payload: { channel: 'email', subject: '{{a}}', html: '<p>{{b}}</p>', variables: [{ name: 'a', type: 'string', sample: 'x' }, { name: 'c', type: 'number' }] } });
    expect(unknown.json()).toMatchObject({ valid: false, unused: ['c'], errors: [{ field: 'html', code: 'unknown_template_variable', name: 'b' }] });
  });

  it('lets a tenant override a platform template: it wins for that tenant only, and archiving it restores the platform one', async () => {
    const platform = (await admin.inject(`${URL}?filter=${encodeURIComponent(JSON.stringify({ key: 'alert.fired', scope: 'platform' }))}`)).json()[0];
    const override = await create(adminA, { key: 'alert.fired', channel: 'sms', body: 'A-ALERT {{alertName}} ({{severity}})' });
    expect(override.statusCode, override.body).toBe(201);
    expect(override.json()).toMatchObject({ tenantId: tenantA, overridesPlatform: true, variables: platform.variables, defaultLanguage: 'en' });

    const data = { alertName: 'Disk full', severity: 'critical', summary: 'db-1 at 95%' };
    expect(await renderer.render(tenantA, 'alert.fired', 'sms', data)).toMatchObject({ channel: 'sms', body: 'A-ALERT Disk full (critical)', segments: 1, language: 'en' });
    expect(await renderer.render(tenantB, 'alert.fired', 'sms', data)).toMatchObject({ body: '[critical] Disk full: db-1 at 95%', templateVersionId: platform.current.en.id });
    expect(await renderer.render(null, 'alert.fired', 'sms', data)).toMatchObject({ body: '[critical] Disk full: db-1 at 95%' });

    // an override may use only the platform template's variables
    const extra = await update(adminA, override.json().id, { body: '{{alertName}} {{room}}' });
    expect(extra.json()).toMatchObject({ status: 400, field: 'body', variable: 'room' });
    const extraVar = await update(adminA, override.json().id, { variables: [{ name: 'room', type: 'string' }] });
    expect(extraVar.json()).toMatchObject({ status: 400, field: 'variables.0.name', variable: 'room' });

    expect((await adminA.inject({ method: 'DELETE', url: `${URL}/${override.json().id}` })).json()).toMatchObject({ archivedAt: expect.any(String) });
    expect(await renderer.render(tenantA, 'alert.fired', 'sms', data)).toMatchObject({ body: '[critical] Disk full: db-1 at 95%' });
  });

  it('keeps tenants apart: B cannot see, preview, change or archive A\'s templates, nor create in A', async () => {
    const own = await create(adminA, { key: 'a.private', channel: 'sms', variables: [{ name: 'code', type: 'string', sample: '1234' }], body: 'A secret {{code}}' });
    expect(own.statusCode, own.body).toBe(201);
    const id = own.json().id;
    expect((await adminB.inject(`${URL}/${id}`)).statusCode).toBe(404);
    expect((await preview(adminB, id)).statusCode).toBe(404);
    expect((await update(adminB, id, { body: 'B was here' })).statusCode).toBe(404);
    expect((await adminB.inject({ method: 'DELETE', url: `${URL}/${id}` })).statusCode).toBe(404);
    expect((await adminB.inject({ method: 'POST', url: `${URL}/validate`, payload: { templateId: id, body: 'x' } })).statusCode).toBe(404);
    const listB = (await adminB.inject(`${URL}?range=[0,99]`)).json();
    expect(listB.every((x: { tenantId: string | null }) => x.tenantId === null)).toBe(true);
    expect((await adminB.inject(`${URL}?filter=${encodeURIComponent(JSON.stringify({ tenantId: tenantA }))}`)).json()).toMatchObject({ status: 403, field: 'filter.tenantId' });
    expect((await create(adminB, { key: 'b.in.a', channel: 'sms', body: 'x', tenantId: tenantA })).json()).toMatchObject({ status: 403, field: 'tenantId' });
    // B's sends never reach A's template (no platform template has that key)
    await expect(renderer.render(tenantB, 'a.private', 'sms', { code: '1' })).rejects.toMatchObject({ status: 404, code: 'template_not_found' });
    expect(await renderer.render(tenantA, 'a.private', 'sms', { code: '1' })).toMatchObject({ body: 'A secret 1' });

    // A sees its own and the platform's; tenant admins cannot touch platform templates; members cannot write
    const listA = (await adminA.inject(`${URL}?range=[0,99]`)).json();
    expect(listA.some((x: { id: string }) => x.id === id)).toBe(true);
    const platformId = listA.find((x: { tenantId: string | null; key: string }) => x.tenantId === null && x.key === 'invitation').id;
    expect((await update(adminA, platformId, { subject: 'Hacked' })).json()).toMatchObject({ status: 403, code: 'platform_template' });
    expect((await adminA.inject({ method: 'DELETE', url: `${URL}/${platformId}` })).statusCode).toBe(403);
    expect((await create(memberA, { key: 'm.try', channel: 'sms', body: 'x' })).statusCode).toBe(403);
    expect((await memberA.inject(`${URL}/${id}`)).statusCode).toBe(200);
    // support staff read everything but change nothing; staff see A's template across tenants
    expect((await support.inject(`${URL}/${id}`)).statusCode).toBe(200);
    expect((await update(support, id, { body: 'x' })).statusCode).toBe(403);
    expect((await create(support, { key: 'p.try', channel: 'sms', body: 'x' })).statusCode).toBe(403);
  });

  it('renders for sending with the language chain requested -> tenant language -> default, and refuses missing data', async () => {
    const res = await create(admin, {
      key: 'code.sms',
      channel: 'sms',
      defaultLanguage: 'en',
      variables: [{ name: 'code', type: 'string' }],
      body: 'Your code is {{code}}',
    });
    const id = res.json().id;
    await update(admin, id, { language: 'de', body: 'Ihr Code: {{code}}' });
    await update(admin, id, { language: 'es', body: 'Su código: {{code}}' });
    // tenant A's locale is de
    expect(await renderer.render(tenantA, 'code.sms', 'sms', { code: '9' })).toMatchObject({ language: 'de', body: 'Ihr Code: 9' });
    expect(await renderer.render(tenantA, 'code.sms', 'sms', { code: '9' }, 'es-MX')).toMatchObject({ language: 'es', body: 'Su código: 9' });
    expect(await renderer.render(tenantA, 'code.sms', 'sms', { code: '9' }, 'it')).toMatchObject({ language: 'de' });
    expect(await renderer.render(tenantB, 'code.sms', 'sms', { code: '9' }, 'it')).toMatchObject({ language: 'en', body: 'Your code is 9' });
    await expect(renderer.render(tenantB, 'code.sms', 'sms', {})).rejects.toMatchObject({ status: 400, code: 'missing_template_variable', field: 'data.code' });
    await expect(renderer.render(tenantB, 'code.sms', 'email', { code: '1' })).rejects.toMatchObject({ status: 404, code: 'template_not_found' });

    const email = await renderer.render(tenantB, 'password_reset', 'email', { platformName: 'Acme', resetUrl: 'https://x.test/r/1', expiresInMinutes: 30 });
    expect(email).toMatchObject({ channel: 'email', language: 'en', subject: 'Reset your Acme password' });
    if (email.channel !== 'email') throw new Error('not email');
    expect(email.html).toContain('style="display: inline-block;');
    expect(email.text).toContain('Choose a new password [https://x.test/r/1]');

    // an archived default is not seeded again on the next boot
    const invitation = (await admin.inject(`${URL}?filter=${encodeURIComponent(JSON.stringify({ key: 'invitation' }))}`)).json()[0];
    expect((await admin.inject({ method: 'DELETE', url: `${URL}/${invitation.id}` })).statusCode).toBe(200);
    expect(await seedDefaultTemplates(db, DEFAULT_TEMPLATES)).toEqual([]);
    await expect(renderer.render(null, 'invitation', 'email', {})).rejects.toMatchObject({ status: 404 });
    // while a default the database has not seeded yet (added in a later version) is seeded
    const later = { ...DEFAULT_TEMPLATES[0], key: 'alert.resolved', content: { body: 'Resolved: {{alertName}}' } };
    expect(await seedDefaultTemplates(db, [...DEFAULT_TEMPLATES, later])).toEqual(['sms/alert.resolved']);
  });

  it('lets staff manage a tenant\'s override by naming the tenant, and a tenant admin name only its own', async () => {
    const byStaff = await create(admin, { key: 'credits.low', channel: 'email', tenantId: tenantB, subject: 'B: {{balance}} left', text: 'Top up, {{tenantName}}.' });
    expect(byStaff.statusCode, byStaff.body).toBe(201);
    expect(byStaff.json()).toMatchObject({ tenantId: tenantB, overridesPlatform: true });
    const data = { platformName: 'Acme', tenantName: 'Tenant', balance: 3, threshold: 10 };
    expect(await renderer.render(tenantB, 'credits.low', 'email', data)).toMatchObject({ subject: 'B: 3 left', text: 'Top up, Tenant.', html: null });
    expect(await renderer.render(tenantA, 'credits.low', 'email', data)).toMatchObject({ subject: 'Tenant: 3 SMS credits left' });
    expect((await create(adminA, { key: 'own.named', channel: 'sms', body: 'x', tenantId: tenantA })).statusCode).toBe(201);
    const nowhere = await create(admin, { key: 'ghost', channel: 'sms', body: 'x', tenantId: '00000000-0000-4000-8000-000000000000' });
    expect(nowhere.json()).toMatchObject({ status: 400, field: 'tenantId' });
    // a tenant admin can read B's override? no: 404
    expect((await adminA.inject(`${URL}/${byStaff.json().id}`)).statusCode).toBe(404);
  });

  it('numbers concurrent saves of one language without gaps or duplicates', async () => {
    const created = (await create(admin, { key: 'race.sms', channel: 'sms', variables: [{ name: 'n', type: 'number', sample: 0 }], body: 'v {{n}}' })).json();
    const saves = await Promise.all(Array.from({ length: 12 }, (_, i) => update(admin, created.id, { body: `save ${i} {{n}}` })));
    expect(saves.map((r) => r.statusCode)).toEqual(Array(12).fill(200));
    const rows = await t.sql<{ version: number }>('SELECT version FROM messaging_template_versions WHERE template_id = $1 ORDER BY version', [created.id]);
    expect(rows.map((r) => r.version)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect((await admin.inject(`${URL}/${created.id}`)).json().current.en.version).toBe(13);
  });
});
