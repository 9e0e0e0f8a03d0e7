import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { startFakeSmtpServer, type FakeSmtpServer } from '@platform/testing';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { DATA_DECLARATIONS, ERASED, type DataDeclarationRegistry } from '@platform/sdk/data-protection';
import messaging from '@platform/plugin-messaging';
import smtp from '@platform/plugin-email-smtp';
import storage from '@platform/plugin-storage';
import gdpr from '../src/index.ts';

const ANN = { email: 'ann.subject@example.com', name: 'Annabel Subjectson', phone: '+14155550123', password: 'ann-password-123' };
const BOB = { email: 'bob.bystander@example.com', name: 'Bob Bystander', password: 'bob-password-123' };

/** Every file of a zip, by name. */
async function unzip(buffer: Buffer): Promise<Record<string, string>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z!))));
  const files: Record<string, string> = {};
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        stream!.on('data', (c: Buffer) => chunks.push(c));
        stream!.on('end', () => {
          files[entry.fileName] = Buffer.concat(chunks).toString('utf8');
          zip.readEntry();
        });
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return files;
}

describe('gdpr plugin', () => {
  let t: TestKernel;
  let smtpServer: FakeSmtpServer;
  let tenantA: string;
  let tenantB: string;
  let annId: string;
  let bobId: string;
  let adminA: TestClient;
  let adminB: TestClient;
  let requestId: string;
  let certificateId: string;

  const linkIn = (to: string, kind: 'verify' | 'downloads') => {
    const mail = [...smtpServer.requests].reverse().find((m) => m.to.includes(to) && m.raw.includes(`/api/gdpr/${kind}/`));
    expect(mail, `a ${kind} email to ${to}`).toBeDefined();
    return mail!.raw.match(new RegExp(`/api/gdpr/${kind}/([A-Za-z0-9_-]+)`))![1];
  };

  beforeAll(async () => {
    smtpServer = await startFakeSmtpServer();
    t = await createTestKernel({ plugins: [messaging, smtp, storage, gdpr] });
    const provider = await t.inject({ method: 'POST', url: '/api/messaging/providers', payload: { channel: 'email', providerId: 'smtp', name: 'Test SMTP', config: { host: '127.0.0.1', port: smtpServer.port, security: 'none', fromEmail: 'privacy@platform.test' } } });
    expect(provider.statusCode, provider.body).toBe(201);
    const assign = await t.inject({ method: 'PUT', url: '/api/messaging/assignments', payload: { tenantId: null, channel: 'email', providerConfigIds: [provider.json().id] } });
    expect(assign.statusCode, assign.body).toBeLessThan(300);

    const a = await t.inject({ method: 'POST', url: '/api/tenants', payload: { slug: 'gdpr-a', name: 'GDPR A', contactEmail: ANN.email, contactName: ANN.name } });
    expect(a.statusCode, a.body).toBe(201);
    tenantA = a.json().id;
    tenantB = (await t.tenant('gdpr-b')).id;
    for (const person of [ANN, BOB]) {
      const res = await t.inject({ method: 'POST', url: '/api/users', payload: { email: person.email, name: person.name, password: person.password, kind: 'tenant', tenantId: tenantA, roles: ['tenant_member'] } });
      expect(res.statusCode, res.body).toBe(201);
      if (person === ANN) annId = res.json().id;
      else bobId = res.json().id;
    }
    // A billing row about Ann that must be retained (accounting), and a message to her phone.
    await t.sql(`INSERT INTO messaging_credit_accounts (tenant_id, balance) VALUES ($1, 10) ON CONFLICT DO NOTHING`, [tenantA]);
    await t.sql(`INSERT INTO messaging_credit_ledger (id, tenant_id, kind, amount, actor_id, actor_label, reason) VALUES (gen_random_uuid(), $1, 'top_up', 10, $2, $3, 'bought by Ann')`, [tenantA, annId, ANN.email]);
    await t.sql(`INSERT INTO messaging_messages (id, tenant_id, channel, status, recipient, body) VALUES (gen_random_uuid(), $1, 'sms', 'sent', $2, $3)`, [tenantA, ANN.phone, `Hi ${ANN.name}, your code is 123456`]);
    adminA = await t.signIn({ role: 'tenant_admin', tenant: 'gdpr-a' });
    adminB = await t.signIn({ role: 'tenant_admin', tenant: 'gdpr-b' });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await smtpServer?.close();
  });

  it('opens a request with a 30-day deadline and emails a single-use verification link to the person', async () => {
    const res = await t.inject({ method: 'POST', url: '/api/gdpr/requests', payload: { tenantId: tenantA, kind: 'both', email: ANN.email, name: ANN.name, phone: ANN.phone } });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    requestId = body.id;
    expect(body).toMatchObject({ status: 'awaiting_verification', kind: 'both', about: 'person', overdue: false });
    const days = (Date.parse(body.deadlineAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    expect(linkIn(ANN.email, 'verify')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it('refuses to execute before the identity is verified, and flags overdue requests', async () => {
    const early = await t.inject({ method: 'POST', url: `/api/gdpr/requests/${requestId}/execute`, payload: { reason: 'Art. 17 request by email' } });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('not_verified');
    await t.sql(`INSERT INTO gdpr_requests (id, tenant_id, kind, about, status, subject_email, deadline_at, created_at) VALUES (gen_random_uuid(), $1, 'export', 'person', 'verified', 'late@example.com', now() - interval '1 day', now() - interval '31 days')`, [tenantA]);
    const queue = (await t.inject('/api/gdpr/requests')).json() as { subjectEmail: string; overdue: boolean }[];
    expect(queue.find((r) => r.subjectEmail === 'late@example.com')!.overdue).toBe(true);
    expect(queue.find((r) => r.subjectEmail === ANN.email)!.overdue).toBe(false);
  });

  it('verifies once through the emailed link: opening it shows a confirmation page and changes nothing, its button posts', async () => {
    const token = linkIn(ANN.email, 'verify');
    const status = async () => (await t.sql<{ status: string }>(`SELECT status FROM gdpr_requests WHERE id = $1`, [requestId]))[0]!.status;
    for (let i = 0; i < 2; i++) {
      const opened = await t.kernel.app.inject({ method: 'GET', url: `/api/gdpr/verify/${token}` });
      expect(opened.statusCode, opened.body).toBe(200);
      expect(opened.headers['content-type']).toMatch(/^text\/html/);
      expect(opened.headers['cache-control']).toBe('no-store');
      expect(opened.body).toContain(`<form method="post" action="/api/gdpr/verify/${token}">`);
      expect(opened.body).toContain('deletion');
      expect(await status()).toBe('awaiting_verification');
    }
    // The form's post: urlencoded, empty, from a browser.
    const ok = await t.kernel.app.inject({ method: 'POST', url: `/api/gdpr/verify/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: '' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.body).toContain('Request confirmed');
    expect(await status()).toBe('verified');
    const again = await t.kernel.app.inject({ method: 'POST', url: `/api/gdpr/verify/${token}` });
    expect(again.statusCode).toBe(410);
    expect(again.json().code).toBe('link_invalid');
    // Reopened in a browser: the page says so; asked by an API client: problem+json.
    const reopened = await t.kernel.app.inject({ method: 'GET', url: `/api/gdpr/verify/${token}`, headers: { accept: 'text/html' } });
    expect(reopened.statusCode).toBe(410);
    expect(reopened.body).toContain('invalid, expired or already used');
    const asked = await t.kernel.app.inject({ method: 'GET', url: `/api/gdpr/verify/${token}` });
    expect(asked.statusCode).toBe(410);
    expect(asked.headers['content-type']).toContain('application/problem+json');
    expect(asked.json()).toMatchObject({ code: 'link_invalid', field: 'token' });
    expect((await t.kernel.app.inject({ method: 'POST', url: `/api/gdpr/verify/${'x'.repeat(43)}` })).statusCode).toBe(410);
    expect((await t.kernel.app.inject({ method: 'GET', url: `/api/gdpr/verify/bad%00token${'x'.repeat(30)}` })).statusCode).toBe(400);
  });

  it('previews the deletion per table and category: deleted, anonymized, retained and why', async () => {
    const res = await t.inject(`/api/gdpr/requests/${requestId}/preview`);
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json() as { tables: { table: string; outcome: string; rows: number; why: string }[]; categories: { category: string }[]; auditKeys: number };
    const byTable = Object.fromEntries(preview.tables.map((x) => [x.table, x]));
    expect(byTable.users).toMatchObject({ outcome: 'deleted', rows: 1 });
    expect(byTable.tenants).toMatchObject({ outcome: 'anonymized', rows: 1 });
    expect(byTable.messaging_credit_ledger).toMatchObject({ outcome: 'retained', rows: 1 });
    expect(byTable.messaging_credit_ledger.why).toMatch(/Accounting/);
    expect(byTable.audit.outcome).toBe('retained');
    expect(preview.auditKeys).toBeGreaterThan(0);
    expect(preview.categories.map((c) => c.category)).toEqual(expect.arrayContaining(['contact', 'profile', 'billing']));
  });

  it('needs an admin reason, names the field when it is missing', async () => {
    const res = await t.inject({ method: 'POST', url: `/api/gdpr/requests/${requestId}/execute`, payload: {} });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('reason');
  });

  it('executes: export first (both), then every declaration and the audit keys; issues a certificate without personal data', async () => {
    const res = await t.inject({ method: 'POST', url: `/api/gdpr/requests/${requestId}/execute`, payload: { reason: 'Art. 17 request received by email' } });
    expect(res.statusCode, res.body).toBe(200);
    certificateId = res.json().certificateId;
    expect(res.json().request).toMatchObject({ status: 'completed', certificateId, subjectEmail: null });

    const cert = await t.inject(`/api/gdpr/certificates/${certificateId}`);
    expect(cert.statusCode).toBe(200);
    expect(cert.headers['content-disposition']).toContain('attachment');
    const text = cert.body;
    for (const secret of [ANN.email, ANN.name, ANN.phone, annId]) expect(text).not.toContain(secret);
    const body = cert.json();
    expect(body).toMatchObject({ requestId, tenantId: tenantA, operator: { userId: expect.any(String) }, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(body.tables.find((x: { table: string }) => x.table === 'users')).toMatchObject({ outcome: 'deleted', rows: 1 });
    expect(body.auditKeysDestroyed).toBeGreaterThan(0);
    // Permanent.
    await expect(t.sql('DELETE FROM gdpr_certificates')).rejects.toThrow(/permanent/);
  });

  it('leaves no readable trace of the person in any declared personal field of any table, nor in the audit', async () => {
    const registry = t.kernel.services.dataDeclarations as DataDeclarationRegistry;
    const needles = [ANN.email, ANN.name, ANN.phone];
    for (const d of registry.list()) {
      const columns = [...new Set([...d.personalFields.map((f) => f.column), ...(d.subjects ?? []).map((s) => s.column)])];
      for (const column of columns) {
        const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${d.table}" WHERE "${column}"::text ILIKE ANY($1::text[])`, [needles.map((x) => `%${x}%`)]);
        expect(n, `${d.table}.${column}`).toBe(0);
      }
    }
    const [{ text }] = await t.sql<{ text: string }>(`SELECT coalesce(string_agg(a::text, E'\\n'), '') AS text FROM audit a`);
    for (const needle of needles) expect(text).not.toContain(needle);
    const api = await t.inject({ url: `/api/audit?range=${encodeURIComponent('[0,999]')}&filter=${encodeURIComponent(JSON.stringify({ tenantId: tenantA }))}` });
    for (const needle of needles) expect(api.body).not.toContain(needle);
    expect(api.body).toContain(ERASED);
    // Someone else's entries stay readable.
    expect(api.body).toContain(BOB.email);
    expect((await t.sql('SELECT id FROM users WHERE id = $1', [bobId])).length).toBe(1);
  });

  it('keeps the retained billing rows, anonymized', async () => {
    const rows = await t.sql<{ amount: string; actor_label: string; actor_id: string | null; reason: string }>('SELECT amount, actor_label, actor_id, reason FROM messaging_credit_ledger WHERE tenant_id = $1', [tenantA]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_label: ERASED, actor_id: ERASED });
    expect(Number(rows[0].amount)).toBe(10);
  });

  it('sent the person a download link that works once and holds one file per category plus a manifest', async () => {
    const token = linkIn(ANN.email, 'downloads');
    const res = await t.kernel.app.inject({ method: 'GET', url: `/api/gdpr/downloads/${token}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const files = await unzip(res.rawPayload);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['manifest.json', 'contact.json', 'profile.json', 'billing.json']));
    const manifest = JSON.parse(files['manifest.json']);
    expect(manifest).toMatchObject({ format: 'platform-gdpr-export/1', requestId, about: 'person' });
    expect(files['contact.json']).toContain(ANN.email);
    expect(files['contact.json']).not.toContain(BOB.email);
    expect(files['profile.json']).not.toContain('password_hash');
    expect((await t.kernel.app.inject({ method: 'GET', url: `/api/gdpr/downloads/${token}` })).statusCode).toBe(410);
  });

  it("a tenant admin requests an export of their tenant's data, verified by their email; other tenants never see it", async () => {
    const res = await adminA.inject({ method: 'POST', url: '/api/gdpr/tenant-exports', payload: {} });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    const me = (await adminA.inject('/api/auth/me')).json();
    const email = me.email ?? me.user?.email;
    const verify = await t.kernel.app.inject({ method: 'POST', url: `/api/gdpr/verify/${linkIn(email, 'verify')}` });
    expect(verify.statusCode, verify.body).toBe(200);
    expect(verify.json().status).toBe('completed');
    const mine = (await adminA.inject('/api/gdpr/tenant-exports')).json() as { id: string; status: string }[];
    expect(mine.find((r) => r.id === id)?.status).toBe('completed');
    const download = await t.kernel.app.inject({ method: 'GET', url: `/api/gdpr/downloads/${linkIn(email, 'downloads')}` });
    expect(download.statusCode).toBe(200);
    const files = await unzip(download.rawPayload);
    expect(files['contact.json']).toContain(BOB.email);
    expect(files['records.json']).toBeDefined();

    const theirs = (await adminB.inject('/api/gdpr/tenant-exports')).json() as { id: string }[];
    expect(theirs.map((r) => r.id)).not.toContain(id);
    // Naming tenant A does not help tenant B.
    const named = await adminB.inject({ method: 'GET', url: '/api/gdpr/tenant-exports', headers: { 'x-tenant-id': tenantA } });
    expect(named.statusCode === 403 || !(named.json() as { id: string }[]).some((r) => r.id === id)).toBe(true);
  });

  it('refuses tenant users on every staff route', async () => {
    for (const [method, url] of [
      ['GET', '/api/gdpr/requests'],
      ['POST', '/api/gdpr/requests'],
      ['GET', `/api/gdpr/requests/${requestId}`],
      ['GET', `/api/gdpr/requests/${requestId}/preview`],
      ['POST', `/api/gdpr/requests/${requestId}/execute`],
      ['POST', `/api/gdpr/requests/${requestId}/reject`],
      ['GET', `/api/gdpr/certificates/${certificateId}`],
      ['GET', '/api/gdpr/retention'],
      ['PUT', '/api/gdpr/retention'],
    ] as const) {
      const res = await adminA.inject({ method, url, payload: method === 'GET' ? undefined : { reason: 'trying', settings: [] } });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('answers bad input with 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ tenantId: tenantA, kind: 'forget', email: ANN.email }, 'kind'],
      [{ tenantId: tenantA, kind: 'export', email: 'not-an-email' }, 'email'],
      [{ tenantId: 'nope', kind: 'export', email: ANN.email }, 'tenantId'],
      [{ tenantId: tenantA, kind: 'export', email: ANN.email, phone: '12' }, 'phone'],
      [{ tenantId: tenantA, kind: 'export', email: ANN.email, extra: 1 }, 'extra'],
      [{ tenantId: '00000000-0000-4000-8000-000000000000', kind: 'export', email: ANN.email }, 'tenantId'],
    ];
    for (const [payload, field] of cases) {
      const res = await t.inject({ method: 'POST', url: '/api/gdpr/requests', payload: payload as object });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(JSON.stringify(res.json()), JSON.stringify(payload)).toContain(field);
    }
    const dup = await t.inject({ method: 'PUT', url: '/api/gdpr/retention', payload: { settings: [{ category: 'contact', retentionDays: 30 }, { category: 'contact', retentionDays: 60 }] } });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().field).toBe('settings.1.category');
    const zero = await t.inject({ method: 'PUT', url: '/api/gdpr/retention', payload: { settings: [{ category: 'contact', retentionDays: 0 }] } });
    expect(zero.statusCode).toBe(400);
    expect((await t.inject({ url: '/api/gdpr/requests/not-a-uuid' })).statusCode).toBe(400);
    expect((await t.inject({ url: `/api/gdpr/requests/${tenantB}` })).statusCode).toBe(404);
  });

  it('applies retention per category in the nightly job, keeping rows and erasing only expired fields', async () => {
    await t.sql(`INSERT INTO messaging_messages (id, tenant_id, channel, status, recipient, body, created_at) VALUES (gen_random_uuid(), $1, 'sms', 'sent', '+14155550999', 'old body', now() - interval '40 days')`, [tenantB]);
    await t.sql(`INSERT INTO messaging_messages (id, tenant_id, channel, status, recipient, body) VALUES (gen_random_uuid(), $1, 'sms', 'sent', '+14155550888', 'new body')`, [tenantB]);
    const put = await t.inject({ method: 'PUT', url: '/api/gdpr/retention', payload: { settings: [{ category: 'contact', retentionDays: 30 }] } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().find((s: { category: string }) => s.category === 'contact')).toMatchObject({ retentionDays: 30, tables: expect.arrayContaining(['messaging_messages']) });
    await t.kernel.services.jobs.runNow('gdpr.apply-retention');
    const rows = await t.sql<{ recipient: string; body: string }>('SELECT recipient, body FROM messaging_messages WHERE tenant_id = $1 ORDER BY created_at', [tenantB]);
    expect(rows).toEqual([
      { recipient: ERASED, body: 'old body' },
      { recipient: '+14155550888', body: 'new body' },
    ]);
    const settings = (await t.inject('/api/gdpr/retention')).json();
    expect(settings.find((s: { category: string }) => s.category === 'contact').lastAppliedRows).toBeGreaterThan(0);
  });

  it('lists every declaration through DATA_DECLARATIONS, its own included', () => {
    expect(t.kernel.services.dataDeclarations.forTable('gdpr_requests')?.plugin).toBe('gdpr');
    expect(DATA_DECLARATIONS).toBe('kernel.data-declarations');
  });
});
