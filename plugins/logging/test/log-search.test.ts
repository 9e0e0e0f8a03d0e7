import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import logging from '@platform/plugin-logging';
import { createLogFixture } from './support/log-fixture-plugin.ts';
import { getJson, logAs, search } from './support/logging-api.ts';

/** Storage, search, pagination, export, trace and bad input, through the API. */
describe('log search', () => {
  const fx = createLogFixture();
  let t: TestKernel;
  let admin: TestClient;

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [logging, fx.plugin] });
    admin = await t.signIn({ role: 'tenant_admin', tenant: 'acme' });
  });
  afterAll(async () => t?.close());

  it('stores what a plugin logs during a request with its tenant, user and request id, without passing them', async () => {
    const requestId = await logAs(admin, [{ level: 'info', message: 'order 17 placed', action: 'order.placed', data: { orderId: 17 } }]);
    const [line] = await search(fx, admin, { requestId, service: 'shop' });
    expect(line).toMatchObject({
      level: 'info', service: 'shop', action: 'order.placed', message: 'order 17 placed', data: { orderId: 17 },
      tenantId: admin.tenant!.id, tenantSlug: 'acme', userId: admin.userId, requestId, error: null,
    });
  });

  it("stores Fastify's own lines too (request completed, unhandled errors) with the request's scope", async () => {
    const boom = await admin.inject('/api/shop/boom');
    expect(boom.statusCode).toBe(500);
    const requestId = boom.headers['x-request-id'] as string;
    const lines = await search(fx, admin, { requestId });
    const completed = lines.find((l) => l.action === 'http.response');
    expect(completed).toMatchObject({ service: 'http', level: 'info', tenantSlug: 'acme', userId: admin.userId, data: { res: { statusCode: 500 } } });
    expect(lines.find((l) => l.level === 'error')).toMatchObject({ service: 'http', error: { type: 'TypeError' }, fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/) });
    // `incoming request` repeats what `request completed` says: not stored.
    expect(lines.some((l) => l.action === 'http.request')).toBe(false);
  });

  it('redacts secrets and the configured PII paths before anything is stored', async () => {
    const set = await t.inject({ method: 'PUT', url: '/api/logging/settings', payload: { piiPaths: ['card.holder'], piiKeys: ['email', 'phone'] } });
    expect(set.statusCode, set.body).toBe(200);
    const requestId = await logAs(admin, [
      { level: 'warn', message: 'retrying with Bearer abcdefghijklmnop', data: { password: 'hunter2', card: { holder: 'Ann Lee', last4: '4242' }, customer: { email: 'ann@example.com', phone: '+47 555' }, apiKey: 'pk_live_123456789' } },
    ]);
    const [line] = await search(fx, admin, { requestId, service: 'shop' });
    expect(line.data).toEqual({ password: '[redacted]', card: { holder: '[redacted]', last4: '4242' }, customer: { email: '[redacted]', phone: '[redacted]' }, apiKey: '[redacted]' });
    expect(line.message).toBe('retrying with Bearer [redacted]');
    const [raw] = await t.sql<{ text: string }>('SELECT (data::text || message) AS text FROM platform_logs WHERE request_id = $1 AND service = $2', [requestId, 'shop']);
    expect(raw.text).not.toMatch(/hunter2|Ann Lee|ann@example|555|pk_live|abcdefghijklmnop/);
  });

  it('filters by level, service, action, user, request id, words and time range', async () => {
    const other = await t.signIn({ role: 'tenant_admin', tenant: 'acme' });
    const r1 = await logAs(admin, [
      { level: 'info', message: 'invoice 1 sent to accounting', action: 'invoice.sent' },
      { level: 'warn', message: 'invoice 2 delayed by gateway timeout', action: 'invoice.delayed' },
      { level: 'error', message: 'invoice 3 failed', action: 'invoice.failed', error: { type: 'GatewayError', message: 'gateway timeout' } },
    ]);
    const r2 = await logAs(other, [{ level: 'info', message: 'invoice 4 sent to accounting', action: 'invoice.sent' }]);
    const msgs = async (q: Record<string, string>) => (await search(fx, admin, { service: 'shop', ...q })).map((l: any) => l.message).filter((m: string) => m.startsWith('invoice')).sort();
    expect(await msgs({ level: 'error' })).toEqual(['invoice 3 failed']);
    expect(await msgs({ level: 'warn,error' })).toEqual(['invoice 2 delayed by gateway timeout', 'invoice 3 failed']);
    expect(await msgs({ action: 'invoice.sent' })).toEqual(['invoice 1 sent to accounting', 'invoice 4 sent to accounting']);
    expect(await msgs({ userId: other.userId })).toEqual(['invoice 4 sent to accounting']);
    expect(await msgs({ requestId: r2 })).toEqual(['invoice 4 sent to accounting']);
    expect(await msgs({ requestId: r1, q: 'timeout' })).toEqual(['invoice 2 delayed by gateway timeout']);
    expect(await msgs({ q: 'accounting sent' })).toEqual(['invoice 1 sent to accounting', 'invoice 4 sent to accounting']);
    expect(await msgs({ from: new Date(Date.now() + 60_000).toISOString(), to: new Date(Date.now() + 120_000).toISOString() })).toEqual([]);
    expect(await msgs({ to: new Date(Date.now() - 3600_000).toISOString() })).toEqual([]);
  });

  it('finds words inside paths, dotted names and query strings (request lines included), with the full-text index', async () => {
    const requestId = await logAs(admin, [
      { level: 'info', message: 'proxied GET /api/tenants/42/invoices?status=open', action: 'path.words' },
      { level: 'info', message: 'event health.status_changed delivered', action: 'path.words' },
    ]);
    const words = async (q: string) => (await search(fx, admin, { requestId, q })).map((l: any) => l.message).sort();
    expect(await words('tenants')).toEqual(['proxied GET /api/tenants/42/invoices?status=open']);
    expect(await words('invoices open')).toEqual(['proxied GET /api/tenants/42/invoices?status=open']);
    expect(await words('/api/tenants')).toEqual(['proxied GET /api/tenants/42/invoices?status=open']);
    expect(await words('status_changed')).toEqual(['event health.status_changed delivered']);
    expect(await words('health')).toEqual(['event health.status_changed delivered']);
    // Fastify's own request line of that request: `POST /api/shop/log 200 3 ms`.
    expect((await search(fx, admin, { requestId, q: 'shop', service: 'http' })).map((l: any) => l.action)).toEqual(['http.response']);

    // Every leaf carries the word index on the same expression the search uses.
    const indexes = await t.sql<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE tablename LIKE 'platform_logs%' AND indexdef LIKE '%logging_search_text(message)%'`);
    expect(indexes.length).toBeGreaterThan(1);
    expect((await t.sql(`SELECT 1 FROM pg_indexes WHERE indexname = 'platform_logs_message_fts_idx'`)).length).toBe(0);
  });

  it('pages newest first with a cursor, with no line missing or repeated', async () => {
    const requestId = await logAs(admin, Array.from({ length: 25 }, (_, i) => ({ level: 'info' as const, message: `page line ${i}`, action: 'paging' })));
    await fx.flush();
    const all = (await getJson(admin, `/api/logging/logs?requestId=${requestId}&action=paging&limit=500`)).items.map((l: any) => l.id);
    expect(all).toHaveLength(25);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: any = await getJson(admin, `/api/logging/logs?requestId=${requestId}&action=paging&limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((l: any) => l.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
    const stamps = (await getJson(admin, `/api/logging/logs?requestId=${requestId}&action=paging&limit=25`)).items.map((l: any) => l.timestamp);
    expect([...stamps].sort().reverse()).toEqual(stamps);
  });

  it('exports a search as CSV and as NDJSON', async () => {
    const requestId = await logAs(admin, [
      { level: 'info', message: 'export, "quoted" line', action: 'export.test', data: { n: 1 } },
      { level: 'error', message: '=cmd()', action: 'export.test', error: { type: 'E', message: 'x' } },
    ]);
    await fx.flush();
    const csv = await admin.inject(`/api/logging/logs/export?format=csv&requestId=${requestId}&action=export.test`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="logs-.*\.csv"/);
    const rows = csv.body.trim().split('\n');
    expect(rows[0]).toBe('timestamp,level,tenantSlug,tenantId,userId,requestId,service,action,message,errorType,errorMessage,fingerprint,id,data');
    expect(rows).toHaveLength(3);
    expect(csv.body).toContain('"export, ""quoted"" line"');
    expect(csv.body).toContain("'=cmd()");

    const nd = await admin.inject(`/api/logging/logs/export?format=ndjson&requestId=${requestId}&action=export.test`);
    expect(nd.headers['content-type']).toContain('application/x-ndjson');
    const lines = nd.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.level)).toEqual(['error', 'info']);
    expect(lines[1]).toMatchObject({ tenantSlug: 'acme', data: { n: 1 } });
  });

  it("traces one request: all of its lines, oldest first, Fastify's included", async () => {
    const requestId = await logAs(admin, [
      { level: 'info', message: 'step one', action: 'trace.step' },
      { level: 'warn', message: 'step two', action: 'trace.step' },
    ]);
    await fx.flush();
    const trace = await getJson(admin, `/api/logging/logs/trace/${requestId}`);
    expect(trace.items.map((l: any) => l.message)).toEqual(['step one', 'step two', expect.stringMatching(/^POST \/api\/shop\/log 200 \d+ ms$/)]);
    expect(trace).toMatchObject({ requestId, services: ['shop', 'http'], levels: { error: 0, warn: 1 } });
  });

  describe('bad input gets a 400 naming the problem', () => {
    const expect400 = async (url: string, code: string, field: string) => {
      const res = await admin.inject(url);
      expect(res.statusCode, res.body).toBe(400);
      expect(String(res.headers['content-type'])).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code, field });
      return res.json().detail as string;
    };
    for (const path of ['/api/logging/logs', '/api/logging/logs/export', '/api/logging/stream']) {
      it(`on ${path}`, async () => {
        expect(await expect400(`${path}?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z`, 'invalid_time_range', 'from')).toContain('after');
        await expect400(`${path}?from=last-tuesday`, 'invalid_time_range', 'from');
        await expect400(`${path}?to=soon`, 'invalid_time_range', 'to');
        expect(await expect400(`${path}?level=info,verbose`, 'unknown_level', 'level')).toContain('verbose');
        await expect400(`${path}?q=${'x'.repeat(201)}`, 'query_too_long', 'q');
        if (path === '/api/logging/logs') {
          expect(await expect400(`${path}?limit=501`, 'page_size_too_large', 'limit')).toContain('500');
          await expect400(`${path}?cursor=not-a-cursor`, 'invalid_cursor', 'cursor');
        }
      });
    }
    it('on export format and error group paging', async () => {
      await expect400('/api/logging/logs/export?format=xml', 'validation_failed', 'format');
      await expect400('/api/logging/errors?range=[0,500]', 'page_size_too_large', 'range');
      await expect400('/api/logging/errors?filter={"status":"fixed"}', 'validation_failed', 'filter.status');
    });
  });
});
