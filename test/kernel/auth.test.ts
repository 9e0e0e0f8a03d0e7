import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashToken } from '@platform/core';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import example from '@platform/plugin-example';
import { importPlugins, readPluginList } from '../../core/src/plugins/plugin-list.ts';
import { expectProblem } from './support/http.ts';

const ADMIN = { email: 'admin@platform.local', password: 'test-admin-password' };

describe('auth', () => {
  let t: TestKernel;
  beforeAll(async () => {
    t = await createTestKernel({ plugins: [example] });
  });
  afterAll(async () => t?.close());

  const anonymous = (opts: Parameters<TestKernel['inject']>[0]) => t.kernel.app.inject(opts as any);
  const login = (email: string, password: string) => anonymous({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  const me = (headers: Record<string, string>) => anonymous({ url: '/api/auth/me', headers });

  describe('sessions', () => {
    it('refuses a wrong password or an unknown email with 401 invalid_credentials, and audits the attempt', async () => {
      const wrong = await login(ADMIN.email, 'not-the-password');
      const body = expectProblem(wrong, 401, 'invalid_credentials');
      expect(body.detail).not.toMatch(/password hash|argon/i);
      expect(wrong.headers['set-cookie']).toBeUndefined();
      const unknown = await login('nobody@platform.local', 'whatever-password');
      expectProblem(unknown, 401, 'invalid_credentials');
      // Same answer for both, so the API does not reveal which emails exist.
      expect(unknown.json().detail).toBe(wrong.json().detail);
      // The typed email is personal data: sealed in the row (crypto-shredding), shown by the audit API.
      const stored = await t.sql<{ actor_label: string }>(`SELECT actor_label FROM audit WHERE action = 'auth.login_failed'`);
      expect(stored.map((r) => r.actor_label).join(' ')).not.toContain('@');
      const failed = (await t.inject({ url: `/api/audit?filter=${encodeURIComponent(JSON.stringify({ action: 'auth.login_failed' }))}` })).json() as { actorLabel: string }[];
      expect(failed.map((r) => r.actorLabel).sort()).toEqual([ADMIN.email, 'nobody@platform.local']);
    });

    it('signs in with a session usable as an httpOnly cookie and as a bearer token', async () => {
      const res = await login(ADMIN.email.toUpperCase(), ADMIN.password);
      expect(res.statusCode, res.body).toBe(200);
      const { token, expiresAt, user } = res.json();
      expect(user).toMatchObject({ email: ADMIN.email, kind: 'staff', roles: ['super_admin'] });
      expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
      const cookie = res.cookies.find((c) => c.name === 'sid');
      expect(cookie).toMatchObject({ value: token, httpOnly: true, path: '/', sameSite: 'Lax' });
      // Only the hash of the token is stored.
      const sessions = await t.sql<{ token_hash: string }>('SELECT token_hash FROM sessions WHERE token_hash = $1', [hashToken(token)]);
      expect(sessions).toHaveLength(1);
      expect(JSON.stringify(await t.sql('SELECT * FROM sessions'))).not.toContain(token);

      const viaCookie = await anonymous({ url: '/api/auth/me', cookies: { sid: token } });
      expect(viaCookie.statusCode).toBe(200);
      expect(viaCookie.json().user.email).toBe(ADMIN.email);
      expect(viaCookie.json().permissions).toContain('*');
      const viaBearer = await me({ authorization: `Bearer ${token}` });
      expect(viaBearer.statusCode).toBe(200);
      expect(viaBearer.json().user.id).toBe(user.id);
    });

    it('logout ends the session, by bearer or by cookie', async () => {
      const a = (await login(ADMIN.email, ADMIN.password)).json().token;
      expect((await me({ authorization: `Bearer ${a}` })).statusCode).toBe(200);
      const out = await anonymous({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${a}` } });
      expect(out.statusCode).toBe(204);
      expectProblem(await me({ authorization: `Bearer ${a}` }), 401, 'unauthorized');
      expect(await t.sql('SELECT id FROM sessions WHERE token_hash = $1', [hashToken(a)])).toEqual([]);

      const b = (await login(ADMIN.email, ADMIN.password)).json().token;
      expect((await anonymous({ url: '/api/auth/me', cookies: { sid: b } })).statusCode).toBe(200);
      const outByCookie = await anonymous({ method: 'POST', url: '/api/auth/logout', cookies: { sid: b } });
      expect(outByCookie.statusCode).toBe(204);
      expect(outByCookie.cookies.find((c) => c.name === 'sid')?.value).toBe('');
      expectProblem(await anonymous({ url: '/api/auth/me', cookies: { sid: b } }), 401, 'unauthorized');
    });

    it('refuses an expired token with 401', async () => {
      const token = (await login(ADMIN.email, ADMIN.password)).json().token;
      expect((await me({ authorization: `Bearer ${token}` })).statusCode).toBe(200);
      await t.sql(`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE token_hash = $1`, [hashToken(token)]);
      // The token is cached for a few seconds; a fresh instance (or the cache running out) sees the expiry.
      t.kernel.services.actors.evictAll();
      expectProblem(await me({ authorization: `Bearer ${token}` }), 401, 'unauthorized');
      expectProblem(await anonymous({ url: '/api/tenants', headers: { authorization: `Bearer ${token}` } }), 401, 'unauthorized');

      // A token that expired before it was ever used is refused without any cache help.
      const other = (await login(ADMIN.email, ADMIN.password)).json().token;
      await t.sql(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [hashToken(other)]);
      expectProblem(await me({ authorization: `Bearer ${other}` }), 401, 'unauthorized');
    });

    it('refuses a disabled user at once, and a garbage token', async () => {
      const created = await t.inject({
        method: 'POST',
        url: '/api/users',
        payload: { email: 'temp.staff@test.local', name: 'Temp', password: 'temp-password-1', kind: 'staff', roles: ['support'] },
      });
      expect(created.statusCode, created.body).toBe(201);
      const token = (await login('temp.staff@test.local', 'temp-password-1')).json().token;
      expect((await me({ authorization: `Bearer ${token}` })).statusCode).toBe(200);
      expect((await t.inject({ method: 'PUT', url: `/api/users/${created.json().id}`, payload: { status: 'disabled' } })).statusCode).toBe(200);
      expectProblem(await me({ authorization: `Bearer ${token}` }), 401, 'unauthorized');
      expectProblem(await login('temp.staff@test.local', 'temp-password-1'), 401, 'invalid_credentials');
      expectProblem(await me({ authorization: 'Bearer st_not-a-real-token' }), 401, 'unauthorized');
      expectProblem(await me({ authorization: 'Bearer pk_00000000_not-a-real-key' }), 401, 'unauthorized');
    });
  });

  describe('permissions', () => {
    it('refuses a missing permission with 403 forbidden', async () => {
      const member = await t.signIn({ role: 'tenant_member', tenant: 'perm-t' });
      expect((await member.inject('/api/example/notes')).statusCode).toBe(200);
      const body = expectProblem(await member.inject({ method: 'POST', url: '/api/example/notes', payload: { title: 'x' } }), 403, 'forbidden');
      expect(body.permission).toBe('example.write');
      expectProblem(await member.inject('/api/users'), 403, 'forbidden');
      expectProblem(await member.inject('/api/audit'), 403, 'forbidden');
      expectProblem(await member.inject({ method: 'POST', url: '/api/api-keys', payload: { name: 'k', permissions: ['example.read'] } }), 403, 'forbidden');
      const readOnly = await t.signIn({ role: 'read_only' });
      expect((await readOnly.inject('/api/tenants')).statusCode).toBe(200);
      expectProblem(await readOnly.inject({ method: 'POST', url: '/api/tenants', payload: { slug: 'nope', name: 'Nope' } }), 403, 'forbidden');
      expect(await t.sql(`SELECT id FROM tenants WHERE slug = 'nope'`)).toEqual([]);
    });

    it('filters the navigation by role', async () => {
      const ids = async (inject: TestKernel['inject']) => (await inject('/api/nav')).json().sections.flatMap((s: any) => s.items.map((i: any) => i.id));
      const member = await t.signIn({ role: 'tenant_member', tenant: 'nav-t' });
      const tenantAdmin = await t.signIn({ role: 'tenant_admin', tenant: 'nav-t' });
      const memberNav = await ids(member.inject);
      expect(memberNav).toContain('example.notes');
      expect(memberNav).not.toContain('kernel.tenants');
      expect(memberNav).not.toContain('kernel.users');
      expect(memberNav).not.toContain('kernel.jobs');
      const adminNav = await ids(tenantAdmin.inject);
      expect(adminNav).toEqual(expect.arrayContaining(['example.notes', 'kernel.users', 'kernel.audit', 'kernel.api-keys']));
      expect(adminNav).not.toContain('kernel.tenants');
      expect(await ids(t.inject)).toEqual(expect.arrayContaining(['kernel.tenants', 'kernel.jobs', 'kernel.roles', 'example.notes']));
      expectProblem(await anonymous('/api/nav'), 401, 'unauthorized');
    });

    it("reorders the navigation with a saved `order` override, for that tenant only", async () => {
      const tenantAdmin = await t.signIn({ role: 'tenant_admin', tenant: 'nav-order-t' });
      const other = await t.signIn({ role: 'tenant_admin', tenant: 'nav-order-u' });
      const access = async (inject: TestKernel['inject']) => {
        const section = (await inject('/api/nav')).json().sections.find((s: any) => s.id === 'access');
        return section.items.map((i: any) => i.id) as string[];
      };
      const before = await access(tenantAdmin.inject);
      expect(before.indexOf('kernel.users')).toBeLessThan(before.indexOf('kernel.api-keys'));

      // API keys first...
      const saved = await tenantAdmin.inject({ method: 'POST', url: '/api/nav-overrides', payload: { itemId: 'kernel.api-keys', order: 1 } });
      expect(saved.statusCode, saved.body).toBe(201);
      const first = await access(tenantAdmin.inject);
      expect(first[0]).toBe('kernel.api-keys');
      expect([...first].sort()).toEqual([...before].sort());
      const item = (await tenantAdmin.inject('/api/nav')).json().sections.flatMap((s: any) => s.items).find((i: any) => i.id === 'kernel.api-keys');
      expect(item.order).toBe(1);
      // Another tenant's menu keeps its order.
      expect(await access(other.inject)).toEqual(before);
      // ...then users last, by editing an override of its own...
      const users = await tenantAdmin.inject({ method: 'POST', url: '/api/nav-overrides', payload: { itemId: 'kernel.users', order: 5000 } });
      expect(users.statusCode, users.body).toBe(201);
      expect((await access(tenantAdmin.inject)).at(-1)).toBe('kernel.users');
      // ...and back: a null order restores the item's own place.
      for (const id of [saved.json().id, users.json().id]) {
        const res = await tenantAdmin.inject({ method: 'PUT', url: `/api/nav-overrides/${id}`, payload: { order: null } });
        expect(res.statusCode, res.body).toBe(200);
      }
      expect(await access(tenantAdmin.inject)).toEqual(before);
    });
  });

  describe('API keys', () => {
    it('are stored hashed, shown once, limited to their permissions, and refused once revoked', async () => {
      const created = await t.inject({ method: 'POST', url: '/api/api-keys', payload: { name: 'ci-robot', permissions: ['platform.tenants.read'] } });
      expect(created.statusCode, created.body).toBe(201);
      const { id, key, prefix } = created.json();
      expect(key).toMatch(/^pk_/);
      expect(key).toContain(prefix);

      const rows = await t.sql<Record<string, unknown>>('SELECT * FROM api_keys WHERE id = $1', [id]);
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(key);
      expect(rows[0].key_hash).toBe(hashToken(key));
      expect(JSON.stringify(await t.sql('SELECT * FROM audit'))).not.toContain(key);

      const shown = await t.inject(`/api/api-keys/${id}`);
      expect(shown.statusCode).toBe(200);
      expect(shown.json()).not.toHaveProperty('key');
      expect(shown.json()).not.toHaveProperty('keyHash');
      expect(shown.body).not.toContain(key);
      const listed = await t.inject('/api/api-keys');
      expect(listed.body).not.toContain(key);
      expect(listed.body).not.toContain(hashToken(key));

      const asKey = (url: string) => anonymous({ url, headers: { authorization: `Bearer ${key}` } });
      expect((await asKey('/api/tenants')).statusCode).toBe(200);
      expectProblem(await asKey('/api/users'), 403, 'forbidden');
      // Sent bare, as Unleash SDKs send theirs: read only when the value has exactly an API key's shape.
      expect((await anonymous({ url: '/api/tenants', headers: { authorization: key } })).statusCode).toBe(200);
      expectProblem(await anonymous({ url: '/api/tenants', headers: { authorization: `${key}x` } }), 401, 'unauthorized');
      expectProblem(await anonymous({ url: '/api/tenants', headers: { authorization: `Basic ${key}` } }), 401, 'unauthorized');
      expect((await t.sql<{ last_used_at: Date | null }>('SELECT last_used_at FROM api_keys WHERE id = $1', [id]))[0].last_used_at).not.toBeNull();

      const revoked = await t.inject({ method: 'DELETE', url: `/api/api-keys/${id}` });
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json().revoked).toBe(true);
      expectProblem(await asKey('/api/tenants'), 401, 'unauthorized');
    });

    it('cannot grant permissions its creator lacks, and an expired key is refused', async () => {
      const tenantAdmin = await t.signIn({ role: 'tenant_admin', tenant: 'keys-t' });
      expectProblem(
        await tenantAdmin.inject({ method: 'POST', url: '/api/api-keys', payload: { name: 'escalate', permissions: ['platform.tenants.write'] } }),
        403,
        'forbidden',
      );
      expectProblem(await t.inject({ method: 'POST', url: '/api/api-keys', payload: { name: 'typo', permissions: ['tenants.raed'] } }), 400, 'validation_failed', 'permissions');

      const created = await t.inject({ method: 'POST', url: '/api/api-keys', payload: { name: 'short-lived', permissions: ['platform.tenants.read'] } });
      const { id, key } = created.json();
      await t.sql(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
      expectProblem(await anonymous({ url: '/api/tenants', headers: { authorization: `Bearer ${key}` } }), 401, 'unauthorized');
    });
  });
});

describe('login rate limiting', () => {
  let t: TestKernel;
  beforeAll(async () => {
    t = await createTestKernel({ config: { loginRateLimit: { max: 3, windowMs: 60_000 } } });
  });
  afterAll(async () => t?.close());

  it('answers 429 rate_limited after the configured number of attempts, even with the right password', async () => {
    const attempt = (password: string, email = ADMIN.email) => t.kernel.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    for (let i = 0; i < 3; i++) expectProblem(await attempt(`guess-${i}`), 401, 'invalid_credentials');
    const limited = await attempt('guess-4');
    expectProblem(limited, 429, 'rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expectProblem(await attempt(ADMIN.password), 429, 'rate_limited');
    // The per-address limit also stops guessing across other accounts.
    expectProblem(await attempt('x', 'someone.else@platform.local'), 429, 'rate_limited');
  });
});

/** `app.printRoutes({ commonPrefix: false })` as `METHOD /path` pairs (HEAD left out: Fastify adds it to each GET). */
function printedRoutesOf(t: TestKernel): { method: string; url: string }[] {
  const out: { method: string; url: string }[] = [];
  const stack: string[] = [];
  for (const line of t.kernel.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    const path = (depth ? stack[depth - 1] : '') + m[2];
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (m[3] ?? '').split(', ').filter((x) => x && x !== 'HEAD')) out.push({ method, url: path });
  }
  return out;
}

/** Every API route is either public or permission-checked, and the checks hold without credentials. */
describe('route table', () => {
  let t: TestKernel;
  beforeAll(async () => {
    t = await createTestKernel({ plugins: [example] });
  });
  afterAll(async () => t?.close());

  const printedRoutes = () => printedRoutesOf(t);

  it('records every /api route as public or with a permission, and nothing else is served under /api', async () => {
    const records = t.kernel.routeTable.records;
    expect(records.length).toBeGreaterThan(40);
    for (const r of records) {
      expect(r.public || !!r.permission, `${r.method} ${r.url}`).toBe(true);
      expect(r.public && !!r.permission, `${r.method} ${r.url}`).toBe(false);
    }
    const recorded = new Set(records.flatMap((r) => r.method.split(',').map((m) => `${m} ${r.url}`)));
    const served = printedRoutes().filter((r) => r.url.startsWith('/api/'));
    expect(served.length).toBeGreaterThan(40);
    for (const r of served) expect(recorded.has(`${r.method} ${r.url}`), `${r.method} ${r.url} is served but not in the route table`).toBe(true);
    expect(served.length).toBe(recorded.size);
    // The public routes are exactly the ones meant to be public.
    expect(records.filter((r) => r.public).map((r) => `${r.method} ${r.url}`).sort()).toEqual(
      ['GET /api/example/ping', 'GET /api/maintenance', 'GET /api/openapi.json', 'POST /api/auth/login', 'POST /api/auth/logout'].sort(),
    );
  });

  it('documents every route in the OpenAPI document, with security on the protected ones', async () => {
    const res = await t.kernel.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    const byKey = new Map<string, { public: boolean }>(t.kernel.routeTable.records.flatMap((r) => r.method.split(',').map((m) => [`${m} ${r.url}`, r] as [string, { public: boolean }])));
    let operations = 0;
    for (const [path, ops] of Object.entries<Record<string, any>>(doc.paths)) {
      expect(path.startsWith('/api/'), path).toBe(true);
      for (const [method, op] of Object.entries<any>(ops)) {
        if (method === 'head') continue;
        operations++;
        const key = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
        const record = byKey.get(key);
        expect(record, `${key} is documented but not in the route table`).toBeTruthy();
        if (record!.public) expect(op.security, key).toBeUndefined();
        else expect(op.security, key).toEqual([{ bearer: [] }, { cookie: [] }]);
      }
    }
    // Everything but the document itself (hidden) is documented.
    expect(operations).toBe(byKey.size - 1);
  });

  it('answers 401 to an unauthenticated request on every non-public route, before validating input', async () => {
    const records = t.kernel.routeTable.records.filter((r) => !r.public);
    let checked = 0;
    for (const r of records) {
      const url = r.url.replace(/:(\w+)/g, () => randomUUID());
      for (const method of r.method.split(',')) {
        const write = !['GET', 'DELETE'].includes(method);
        for (const headers of [{}, { authorization: `Bearer st_${randomUUID()}` }, { authorization: 'Bearer pk_forged_key' }]) {
          const res = await t.kernel.app.inject({
            method: method as any,
            url,
            headers: { ...headers, ...(write ? { 'content-type': 'application/json' } : {}) },
            ...(write ? { payload: '{"not":"valid"' } : {}),
          });
          expectProblem(res, 401, 'unauthorized');
          checked++;
        }
        const withCookie = await t.kernel.app.inject({ method: method as any, url, cookies: { sid: `st_${randomUUID()}` } });
        expectProblem(withCookie, 401, 'unauthorized');
      }
    }
    expect(checked).toBeGreaterThan(120);
    // And the same walk signed in gets past authentication everywhere.
    for (const r of records) {
      for (const method of r.method.split(',')) {
        const res = await t.inject({ method: method as any, url: r.url.replace(/:(\w+)/g, () => randomUUID()) });
        expect(res.statusCode, `${method} ${r.url}`).not.toBe(401);
        expect(res.statusCode, `${method} ${r.url}: ${res.body}`).toBeLessThan(500);
      }
    }
  });
});

/**
 * The same walk over every plugin the deployment loads: the packages in platform.config.json, imported the way
 * the CLI's loader does (resolved from the project root), booted together in one kernel.
 */
describe('route table with every configured plugin', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  let t: TestKernel;
  let packages: string[];
  beforeAll(async () => {
    packages = readPluginList(join(root, 'platform.config.json'));
    t = await createTestKernel({ plugins: await importPlugins(packages, root) });
  });
  afterAll(async () => t?.close());

  it('boots every plugin of platform.config.json', () => {
    expect(packages.length).toBeGreaterThan(20);
    expect(t.kernel.plugins.length).toBe(packages.length);
    // Routes of (nearly) every plugin are in the table, so the walk below covers them.
    const prefixes = new Set(t.kernel.routeTable.records.map((r) => r.url.split('/')[2]));
    expect(prefixes.size).toBeGreaterThan(packages.length / 2);
  });

  it('records every /api route as public or with a permission, and serves nothing else under /api', () => {
    const records = t.kernel.routeTable.records;
    for (const r of records) {
      expect(r.public || !!r.permission, `${r.method} ${r.url}`).toBe(true);
      expect(r.public && !!r.permission, `${r.method} ${r.url}`).toBe(false);
    }
    const recorded = new Set(records.flatMap((r) => r.method.split(',').map((m) => `${m} ${r.url}`)));
    // A plugin's `/` route is served at `/api/<plugin>` and, by Fastify, `/api/<plugin>/`: the same route and guard.
    const served = new Set(printedRoutesOf(t).filter((r) => r.url.startsWith('/api/')).map((r) => `${r.method} ${r.url.replace(/(.)\/$/, '$1')}`));
    for (const r of served) expect(recorded.has(r), `${r} is served but not in the route table`).toBe(true);
    // Recorded outside /api: only aliases (e.g. `/metrics`), which the 401 walk below covers too.
    expect([...recorded].filter((r) => !served.has(r) && r.includes(' /api/'))).toEqual([]);
  });

  it('answers 401 problem+json without credentials on every non-public route', async () => {
    let checked = 0;
    for (const r of t.kernel.routeTable.records.filter((x) => !x.public)) {
      const url = r.url.replace(/:(\w+)/g, () => randomUUID());
      for (const method of r.method.split(',')) {
        const write = !['GET', 'DELETE'].includes(method);
        const res = await t.kernel.app.inject({
          method: method as any,
          url,
          headers: write ? { 'content-type': 'application/json' } : {},
          ...(write ? { payload: '{"not":"valid"' } : {}),
        });
        expect(res.statusCode, `${method} ${r.url}: ${res.body.slice(0, 300)}`).toBe(401);
        expectProblem(res, 401, 'unauthorized');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(150);
  });
});
