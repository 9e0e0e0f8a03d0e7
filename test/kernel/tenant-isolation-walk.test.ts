import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashToken } from '@platform/core';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { importPlugins, readPluginList } from '../../core/src/plugins/plugin-list.ts';
import type { Inject, InjectOptions } from './support/http.ts';
import { sampleOf } from './support/sample-body.ts';

/**
 * The route-table walk of issue #12: every route of every configured plugin (read from the kernel's route
 * table, so a new plugin's routes are covered without editing this file), called by a caller bound to
 * tenant A that holds every tenant-scope permission, with tenant B named everywhere it can be: path
 * parameters (B's row ids, B's id and slug), list filters, `tenantId` query parameters, body fields,
 * X-Tenant-Id and the Host header. The caller must get its own tenant's data or a refusal: never one of
 * B's rows (no B id, slug or name in a successful answer), never a platform route (those answer 403
 * before the handler), and no row outside tenant A may change.
 *
 * The two callers are built to hold too much: an API key row of tenant A granting `*`, and a tenant user
 * whose role row lists every permission. The kernel must resolve both to tenant permissions only.
 */

/**
 * Tables written as bookkeeping, whoever calls (not what a route acts on): sessions, the event outbox, job
 * runs, stored logs and request metrics, flag evaluation counters, and the health scheduler's checks, which
 * run on their own clock in the background. Everything else outside tenant A must stay exactly as it was
 * (a platform route's writes are caught earlier anyway: it must answer 403).
 */
const BOOKKEEPING = [
  'sessions',
  'kernel_outbox',
  'kernel_outbox_delivery',
  'kernel_job_runs',
  'kernel_migrations',
  'platform_logs',
  'logging_error_groups',
  'logging_error_group_hours',
  'logging_error_group_tenants',
  'logging_error_group_users',
  'system_metrics_minute',
  'system_metrics_hourly',
  'metrics_error_samples',
  'feature_flag_usage',
  'health_check_claims',
  'health_check_history',
  'health_monitor_state',
  'health_scheduler_instances',
  // The audit trail's per-subject keys (crypto-shredding): the kernel makes one for whoever an audit row names
  // (the caller itself, audited by the kernel), keyed by a hash; no tenant's data, read by the kernel only.
  'audit_subject_keys',
];

/** Routes the walk does not call while seeding tenant B: they would end B or call out. */
const NOT_FOR_SEEDING = /^\/api\/(tenants|auth)\b|\/(run|evaluate|test|preview|purge|suspend|retry|kill|restore)$/;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One call, its body read until it ends or goes quiet for a moment: server-sent event streams (live tails,
 * flag streams) never end, and their first events are what they would leak.
 */
async function call(inject: Inject, opts: InjectOptions): Promise<{ statusCode: number; body: string }> {
  const res = await inject({ ...opts, payloadAsStream: true } as InjectOptions);
  const stream = (res as unknown as { stream(): NodeJS.ReadableStream & { destroy(): void } }).stream();
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve) => {
    const quiet = setTimeout(() => {
      stream.destroy();
      resolve();
    }, 1000);
    stream.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
    stream.on('end', () => (clearTimeout(quiet), resolve()));
    stream.on('error', () => (clearTimeout(quiet), resolve()));
  });
  return { statusCode: res.statusCode, body: Buffer.concat(chunks).toString('utf8') };
}

/**
 * Whether an answer carries `value` as a value of its own: a whole JSON string or CSV cell. The caller's own
 * request log lines quote the URLs it called (`/api/users/<id>`, `?tenantId=<id>`), which is not a leak.
 */
function carries(body: string, value: string): boolean {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[",\n])${escaped}($|[",\r\n])`).test(body);
}

interface Failure {
  caller: string;
  request: string;
  problem: string;
}

describe('route-table walk: a tenant-bound caller never reaches another tenant or the platform', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  let t: TestKernel;
  let a: { id: string; slug: string };
  let b: { id: string; slug: string; name: string; domain: string };
  let callers: { label: string; inject: Inject }[];
  /** Values that identify tenant B or one of its rows. */
  let bMarkers: string[];
  /** Uuids of B's rows (and B's id): the ids a caller of A tries in path parameters. */
  let bIds: string[];
  let names: string[];
  let openapi: Record<string, any>;

  const bodySchemaOf = (method: string, url: string): Record<string, any> | undefined =>
    openapi.paths?.[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;

  /** Every path a route can be called with: each parameter takes the candidates its name suggests. */
  const pathsOf = (url: string): string[] => {
    const params = [...url.matchAll(/:(\w+)/g)].map((m) => m[1]);
    let paths = [url];
    for (const p of params) {
      const candidates = /tenant/i.test(p) ? [b.id, b.slug] : /^(name|plugin|job|subscriber)$/i.test(p) ? names : [...bIds, b.slug];
      paths = paths.flatMap((u) => candidates.map((c) => u.replace(`:${p}`, encodeURIComponent(c))));
      if (paths.length > 400) paths = paths.slice(0, 400);
    }
    return paths;
  };

  beforeAll(async () => {
    t = await createTestKernel({ plugins: await importPlugins(readPluginList(join(root, 'platform.config.json')), root) });
    openapi = (await t.kernel.app.inject('/api/openapi.json')).json();
    const ta = await t.tenant('walk-alpha');
    const tb = await t.tenant('walk-bravo-q7x');
    a = { id: ta.id, slug: ta.slug };
    b = { id: tb.id, slug: tb.slug, name: 'Bravo Walk Secret Ltd', domain: 'bravo-walk.example' };
    await t.sql('UPDATE tenants SET name = $2, primary_domain = $3 WHERE id = $1', [b.id, b.name, b.domain]);
    t.kernel.services.directory.invalidate(b.id);
    names = [...t.kernel.plugins.map((p) => p.name), ...(await t.kernel.services.jobs.listJobs()).map((j: { name: string }) => j.name)];

    // Tenant B gets data in every plugin that takes it: each create route called by B's admin and by
    // staff acting in B, with a sample body naming B.
    const bAdmin = await t.signIn({ role: 'tenant_admin', tenant: tb.slug });
    const staffInB = await t.signIn({ role: 'super_admin', tenant: tb.slug });
    const creates = t.kernel.routeTable.records.filter((r) => !r.public && r.method.split(',').includes('POST') && !r.url.includes(':') && !NOT_FOR_SEEDING.test(r.url));
    expect(creates.length).toBeGreaterThan(15);
    for (const seeder of [bAdmin, staffInB])
      for (const r of creates) {
        const body = sampleOf(bodySchemaOf('POST', r.url), 'body', { tenantId: b.id, someId: randomUUID() }) ?? {};
        await seeder.inject({ method: 'POST', url: r.url, payload: body as Record<string, unknown> });
      }
    await bAdmin.inject({ method: 'POST', url: '/api/nav-overrides', payload: { itemId: 'kernel.users', label: 'Bravo people' } });
    // Rows the sample bodies cannot make (a top-up needs a reason and an integer): B's SMS credit account and ledger.
    const topUp = await staffInB.inject({ method: 'POST', url: `/api/messaging/credits/${b.id}/top-up`, payload: { amount: 7, reason: 'isolation walk' } });
    expect(topUp.statusCode, topUp.body).toBeLessThan(300);
    // Marketplace rows of B: a purchase of a published add-on, and an integration with a delivery (connecting one
    // through the API needs a provider to check the credentials, so the rows are written directly).
    const addon = await t.inject({ method: 'POST', url: '/api/marketplace/addons', payload: { name: 'Walk credits', kind: 'sms_credits', provision: { credits: 5 }, pricing: 'monthly', amountMinor: 100, currency: 'USD' } });
    expect(addon.statusCode, addon.body).toBe(201);
    await t.inject({ method: 'POST', url: `/api/marketplace/addons/${addon.json().id}/status`, payload: { status: 'published' } });
    const bought = await bAdmin.inject({ method: 'POST', url: '/api/marketplace/my/purchases', payload: { addonId: addon.json().id } });
    expect(bought.statusCode, bought.body).toBe(201);
    const integrationId = randomUUID();
    await t.sql(
      `INSERT INTO marketplace_integrations (id, tenant_id, type, name, config, validated_at, webhook_token, webhook_secret) VALUES ($1, $2, 'shopify-admin', 'Bravo shop', '{}', now(), $3, '{}')`,
      [integrationId, b.id, randomBytes(24).toString('base64url')],
    );
    await t.sql(`INSERT INTO marketplace_webhook_deliveries (id, tenant_id, integration_id, status, payload, size_bytes) VALUES ($1, $2, $3, 'accepted', '{}', 2)`, [randomUUID(), b.id, integrationId]);
    // A backup of B started by the seeding runs in the background: let it finish before the walk takes its snapshot.
    for (let i = 0; i < 600; i++) {
      const [running] = await t.sql<{ n: number }>(`SELECT CASE WHEN to_regclass('backups_backups') IS NULL THEN 0 ELSE (SELECT count(*)::int FROM backups_backups WHERE status = 'running') END AS n`);
      if (!running?.n) break;
      await new Promise((r) => setTimeout(r, 50));
    }

    // B's rows: every row of a table with a tenant_id naming B, and every platform row that mentions B.
    const tables = await t.sql<{ name: string; tenant: boolean; id: boolean }>(
      `SELECT c.relname AS name,
              EXISTS (SELECT 1 FROM pg_attribute x WHERE x.attrelid = c.oid AND x.attname = 'tenant_id' AND NOT x.attisdropped) AS tenant,
              EXISTS (SELECT 1 FROM pg_attribute x JOIN pg_type ty ON ty.oid = x.atttypid WHERE x.attrelid = c.oid AND x.attname = 'id' AND ty.typname = 'uuid') AS id
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
    );
    const ids = new Set<string>([b.id]);
    for (const table of tables.filter((x) => x.id && x.name !== 'tenants')) {
      const where = table.tenant ? 'tenant_id = $1' : `strpos(x::text, $1::text) > 0`;
      const rows = await t.sql<{ id: string }>(`SELECT id::text AS id FROM "${table.name}" x WHERE ${where} LIMIT 1`, [b.id]);
      for (const row of rows) ids.add(row.id);
    }
    bIds = [...ids].filter((id) => UUID.test(id));
    expect(bIds.length, 'tenant B has rows to look for').toBeGreaterThan(6);
    bMarkers = [...bIds, b.slug, b.name];

    // The callers of tenant A, both holding more than a tenant principal may.
    const everything = t.kernel.services.permissions().map((p) => p.key);
    const key = `pk_${randomBytes(24).toString('hex')}`;
    await t.sql(`INSERT INTO api_keys (id, name, prefix, key_hash, permissions, tenant_id) VALUES ($1, 'walk-a', $2, $3, '{*}', $4)`, [randomUUID(), key.slice(0, 10), hashToken(key), a.id]);
    await t.sql(`INSERT INTO roles (id, key, name, permissions, scope) VALUES ($1, 'walk_everything', 'Everything', $2, 'tenant')`, [randomUUID(), everything]);
    t.kernel.services.roles.invalidate();
    const member: TestClient = await t.signIn({ role: 'tenant_member', tenant: a.slug });
    await t.sql(`UPDATE users SET roles = '{walk_everything}' WHERE id = $1`, [member.userId]);
    const withHost = (headers: Record<string, string>): Inject => (opts) => {
      const o: InjectOptions = typeof opts === 'string' ? { url: opts, method: 'GET' } : opts;
      return t.kernel.app.inject({ ...o, headers: { host: b.domain, ...headers, ...(o.headers ?? {}) } });
    };
    callers = [
      { label: "A's API key granting *", inject: withHost({ authorization: `Bearer ${key}` }) },
      { label: "A's user with a role row of every permission", inject: withHost({ authorization: `Bearer ${member.token}` }) },
    ];
  }, 240_000);
  afterAll(async () => t?.close());

  /** Every row outside tenant A, hashed per table. */
  const outsideA = async (): Promise<Map<string, string>> => {
    const tables = await t.sql<{ name: string; tenant: boolean }>(
      `SELECT c.relname AS name, EXISTS (SELECT 1 FROM pg_attribute x WHERE x.attrelid = c.oid AND x.attname = 'tenant_id' AND NOT x.attisdropped) AS tenant
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND NOT (c.relname = ANY($1)) ORDER BY 1`,
      [BOOKKEEPING],
    );
    const out = new Map<string, string>();
    for (const table of tables) {
      const [row] = await t.sql<{ n: number; h: string | null }>(
        `SELECT count(*)::int AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS h FROM "${table.name}" x ${table.tenant ? 'WHERE x.tenant_id IS DISTINCT FROM $1' : 'WHERE $1::uuid IS NOT NULL'}`,
        [a.id],
      );
      out.set(table.name, `${row.n}:${row.h ?? ''}`);
    }
    return out;
  };

  it('the callers hold only tenant permissions, whatever their rows grant', async () => {
    const tenantKeys = t.kernel.services.permissions().filter((p) => p.scope === 'tenant').map((p) => p.key).sort();
    for (const c of callers) {
      const me = await c.inject('/api/auth/me');
      expect(me.statusCode, me.body).toBe(200);
      expect(me.json().permissions, c.label).toEqual(tenantKeys);
      expect(me.json().tenant.id).toBe(a.id);
    }
  });

  it('gets its own data or a refusal on every route: no B row, no platform route, nothing written outside A', async () => {
    const before = await outsideA();
    const failures: Failure[] = [];
    const serverErrors: string[] = [];
    let requests = 0;
    const records = t.kernel.routeTable.records.filter((r) => !r.public && r.url.startsWith('/api/'));
    expect(records.length).toBeGreaterThan(150);

    for (const caller of callers) {
      const check = (r: (typeof records)[number], method: string, opts: InjectOptions, res: { statusCode: number; body: string }, sent: string) => {
        requests++;
        const request = `${method} ${opts.url}${opts.headers ? ` ${JSON.stringify(opts.headers)}` : ''}${opts.payload ? ` ${JSON.stringify(opts.payload)}` : ''}`;
        if (res.statusCode >= 500) serverErrors.push(`${res.statusCode} ${request}`);
        if (r.scope === 'platform' && res.statusCode !== 403)
          failures.push({ caller: caller.label, request, problem: `platform route answered ${res.statusCode}, not 403: ${res.body.slice(0, 200)}` });
        if (res.statusCode < 300) {
          const leaked = bMarkers.filter((m) => !sent.includes(m) && carries(res.body, m));
          if (leaked.length) failures.push({ caller: caller.label, request, problem: `answer ${res.statusCode} carries tenant B's ${leaked.join(', ')}: ${res.body.slice(0, 200)}` });
        }
      };
      for (const r of records) {
        for (const method of r.method.split(',')) {
          const write = !['GET', 'DELETE', 'HEAD'].includes(method);
          // A platform route is refused by the guard on its scope alone, whatever the path: one call shows it.
          const paths = r.scope === 'platform' ? pathsOf(r.url).slice(0, 1) : pathsOf(r.url);
          const started = Date.now();
          for (const path of paths) {
            const payload = write ? ((sampleOf(bodySchemaOf(method, r.url), 'body', { tenantId: b.id, someId: bIds[1] }) ?? {}) as Record<string, unknown>) : undefined;
            const variants: InjectOptions[] = [{ method: method as any, url: path, payload }];
            if (path === r.url) {
              // Collection routes: B named in a list filter, a query parameter and X-Tenant-Id.
              variants.push(
                { method: method as any, url: `${path}?filter=${encodeURIComponent(JSON.stringify({ tenantId: b.id }))}`, payload },
                { method: method as any, url: `${path}?tenantId=${b.id}`, payload },
                { method: method as any, url: path, payload, headers: { 'x-tenant-id': b.id } },
              );
            }
            for (const opts of variants) {
              const res = await call(caller.inject, opts);
              // A value the caller put in the path (or the sample id of the body) may come back; B's id named in a
              // query or body must not.
              check(r, method, opts, res, `${path} ${JSON.stringify(opts.payload ?? {}).includes(bIds[1]) ? bIds[1] : ''}`);
              // Naming B in X-Tenant-Id is refused outright.
              if (opts.headers?.['x-tenant-id'] && res.statusCode !== 403)
                failures.push({ caller: caller.label, request: `${method} ${opts.url} X-Tenant-Id: B`, problem: `answered ${res.statusCode}, not 403` });
            }
          }
          if (process.env.WALK_DEBUG) console.log(`${Date.now() - started}ms ${paths.length} ${method} ${r.url}`);
        }
      }
    }
    if (serverErrors.length) console.warn(`walk: ${serverErrors.length} answers were 5xx (not a tenancy failure):\n${serverErrors.slice(0, 20).join('\n')}`);
    expect(requests).toBeGreaterThan(1000);
    expect(failures.slice(0, 40), `${failures.length} isolation failures`).toEqual([]);

    const after = await outsideA();
    const changed = [...after].filter(([table, h]) => before.get(table) !== h).map(([table]) => table);
    expect(changed, 'tables whose rows outside tenant A changed during the walk').toEqual([]);
  }, 600_000);
});
