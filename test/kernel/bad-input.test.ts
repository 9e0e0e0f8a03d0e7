import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import type { PluginContext } from '@platform/sdk';
import example from '@platform/plugin-example';
import { expectProblem, listQuery, type InjectOptions } from './support/http.ts';

/** Malformed, mistyped, unknown, missing and oversized input gets a 4xx problem naming the field; never a 5xx. */
describe('bad input', () => {
  let t: TestKernel;
  let tenantAdmin: TestClient;
  let exampleCtx: PluginContext;
  let tenantId: string;
  let noteId: string;
  let userId: string;
  let roleId: string;

  beforeAll(async () => {
    // The example plugin, with its boot context kept so the test can read settings as the plugin does.
    const probed = { ...example, boot: (ctx: PluginContext) => ((exampleCtx = ctx), example.boot!(ctx)) };
    t = await createTestKernel({ plugins: [probed] });
    tenantAdmin = await t.signIn({ role: 'tenant_admin', tenant: 'bad-input' });
    tenantId = tenantAdmin.tenant!.id;
    noteId = (await tenantAdmin.inject({ method: 'POST', url: '/api/example/notes', payload: { title: 'n' } })).json().id;
    userId = tenantAdmin.userId;
    const role = await t.inject({ method: 'POST', url: '/api/roles', payload: { key: 'auditor', name: 'Auditor', permissions: ['audit.read'] } });
    expect(role.statusCode, role.body).toBe(201);
    roleId = role.json().id;
  });
  afterAll(async () => t?.close());

  const send = (o: InjectOptions) => (String(o.url).startsWith('/api/example/') ? tenantAdmin.inject(o) : t.inject(o));
  const json = (method: string, url: string, payload: unknown): InjectOptions => ({ method: method as any, url, payload: payload as any });

  const validUser = { email: 'new.user@test.local', name: 'New', password: 'long-enough-pw', kind: 'staff', roles: ['support'] };
  const validTenant = { slug: 'fresh-tenant', name: 'Fresh' };
  const validRole = { key: 'helper', name: 'Helper', permissions: ['audit.read'] };
  const validKey = { name: 'svc', permissions: ['audit.read'] };

  describe('malformed JSON', () => {
    it.each([
      ['POST', '/api/tenants'],
      ['POST', '/api/users'],
      ['POST', '/api/roles'],
      ['POST', '/api/api-keys'],
      ['POST', '/api/example/notes'],
      ['PUT', '/api/example/notes/:note'],
      ['POST', '/api/auth/login'],
    ])('%s %s', async (method, url) => {
      for (const body of ['{"title": "x",', '{title: x}', "{'a':1}", 'null x', '[1,2']) {
        const res = await send({ method: method as any, url: url.replace(':note', noteId), payload: body, headers: { 'content-type': 'application/json' } });
        expectProblem(res, 400, 'malformed_json', 'body');
      }
      const empty = await send({ method: method as any, url: url.replace(':note', noteId), payload: '', headers: { 'content-type': 'application/json' } });
      expectProblem(empty, 400, undefined, 'body');
      const notJson = await send({ method: method as any, url: url.replace(':note', noteId), payload: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expectProblem(notJson, 415, 'unsupported_media_type', 'body');
    });
  });

  describe('wrong types', () => {
    it.each<[string, () => InjectOptions, string]>([
      ['tenant name', () => json('POST', '/api/tenants', { ...validTenant, name: { en: 'x' } }), 'name'],
      ['tenant slug', () => json('POST', '/api/tenants', { ...validTenant, slug: ['a', 'b'] }), 'slug'],
      ['tenant slug pattern', () => json('POST', '/api/tenants', { ...validTenant, slug: 'Not A Slug!' }), 'slug'],
      ['tenant contactEmail', () => json('POST', '/api/tenants', { ...validTenant, contactEmail: 'not-an-email' }), 'contactEmail'],
      ['tenant locale', () => json('PUT', `/api/tenants/${tenantId}`, { locale: 'english' }), 'locale'],
      ['tenant body not an object', () => json('POST', '/api/tenants', [validTenant]), 'body'],
      ['user email', () => json('POST', '/api/users', { ...validUser, email: 42 }), 'email'],
      ['user kind', () => json('POST', '/api/users', { ...validUser, kind: 'robot' }), 'kind'],
      ['user roles', () => json('POST', '/api/users', { ...validUser, roles: { admin: true } }), 'roles'],
      ['user password too short', () => json('POST', '/api/users', { ...validUser, password: 'short' }), 'password'],
      ['user tenantId', () => json('POST', '/api/users', { ...validUser, kind: 'tenant', roles: ['tenant_member'], tenantId: 'tenant-one' }), 'tenantId'],
      ['user status', () => json('PUT', `/api/users/${userId}`, { status: 'banned' }), 'status'],
      ['role key', () => json('POST', '/api/roles', { ...validRole, key: 'Has Spaces' }), 'key'],
      ['role permissions', () => json('POST', '/api/roles', { ...validRole, permissions: 'audit.read,users.read' }), 'permissions'],
      ['role permissions items', () => json('POST', '/api/roles', { ...validRole, permissions: [{ key: 'audit.read' }] }), 'permissions.0'],
      ['role scope', () => json('POST', '/api/roles', { ...validRole, scope: 'galaxy' }), 'scope'],
      ['api key name', () => json('POST', '/api/api-keys', { ...validKey, name: { first: 'svc' } }), 'name'],
      ['api key expiresAt', () => json('POST', '/api/api-keys', { ...validKey, expiresAt: 'next tuesday' }), 'expiresAt'],
      ['api key actOnBehalf', () => json('POST', '/api/api-keys', { ...validKey, actOnBehalf: 'sometimes' }), 'actOnBehalf'],
      ['note title', () => json('POST', '/api/example/notes', { title: { text: 'x' } }), 'title'],
      ['note done', () => json('POST', '/api/example/notes', { title: 'x', done: 'maybe' }), 'done'],
      ['note body too long', () => json('POST', '/api/example/notes', { title: 'x', body: 'b'.repeat(10_001) }), 'body'],
      ['note title empty', () => json('PUT', `/api/example/notes/${noteId}`, { title: '' }), 'title'],
      ['login email', () => json('POST', '/api/auth/login', { email: 'not-an-email', password: 'x' }), 'email'],
      ['nav override order', () => json('POST', '/api/nav-overrides', { itemId: 'example.notes', order: 'first' }), 'order'],
      ['plugin enablement', () => json('PUT', `/api/plugins/example/tenants/${tenantId}`, { enabled: 'yes please' }), 'enabled'],
    ])('%s', async (_label, request, field) => {
      const o = request();
      const res = o.url === '/api/nav-overrides' ? await tenantAdmin.inject(o) : await send(o);
      expectProblem(res, 400, 'validation_failed', field);
    });
  });

  describe('unknown fields', () => {
    it.each<[string, () => InjectOptions, string]>([
      ['tenant create', () => json('POST', '/api/tenants', { ...validTenant, plan: 'gold' }), 'plan'],
      ['tenant update', () => json('PATCH', `/api/tenants/${tenantId}`, { nmae: 'typo' }), 'nmae'],
      ['tenant suspend', () => json('POST', `/api/tenants/${tenantId}/suspend`, { reason: 'x', notify: true }), 'notify'],
      ['user create', () => json('POST', '/api/users', { ...validUser, isAdmin: true }), 'isAdmin'],
      ['user update', () => json('PUT', `/api/users/${userId}`, { passwordHash: 'x' }), 'passwordHash'],
      ['role create', () => json('POST', '/api/roles', { ...validRole, builtin: true }), 'builtin'],
      ['role update', () => json('PUT', `/api/roles/${roleId}`, { superpowers: ['*'] }), 'superpowers'],
      ['api key create', () => json('POST', '/api/api-keys', { ...validKey, keyHash: 'abc' }), 'keyHash'],
      ['note create', () => json('POST', '/api/example/notes', { title: 'x', tenantId: randomUUID() }), 'tenantId'],
      ['note update', () => json('PUT', `/api/example/notes/${noteId}`, { title: 'x', priority: 1 }), 'priority'],
      ['login', () => json('POST', '/api/auth/login', { email: 'a@b.co', password: 'x', remember: true }), 'remember'],
      ['plugin settings', () => json('PUT', '/api/plugins/example/settings', { greting: 'typo' }), 'greting'],
    ])('%s', async (_label, request, field) => {
      const res = await send(request());
      const body = expectProblem(res, 400, 'validation_failed', field);
      expect(body.detail).toContain(field);
    });
  });

  describe('missing required fields', () => {
    it.each<[string, () => InjectOptions, string]>([
      ['tenant slug', () => json('POST', '/api/tenants', { name: 'No slug' }), 'slug'],
      ['tenant name', () => json('POST', '/api/tenants', { slug: 'no-name' }), 'name'],
      ['suspend reason', () => json('POST', `/api/tenants/${tenantId}/suspend`, {}), 'reason'],
      ['user password', () => json('POST', '/api/users', { ...validUser, password: undefined }), 'password'],
      ['user roles', () => json('POST', '/api/users', { ...validUser, roles: undefined }), 'roles'],
      ['tenant user tenant', () => json('POST', '/api/users', { ...validUser, kind: 'tenant', roles: ['tenant_member'] }), 'tenantId'],
      ['role permissions', () => json('POST', '/api/roles', { key: 'nopes', name: 'N' }), 'permissions'],
      ['api key permissions', () => json('POST', '/api/api-keys', { name: 'k' }), 'permissions'],
      ['api key empty permissions', () => json('POST', '/api/api-keys', { name: 'k', permissions: [] }), 'permissions'],
      ['note title', () => json('POST', '/api/example/notes', { body: 'no title' }), 'title'],
      ['login password', () => json('POST', '/api/auth/login', { email: 'a@b.co' }), 'password'],
      ['plugin enablement', () => json('PUT', `/api/plugins/example/tenants/${tenantId}`, {}), 'enabled'],
    ])('%s', async (_label, request, field) => {
      const o = request();
      expectProblem(await send({ ...o, payload: JSON.parse(JSON.stringify(o.payload)) }), 400, 'validation_failed', field);
    });

    it('a body-less POST where a body is required', async () => {
      expectProblem(await t.inject({ method: 'POST', url: '/api/tenants' }), 400, 'validation_failed', 'body');
      expectProblem(await tenantAdmin.inject({ method: 'POST', url: '/api/example/notes' }), 400, 'validation_failed', 'body');
    });
  });

  describe('list query parameters', () => {
    const lists = ['/api/tenants', '/api/users', '/api/roles', '/api/api-keys', '/api/audit', '/api/example/notes'];
    it.each(lists)('%s refuses bad sort, range and filter', async (url) => {
      const get = (q: string) => send({ method: 'GET', url: url + q });
      const cases: [string, string][] = [
        ['?sort=title', 'sort'],
        [listQuery({ sort: ['noSuchField', 'ASC'] }), 'sort'],
        [listQuery({ sort: ['id', 'SIDEWAYS'] }), 'sort'],
        [listQuery({ sort: { field: 'id' } }), 'sort'],
        [listQuery({ sort: ['id;DROP TABLE audit', 'ASC'] }), 'sort'],
        ['?range=0-24', 'range'],
        [listQuery({ range: [10, 5] }), 'range'],
        [listQuery({ range: [-1, 5] }), 'range'],
        [listQuery({ range: [0.5, 2] }), 'range'],
        [listQuery({ range: [0] }), 'range'],
        [listQuery({ range: ['a', 'b'] }), 'range'],
        ['?filter={"q":', 'filter'],
        [listQuery({ filter: ['q', 'x'] }), 'filter'],
        [listQuery({ filter: 'text' }), 'filter'],
        [listQuery({ filter: { noSuchField: 1 } }), 'filter.noSuchField'],
        [listQuery({ filter: { $or: [{ id: 1 }] } }), 'filter.$or'],
      ];
      for (const [q, field] of cases) expectProblem(await get(q), 400, 'validation_failed', field);
      expect((await get(listQuery({ sort: ['id', 'desc'], range: [0, 4], filter: { q: 'x' } }))).statusCode).toBe(200);
    });

    it.each<[string, string, Record<string, unknown>, string]>([
      ['a non-uuid id', '/api/example/notes', { id: 'not-a-uuid' }, 'filter.id'],
      ['a non-uuid id in a list', '/api/example/notes', { id: [randomUUID(), 'nope'] }, 'filter.id'],
      ['a non-boolean', '/api/example/notes', { done: 'perhaps' }, 'filter.done'],
      ['an operator object', '/api/example/notes', { title: { $ne: 'x' } }, 'filter.title'],
      ['a non-date', '/api/example/notes', { createdAt: 'last week' }, 'filter.createdAt'],
      ['a non-uuid tenant id', '/api/users', { tenantId: 'acme' }, 'filter.tenantId'],
      ['an operator object', '/api/users', { email: { $like: '%' } }, 'filter.email'],
      ['a non-uuid id', '/api/tenants', { id: 'acme' }, 'filter.id'],
      ['an operator object', '/api/tenants', { status: { $ne: 'deleted' } }, 'filter.status'],
      ['a non-date', '/api/tenants', { createdAt: 'soon' }, 'filter.createdAt'],
      ['a non-uuid tenant id', '/api/audit', { tenantId: 'acme' }, 'filter.tenantId'],
      ['a non-numeric id', '/api/audit', { id: 'abc' }, 'filter.id'],
      ['an object', '/api/audit', { action: { a: 1 } }, 'filter.action'],
      ['a non-boolean', '/api/roles', { builtin: 'sometimes' }, 'filter.builtin'],
      ['a non-uuid id', '/api/api-keys', { id: 'x' }, 'filter.id'],
    ])('refuses %s filter value on %s with 400 invalid_filter', async (_label, url, filter, field) => {
      expectProblem(await send({ method: 'GET', url: url + listQuery({ filter }) }), 400, 'invalid_filter', field);
    });

    it('accepts well-typed filter values', async () => {
      const notes = await tenantAdmin.inject(`/api/example/notes${listQuery({ filter: { id: [noteId], done: false, title: 'n' } })}`);
      expect(notes.statusCode, notes.body).toBe(200);
      expect(notes.json().map((n: any) => n.id)).toEqual([noteId]);
      const users = await t.inject(`/api/users${listQuery({ filter: { tenantId, kind: 'tenant' } })}`);
      expect(users.statusCode, users.body).toBe(200);
      expect(users.json().map((u: any) => u.id)).toEqual([userId]);
      const byRole = await t.inject(`/api/users${listQuery({ filter: { roles: 'tenant_admin' } })}`);
      expect(byRole.statusCode, byRole.body).toBe(200);
      expect(byRole.json().map((u: any) => u.id)).toEqual([userId]);
      const byRoles = await t.inject(`/api/users${listQuery({ filter: { roles: ['tenant_admin', 'super_admin'] } })}`);
      expect(byRoles.json()).toHaveLength(3);
      const tenants = await t.inject(`/api/tenants${listQuery({ filter: { status: ['active', 'suspended'], id: tenantId } })}`);
      expect(tenants.json().map((x: any) => x.id)).toEqual([tenantId]);
      const roles = await t.inject(`/api/roles${listQuery({ filter: { builtin: false } })}`);
      expect(roles.json().map((r: any) => r.key)).toEqual(['auditor']);
    });
  });

  describe('ids in the path', () => {
    it.each([
      ['GET', '/api/tenants/acme'],
      ['PUT', '/api/tenants/1'],
      ['POST', '/api/tenants/acme/suspend'],
      ['DELETE', '/api/tenants/acme'],
      ['GET', '/api/users/42'],
      ['DELETE', '/api/users/00000000-0000-0000-0000'],
      ['GET', '/api/roles/admin'],
      ['DELETE', '/api/api-keys/pk_123'],
      ['GET', '/api/example/notes/not-a-uuid'],
      ['PUT', '/api/example/notes/not-a-uuid'],
      ['DELETE', '/api/example/notes/not-a-uuid'],
      ['PUT', '/api/plugins/example/tenants/acme'],
    ])('%s %s refuses a non-uuid id with 400 naming it', async (method, url) => {
      const write = method === 'PUT' || method === 'POST';
      const res = await send({ method: method as any, url, ...(write ? { payload: url.includes('/plugins/') ? { enabled: true } : { reason: 'x', title: 'x' } } : {}) });
      expectProblem(res, 400, 'validation_failed', url.includes('/plugins/') ? 'tenantId' : 'id');
    });

    it('answers 404 for a well-formed id that does not exist', async () => {
      expectProblem(await t.inject(`/api/tenants/${randomUUID()}`), 404, 'tenant_not_found');
      expectProblem(await t.inject(`/api/users/${randomUUID()}`), 404, 'not_found');
      expectProblem(await t.inject(`/api/roles/${randomUUID()}`), 404, 'not_found');
      expectProblem(await tenantAdmin.inject(`/api/example/notes/${randomUUID()}`), 404, 'not_found');
      expectProblem(await t.inject('/api/plugins/no-such-plugin'), 404, 'plugin_not_found');
      expectProblem(await t.inject('/api/no/such/route'), 404, 'route_not_found');
    });
  });

  describe('huge bodies', () => {
    const huge = JSON.stringify({ title: 'x', body: 'y'.repeat(1024 * 1024 + 10) });
    it.each([
      ['POST', '/api/tenants'],
      ['POST', '/api/users'],
      ['PUT', '/api/roles/:role'],
      ['POST', '/api/api-keys'],
      ['POST', '/api/example/notes'],
      ['PUT', '/api/plugins/example/settings'],
      ['POST', '/api/auth/login'],
    ])('%s %s gets 413 over 1 MB', async (method, url) => {
      const res = await send({ method: method as any, url: url.replace(':role', roleId), payload: huge, headers: { 'content-type': 'application/json' } });
      expectProblem(res, 413, 'body_too_large', 'body');
    });

    it('nothing was written', async () => {
      expect(await t.sql(`SELECT id FROM example_notes WHERE length(body) > 1000`)).toEqual([]);
    });
  });

  describe('NUL characters, which PostgreSQL text cannot hold', () => {
    it.each<[string, () => InjectOptions, string]>([
      ['tenant name', () => json('POST', '/api/tenants', { slug: 'nul-tenant', name: 'a\u0000b' }), 'name'],
      ['role name', () => json('POST', '/api/roles', { key: 'nul_role', name: '\u0000', permissions: [] }), 'name'],
      ['user name', () => json('PUT', `/api/users/${userId}`, { name: 'x\u0000' }), 'name'],
      ['note title', () => json('POST', '/api/example/notes', { title: 'a\u0000' }), 'title'],
      ['note body', () => json('PATCH', `/api/example/notes/${noteId}`, { body: '\u0000' }), 'body'],
      ['a nested value', () => json('PUT', '/api/plugins/example/settings', { greeting: 'x', nested: { deep: ['ok', '\u0000'] } }), 'nested.deep.1'],
      ['a path parameter', () => ({ method: 'GET', url: '/api/jobs/a%00b/runs' }), 'name'],
      ['a filter value', () => ({ method: 'GET', url: `/api/example/notes${listQuery({ filter: { title: 'a\u0000' } })}` }), 'filter.title'],
      ['a search', () => ({ method: 'GET', url: `/api/users${listQuery({ filter: { q: '\u0000' } })}` }), 'filter.q'],
      ['an audit search', () => ({ method: 'GET', url: `/api/audit${listQuery({ filter: { q: '\u0000' } })}` }), 'filter.q'],
    ])('in %s gets 400 naming the field', async (_label, request, field) => {
      // A NUL in a filter value is a value of the wrong kind for its field.
      expectProblem(await send(request()), 400, field.startsWith('filter.') ? 'invalid_filter' : 'validation_failed', field);
    });
  });

  describe('conflicts', () => {
    it('a duplicate unique value gets 409 without leaking SQL', async () => {
      const other = await t.inject({ method: 'POST', url: '/api/tenants', payload: { slug: 'taken-slug', name: 'Taken', primaryDomain: 'taken.example.com' } });
      expect(other.statusCode, other.body).toBe(201);
      const res = await t.inject({ method: 'PATCH', url: `/api/tenants/${tenantId}`, payload: { primaryDomain: 'taken.example.com' } });
      const body = expectProblem(res, 409, 'conflict');
      expect(body.field).toMatch(/primary_domain/);
      expectProblem(await t.inject({ method: 'POST', url: '/api/roles', payload: { key: 'auditor', name: 'Again', permissions: [] } }), 409, 'role_exists', 'key');
      expectProblem(await t.inject({ method: 'POST', url: '/api/users', payload: { ...validUser, email: 'admin@platform.local' } }), 409, 'email_taken', 'email');
    });
  });

  describe('never a 5xx', () => {
    it('survives hostile values on every write route', async () => {
      // A user and a role of its own, since some hostile payloads are valid edits.
      const victim = await t.inject({ method: 'POST', url: '/api/users', payload: { ...validUser, email: 'victim@test.local', kind: 'tenant', tenantId, roles: ['tenant_member'] } });
      expect(victim.statusCode, victim.body).toBe(201);
      const victimRole = await t.inject({ method: 'POST', url: '/api/roles', payload: { key: 'victim', name: 'Victim', permissions: [] } });
      expect(victimRole.statusCode, victimRole.body).toBe(201);
      const hostile: unknown[] = [
        {},
        { id: 'x' },
        { title: null, slug: null, name: null, email: null },
        { title: 'x'.repeat(300), name: 'x'.repeat(300), slug: 'a'.repeat(70), key: 'a'.repeat(60) },
        { title: '\u0000' },
        { name: 'nul\u0000', slug: 'nul' },
        { name: '\u0000', key: 'nul_role', permissions: [] },
        { permissions: ['*'], name: 'star', key: 'star_role' },
        { tenantId: 'not-a-uuid', kind: 'tenant', email: 'x@y.zz', name: 'x', password: 'long-enough-pw', roles: ['tenant_member'] },
        { email: 'dup@test.local', name: 'x', password: 'long-enough-pw', kind: 'staff', roles: ['no_such_role'] },
        { primaryDomain: 'not a domain', slug: 'ok-slug', name: 'x' },
        { expiresAt: '1999-01-01T00:00:00Z', name: 'old', permissions: ['audit.read'] },
        { __proto__: { admin: true }, constructor: { prototype: {} } },
        123,
        'string',
        [],
        true,
      ];
      // Logout would end the clients' own sessions; purge and job runs are not input-driven.
      const routes = t.kernel.routeTable.records.filter((r) => /POST|PUT|PATCH/.test(r.method) && !/\/(purge|logout)$|\/jobs\//.test(r.url));
      expect(routes.length).toBeGreaterThan(15);
      for (const r of routes) {
        const url = r.url
          .replace(':id', r.url.includes('/tenants/') ? tenantId : r.url.includes('/users/') ? victim.json().id : r.url.includes('/roles/') ? victimRole.json().id : noteId)
          .replace(':name', 'example')
          .replace(':tenantId', tenantId)
          .replace(':eventId', '1')
          .replace(':subscriber', 'x');
        for (const method of r.method.split(',')) {
          for (const payload of hostile) {
            for (const inject of [t.inject, tenantAdmin.inject]) {
              const res = await inject({ method: method as any, url, payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } });
              expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload)}: ${res.body}`).toBeLessThan(500);
              if (res.statusCode >= 400) expect(res.headers['content-type'], `${method} ${url}`).toMatch(/^application\/problem\+json/);
            }
          }
        }
      }
    });

    it('survives hostile query strings on every list route', async () => {
      const routes = t.kernel.routeTable.records.filter((r) => r.method === 'GET' && !r.url.includes(':') && !r.public);
      const queries = [
        '?sort=%5B%22id%22', '?range=%5B0%2C1e309%5D', '?range=%5B0%2C99999999999%5D', '?filter=%7B%22q%22%3A%7B%7D%7D',
        '?filter=%7B%22q%22%3A%5B1%2C2%5D%7D', '?filter=%7B%22q%22%3A%22%25_%5C%5C%22%7D', '?filter=%7B%22id%22%3A%5B%5D%7D',
        '?sort=a&sort=b', '?range=%5B0%2C1%5D&range=%5B2%2C3%5D', '?filter=%7B%22q%22%3A%22%00%22%7D', '?limit=-1',
      ];
      for (const r of routes) {
        for (const q of queries) {
          for (const inject of [t.inject, tenantAdmin.inject]) {
            const res = await inject(r.url + q);
            expect(res.statusCode, `GET ${r.url}${q}: ${res.body}`).toBeLessThan(500);
            if (res.statusCode >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          }
        }
      }
    });
  });

  describe('secret settings', () => {
    it('are stored encrypted, returned masked, and read in plain by the plugin', async () => {
      const [{ lastAudit }] = await t.sql<{ lastAudit: string }>('SELECT coalesce(max(id), 0)::text AS "lastAudit" FROM audit');
      const put = await t.inject({ method: 'PUT', url: '/api/plugins/example/settings', payload: { apiToken: 'sk_live_x', greeting: 'hi' } });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json().values).toEqual({ apiToken: '••••••', greeting: 'hi' });

      const rows = await t.sql<{ values: Record<string, unknown> }>(`SELECT "values" FROM plugin_settings WHERE plugin = 'example' AND tenant_id IS NULL`);
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows[0])).not.toContain('sk_live_x');
      expect(rows[0].values.apiToken).toMatch(/^enc:v1:/);
      expect(rows[0].values.greeting).toBe('hi');

      const get = await t.inject('/api/plugins/example/settings');
      expect(get.statusCode).toBe(200);
      expect(get.json().values).toEqual({ apiToken: '••••••', greeting: 'hi' });
      expect(get.body).not.toContain('sk_live_x');
      expect(get.body).not.toContain('enc:v1:');

      expect(await exampleCtx.settings.get()).toEqual({ apiToken: 'sk_live_x', greeting: 'hi' });
      expect((await tenantAdmin.inject('/api/example/stats')).json().greeting).toBe('hi');

      // Sending the mask back keeps the secret; the audit trail never holds it.
      const again = await t.inject({ method: 'PUT', url: '/api/plugins/example/settings', payload: { apiToken: '••••••', greeting: 'hey' } });
      expect(again.statusCode, again.body).toBe(200);
      expect(await exampleCtx.settings.get()).toEqual({ apiToken: 'sk_live_x', greeting: 'hey' });
      const audit = await t.sql(`SELECT before::text, after::text FROM audit WHERE action = 'plugin.settings_changed' AND id > $1`, [lastAudit]);
      expect(audit).toHaveLength(2);
      expect(JSON.stringify(audit)).not.toContain('sk_live_x');
      expect(JSON.stringify(audit)).not.toContain('enc:v1:');

      // Two encryptions of the same value differ (random IV), and a wrong type is refused.
      const first = rows[0].values.apiToken;
      await t.inject({ method: 'PUT', url: '/api/plugins/example/settings', payload: { apiToken: 'sk_live_x' } });
      const [{ values }] = await t.sql<{ values: Record<string, unknown> }>(`SELECT "values" FROM plugin_settings WHERE plugin = 'example'`);
      expect(values.apiToken).not.toBe(first);
      expectProblem(await t.inject({ method: 'PUT', url: '/api/plugins/example/settings', payload: { apiToken: 42 } }), 400, 'validation_failed', 'apiToken');
      expectProblem(await t.inject({ method: 'PUT', url: '/api/plugins/example/settings', payload: { greeting: ['a'] } }), 400, 'validation_failed', 'greeting');
      expect(await exampleCtx.settings.get()).toEqual({ apiToken: 'sk_live_x', greeting: 'hey' });
    });

    it('per tenant: a tenant secret overrides the platform value for that tenant only', async () => {
      const put = await t.inject({ method: 'PUT', url: '/api/plugins/example/settings', headers: { 'x-tenant-id': tenantId }, payload: { apiToken: 'sk_tenant_only' } });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json()).toMatchObject({ tenantId, values: { apiToken: '••••••' } });
      expect(await exampleCtx.settings.get(tenantId)).toMatchObject({ apiToken: 'sk_tenant_only' });
      expect(await exampleCtx.settings.get()).toMatchObject({ apiToken: 'sk_live_x' });
      const raw = await t.sql(`SELECT "values"::text AS v FROM plugin_settings WHERE tenant_id = $1`, [tenantId]);
      expect(JSON.stringify(raw)).not.toContain('sk_tenant_only');
    });
  });
});
