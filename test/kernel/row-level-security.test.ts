import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin, Type, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import example from '@platform/plugin-example';
import { installRowLevelSecurity, TENANT_POLICY_VERSION } from '../../core/src/db/row-level-security.ts';

/**
 * A plugin whose routes "forget" the tenant filter on purpose: raw SQL and ORM queries with no tenant
 * condition, run through the request's entity manager. PostgreSQL's row-level security must still keep
 * them to the request's tenant.
 */
function forgetfulPlugin() {
  let plugin: PluginContext;
  const whoAmI = `SELECT current_user AS "role", current_setting('app.tenant_id', true) AS "tenant"`;
  return definePlugin({
    name: 'forgetful',
    version: '1.0.0',
    kernel: '^0.1.0',
    dependsOn: ['example'],
    boot(ctx) {
      plugin = ctx;
      const read = { permission: 'example.read', tenantScoped: false } as const;
      ctx.routes.add({
        ...read,
        method: 'GET',
        url: '/raw',
        async handler(req: PlatformRequest) {
          const rows = await plugin.db.sql<{ tenant_id: string; title: string }>('SELECT tenant_id, title FROM example_notes ORDER BY title', [], req.ctx.em);
          const [who] = await plugin.db.sql(whoAmI, [], req.ctx.em);
          return { rows, who };
        },
      });
      ctx.routes.add({
        ...read,
        method: 'GET',
        url: '/orm',
        async handler(req: PlatformRequest) {
          // The ORM's tenant filter switched off, and a query through the ORM's own connection.
          const counted = await req.ctx.em.count('ExampleNote', {}, { filters: false });
          const rows = (await req.ctx.em.getConnection().execute('SELECT tenant_id FROM example_notes')) as { tenant_id: string }[];
          return { counted, tenants: [...new Set(rows.map((r) => r.tenant_id))] };
        },
      });
      ctx.routes.add({
        ...read,
        method: 'GET',
        url: '/in-transaction',
        async handler(req: PlatformRequest) {
          return req.ctx.em.transactional(async (em) => {
            const rows = await plugin.db.sql<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM example_notes', [], em);
            const [who] = await plugin.db.sql(whoAmI, [], em);
            return { tenants: rows.map((r) => r.tenant_id), who };
          });
        },
      });
      ctx.routes.add({
        ...read,
        method: 'GET',
        url: '/across',
        async handler(req: PlatformRequest) {
          const rows = await plugin.db.sql<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM example_notes', [], req.ctx.acrossTenants());
          return { tenants: rows.map((r) => r.tenant_id).sort() };
        },
      });
      ctx.routes.add({
        method: 'POST',
        url: '/raw',
        permission: 'example.write',
        tenantScoped: false,
        schema: { body: Type.Object({ tenantId: Type.String({ format: 'uuid' }), title: Type.String() }) },
        async handler(req: PlatformRequest<{ Body: { tenantId: string; title: string } }>) {
          await plugin.db.sql('INSERT INTO example_notes (id, tenant_id, title) VALUES (gen_random_uuid(), $1, $2)', [req.body.tenantId, req.body.title], req.ctx.em);
          return { ok: true };
        },
      });
      ctx.routes.add({
        method: 'GET',
        url: '/public',
        public: true,
        tenantScoped: false,
        async handler(req: PlatformRequest) {
          const rows = await plugin.db.sql('SELECT tenant_id FROM example_notes', [], req.ctx.em);
          const [who] = await plugin.db.sql(whoAmI, [], req.ctx.em);
          return { count: rows.length, who };
        },
      });
      ctx.routes.add({
        method: 'GET',
        url: '/system',
        public: true,
        tenantScoped: false,
        async handler() {
          // System code (jobs, relays) keeps running as the connecting role.
          const [who] = await plugin.db.sql(whoAmI);
          const [{ n }] = await plugin.db.sql<{ n: number }>('SELECT count(*)::int AS n FROM example_notes', [], plugin.db.system());
          return { who, n };
        },
      });
    },
  });
}

async function seedNotes(t: TestKernel, a: string, b: string): Promise<void> {
  await t.sql(`INSERT INTO example_notes (id, tenant_id, title) VALUES (gen_random_uuid(), $1, 'a1'), (gen_random_uuid(), $1, 'a2'), (gen_random_uuid(), $2, 'b1')`, [a, b]);
}

describe('row-level security on a real PostgreSQL', () => {
  let t: TestKernel;
  let memberA: TestClient;
  let memberB: TestClient;
  let staffInB: TestClient;
  let a: string;
  let b: string;

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [example, forgetfulPlugin()] });
    memberA = await t.signIn({ role: 'tenant_admin', tenant: 'rls-a' });
    memberB = await t.signIn({ role: 'tenant_admin', tenant: 'rls-b' });
    staffInB = await t.signIn({ role: 'admin', tenant: 'rls-b' });
    a = memberA.tenant!.id;
    b = memberB.tenant!.id;
    await seedNotes(t, a, b);
  });
  afterAll(async () => t?.close());

  it('puts every table with a tenant_id column, the kernel\'s and the plugins\', under the tenant policy', async () => {
    const tables = await t.sql<{ table: string; rls: boolean; policy: boolean }>(
      `SELECT c.relname AS "table", c.relrowsecurity AS rls, EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'platform_tenant_rows') AS policy
       FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
       WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
    );
    expect(tables.map((r) => r.table)).toEqual(expect.arrayContaining(['audit', 'example_notes', 'example_note_log', 'plugin_settings', 'users']));
    expect(tables.filter((r) => !r.rls || !r.policy)).toEqual([]);
    const [role] = await t.sql<{ rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean }>(`SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = 'platform_app'`);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: false });
  });

  it('a raw query with no tenant filter, in a request, returns only the request tenant\'s rows', async () => {
    const res = await memberA.inject('/api/forgetful/raw');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows).toEqual([
      { tenant_id: a, title: 'a1' },
      { tenant_id: a, title: 'a2' },
    ]);
    expect(res.json().who).toEqual({ role: 'platform_app', tenant: a });
    const fromB = await memberB.inject('/api/forgetful/raw');
    expect(fromB.json().rows).toEqual([{ tenant_id: b, title: 'b1' }]);
  });

  it('replaces, at migrate, a tenant policy an older kernel defined differently, and isolation holds after', async () => {
    const policy = `SELECT pg_get_expr(polqual, polrelid) AS qual, obj_description(oid, 'pg_policy') AS version FROM pg_policy
                    WHERE polrelid = 'example_notes'::regclass AND polname = 'platform_tenant_rows'`;
    const [current] = await t.sql<{ qual: string; version: string | null }>(policy);
    expect(current.version).toBe(TENANT_POLICY_VERSION);
    // The own tenant is compared first (the cheap arm for a tenant's request).
    expect(current.qual).toMatch(/^\(\(tenant_id = \(/);
    // As an older kernel left it: another definition (here one that would leak), no version comment.
    await t.sql('ALTER POLICY platform_tenant_rows ON example_notes USING (tenant_id IS NOT NULL) WITH CHECK (tenant_id IS NOT NULL)');
    await t.sql('COMMENT ON POLICY platform_tenant_rows ON example_notes IS NULL');
    expect((await memberA.inject('/api/forgetful/raw')).json().rows).toHaveLength(3);
    await installRowLevelSecurity(t.kernel.orm.em.fork());
    const [replaced] = await t.sql<{ qual: string; version: string | null }>(policy);
    expect(replaced).toEqual(current);
    const res = await memberA.inject('/api/forgetful/raw');
    expect(res.json().rows).toEqual([
      { tenant_id: a, title: 'a1' },
      { tenant_id: a, title: 'a2' },
    ]);
  });

  it('so does the ORM with its tenant filter off, and a query on its connection', async () => {
    const res = await memberA.inject('/api/forgetful/orm');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ counted: 2, tenants: [a] });
  });

  it('and a request\'s explicit transaction runs under the app role and its tenant', async () => {
    const res = await memberB.inject('/api/forgetful/in-transaction');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ tenants: [b], who: { role: 'platform_app', tenant: b } });
  });

  it('staff with a tenant selected see that tenant only; their explicit cross-tenant read sees every tenant', async () => {
    const inB = await staffInB.inject('/api/forgetful/raw');
    expect(inB.json().rows).toEqual([{ tenant_id: b, title: 'b1' }]);
    const across = await staffInB.inject('/api/forgetful/across');
    expect(across.statusCode, across.body).toBe(200);
    expect(across.json().tenants).toEqual([a, b].sort());
    // Staff with "all tenants" (no tenant selected) read across tenants too.
    const all = await t.inject('/api/forgetful/across');
    expect(all.json().tenants).toEqual([a, b].sort());
  });

  it('a tenant user cannot make the explicit cross-tenant call', async () => {
    const res = await memberA.inject('/api/forgetful/across');
    expect(res.statusCode).toBe(403);
  });

  it('refuses, in the database, a request\'s insert into another tenant (403, nothing written)', async () => {
    const res = await memberB.inject({ method: 'POST', url: '/api/forgetful/raw', payload: { tenantId: a, title: 'planted by B' } });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json()).toMatchObject({ code: 'tenant_mismatch' });
    expect(await t.sql(`SELECT 1 FROM example_notes WHERE title = 'planted by B'`)).toEqual([]);
    const own = await memberB.inject({ method: 'POST', url: '/api/forgetful/raw', payload: { tenantId: b, title: 'b2' } });
    expect(own.statusCode, own.body).toBe(200);
    expect(await t.sql(`SELECT tenant_id FROM example_notes WHERE title = 'b2'`)).toEqual([{ tenant_id: b }]);
  });

  it('a request with no tenant sees no tenant\'s rows; system code still runs as the connecting role', async () => {
    const anon = await t.kernel.app.inject('/api/forgetful/public');
    expect(anon.statusCode, anon.body).toBe(200);
    expect(anon.json()).toEqual({ count: 0, who: { role: 'platform_app', tenant: '' } });
    const system = await t.kernel.app.inject('/api/forgetful/system');
    expect(system.json().who.role).not.toBe('platform_app');
    expect(system.json().n).toBeGreaterThanOrEqual(3);
  });

  it('pooled connections switch between tenants and back to the owner for system work', async () => {
    // Enough concurrent requests of both tenants to use every pooled connection, several times over.
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? memberB : memberA).inject('/api/forgetful/raw').then((r) => ({ i, r }))));
    for (const { i, r } of answers) {
      expect(r.statusCode, r.body).toBe(200);
      const own = i % 2 ? b : a;
      expect(r.json().who).toEqual({ role: 'platform_app', tenant: own });
      expect(new Set(r.json().rows.map((row: any) => row.tenant_id))).toEqual(new Set([own]));
    }
    const system = await Promise.all(Array.from({ length: 20 }, () => t.kernel.app.inject('/api/forgetful/system')));
    for (const res of system) expect(res.json().who.role).not.toBe('platform_app');
  });

  it('the CRUD helper keeps working on top of it, and its cached pages stay per tenant', async () => {
    const listA = await memberA.inject('/api/example/notes');
    expect(listA.json().map((n: any) => n.title).sort()).toEqual(['a1', 'a2']);
    const listB = await memberB.inject('/api/example/notes');
    expect(listB.json().map((n: any) => n.title).sort()).toEqual(['b1', 'b2']);
    const created = await memberA.inject({ method: 'POST', url: '/api/example/notes', payload: { title: 'a3' } });
    expect(created.statusCode, created.body).toBe(201);
    const again = await memberA.inject('/api/example/notes');
    expect(again.json().map((n: any) => n.title).sort()).toEqual(['a1', 'a2', 'a3']);
    const across = await t.inject('/api/example/notes');
    expect(across.json().map((n: any) => n.title).sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
  });
});

describe('row-level security on the embedded database (PGlite)', { timeout: 60_000 }, () => {
  let t: TestKernel;
  let memberA: TestClient;
  let memberB: TestClient;

  beforeAll(async () => {
    t = await createTestKernel({ database: 'embedded', plugins: [example, forgetfulPlugin()] });
    memberA = await t.signIn({ role: 'tenant_member', tenant: 'rls-a' });
    memberB = await t.signIn({ role: 'tenant_admin', tenant: 'rls-b' });
    await seedNotes(t, memberA.tenant!.id, memberB.tenant!.id);
  }, 60_000);
  afterAll(async () => t?.close());

  it('keeps a forgetful raw query, the ORM and a transaction to the request tenant, and refuses a foreign insert', async () => {
    const a = memberA.tenant!.id;
    const b = memberB.tenant!.id;
    const raw = await memberA.inject('/api/forgetful/raw');
    expect(raw.statusCode, raw.body).toBe(200);
    expect(raw.json().rows.map((r: any) => r.tenant_id)).toEqual([a, a]);
    expect(raw.json().who).toEqual({ role: 'platform_app', tenant: a });
    expect((await memberA.inject('/api/forgetful/orm')).json()).toEqual({ counted: 2, tenants: [a] });
    expect((await memberB.inject('/api/forgetful/in-transaction')).json().tenants).toEqual([b]);
    const planted = await memberB.inject({ method: 'POST', url: '/api/forgetful/raw', payload: { tenantId: a, title: 'planted' } });
    expect(planted.statusCode, planted.body).toBe(403);
    expect((await t.inject('/api/forgetful/across')).json().tenants).toEqual([a, b].sort());
    // The single PGlite session is back to the owner after each request's transaction.
    const system = await t.kernel.app.inject('/api/forgetful/system');
    expect(system.json().who.role).toBe('postgres');
    expect(system.json().n).toBe(3);
  });
});
