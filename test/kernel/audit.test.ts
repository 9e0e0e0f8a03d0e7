import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { expectProblem, listQuery, rawPgClient, type RawPgClient } from './support/http.ts';

/** Minimal RFC 4180 reader for the export (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

describe('audit trail', () => {
  let t: TestKernel;
  let pg: RawPgClient;
  const tenants: Record<string, string> = {};
  let startedAt: string;

  beforeAll(async () => {
    t = await createTestKernel();
    pg = await rawPgClient(t.databaseUrl!);
    // Everything the boot wrote is at or before `startedAt`; everything below comes after it.
    const [{ last }] = await t.sql<{ last: string }>('SELECT max(at) AS last FROM audit');
    startedAt = new Date(new Date(last).getTime() + 1).toISOString();
    await new Promise((r) => setTimeout(r, 10));
    for (const slug of ['audit-a', 'audit-b', 'audit-c']) {
      const res = await t.inject({ method: 'POST', url: '/api/tenants', payload: { slug, name: `Audit ${slug}` } });
      expect(res.statusCode, res.body).toBe(201);
      tenants[slug] = res.json().id;
    }
    expect((await t.inject({ method: 'POST', url: `/api/tenants/${tenants['audit-b']}/suspend`, payload: { reason: 'chargeback, "disputed"\nsecond line' } })).statusCode).toBe(200);
    expect((await t.inject({ method: 'POST', url: `/api/tenants/${tenants['audit-b']}/activate`, payload: { reason: 'resolved' } })).statusCode).toBe(200);
    expect((await t.inject({ method: 'POST', url: `/api/tenants/${tenants['audit-c']}/suspend`, payload: { reason: '=HYPERLINK("http://evil")' } })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await pg?.end();
    await t?.close();
  });

  const count = async () => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM audit'))[0].n;

  describe('is append-only', () => {
    it('refuses UPDATE, DELETE and TRUNCATE through the kernel connection', async () => {
      const before = await count();
      expect(before).toBeGreaterThan(5);
      await expect(t.sql(`UPDATE audit SET action = 'tampered'`)).rejects.toThrow(/append-only/);
      await expect(t.sql(`UPDATE audit SET reason = NULL WHERE action = 'tenant.suspended'`)).rejects.toThrow(/append-only/);
      await expect(t.sql('DELETE FROM audit')).rejects.toThrow(/append-only/);
      await expect(t.sql('DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)')).rejects.toThrow(/append-only/);
      await expect(t.sql('TRUNCATE audit')).rejects.toThrow(/append-only/);
      expect(await count()).toBe(before);
      expect(await t.sql(`SELECT id FROM audit WHERE action = 'tampered'`)).toEqual([]);
    });

    it('refuses them on a raw pg connection too, also inside a transaction', async () => {
      const before = await count();
      await expect(pg.query(`UPDATE audit SET actor_label = 'someone else'`)).rejects.toThrow(/append-only/);
      await expect(pg.query('DELETE FROM audit WHERE action LIKE $1', ['tenant.%'])).rejects.toThrow(/append-only/);
      await expect(pg.query('TRUNCATE TABLE audit CASCADE')).rejects.toThrow(/append-only/);
      await pg.query('BEGIN');
      await expect(pg.query('DELETE FROM audit')).rejects.toThrow(/append-only/);
      await pg.query('ROLLBACK');
      const { rows } = await pg.query<{ n: number; tampered: number }>(`SELECT count(*)::int AS n, count(*) FILTER (WHERE actor_label = 'someone else')::int AS tampered FROM audit`);
      expect(rows[0]).toEqual({ n: before, tampered: 0 });
      // Appending still works.
      await pg.query(`INSERT INTO audit (actor_type, action) VALUES ('system', 'test.appended')`);
      expect(await count()).toBe(before + 1);
    });
  });

  describe('GET /api/audit', () => {
    const list = (q: Parameters<typeof listQuery>[0]) => t.inject(`/api/audit${listQuery(q)}`);

    it('records who did what to which tenant, when, and why', async () => {
      const [entry] = (await list({ filter: { action: 'tenant.suspended', tenantId: tenants['audit-b'] } })).json();
      expect(entry).toMatchObject({
        actorType: 'user',
        actorId: t.client.userId,
        tenantId: tenants['audit-b'],
        action: 'tenant.suspended',
        targetType: 'tenant',
        targetId: tenants['audit-b'],
        reason: 'chargeback, "disputed"\nsecond line',
      });
      expect(entry.before.status).toBe('active');
      expect(entry.after.status).toBe('suspended');
      expect(entry.requestId).toEqual(expect.any(String));
      expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(Date.parse(startedAt));
    });

    it('filters by action (exact and prefix), tenant, date range and text', async () => {
      const actions = async (filter: Record<string, unknown>) => (await list({ filter, range: [0, 499] })).json().map((e: any) => e.action);

      expect(await actions({ action: 'tenant.created' })).toHaveLength(3);
      const suspended = await actions({ action: 'tenant.suspended' });
      expect(suspended).toEqual(['tenant.suspended', 'tenant.suspended']);
      const prefixed = await actions({ action: 'tenant.*' });
      expect(new Set(prefixed)).toEqual(new Set(['tenant.created', 'tenant.provisioned', 'tenant.suspended', 'tenant.activated']));
      expect(await actions({ action: ['tenant.activated', 'tenant.created'] })).toHaveLength(4);

      const forB = (await list({ filter: { tenantId: tenants['audit-b'] } })).json();
      expect(forB.every((e: any) => e.tenantId === tenants['audit-b'])).toBe(true);
      expect(forB.map((e: any) => e.action).sort()).toEqual(['tenant.activated', 'tenant.created', 'tenant.provisioned', 'tenant.suspended']);

      expect(await actions({ from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
      expect(await actions({ to: new Date(Date.parse(startedAt) - 60_000).toISOString() })).toEqual([]);
      const window = await actions({ from: startedAt, to: new Date(Date.now() + 1000).toISOString(), action: 'tenant.created' });
      expect(window).toHaveLength(3);
      const seeded = await actions({ to: startedAt });
      expect(seeded).toContain('user.seeded');
      expect(seeded).not.toContain('tenant.created');

      expect(await actions({ q: 'chargeback' })).toEqual(['tenant.suspended']);
      expect(await actions({ q: 'CHARGEBACK' })).toEqual(['tenant.suspended']);
      expect(await actions({ q: 'no such text anywhere' })).toEqual([]);
      expect(await actions({ q: 'chargeback', tenantId: tenants['audit-a'] })).toEqual([]);
      expect(await actions({ targetType: 'tenant', targetId: tenants['audit-c'] })).toEqual(['tenant.suspended', 'tenant.provisioned', 'tenant.created']);
    });

    it('paginates with range and Content-Range, in a stable order', async () => {
      const total = await count();
      const first = await list({ sort: ['id', 'ASC'], range: [0, 2] });
      expect(first.statusCode).toBe(200);
      expect(first.headers['content-range']).toBe(`audit 0-2/${total}`);
      expect(first.json()).toHaveLength(3);
      const second = await list({ sort: ['id', 'ASC'], range: [3, 5] });
      expect(second.headers['content-range']).toBe(`audit 3-5/${total}`);
      const ids = [...first.json(), ...second.json()].map((e: any) => Number(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(6);
      const all = (await list({ sort: ['id', 'ASC'], range: [0, 499] })).json().map((e: any) => Number(e.id));
      expect(all.slice(0, 6)).toEqual(ids);

      const filtered = await list({ filter: { action: 'tenant.created' }, range: [1, 1] });
      expect(filtered.headers['content-range']).toBe('audit 1-1/3');
      expect(filtered.json()).toHaveLength(1);
      const beyond = await list({ range: [1000, 1009] });
      expect(beyond.json()).toEqual([]);
      expect(beyond.headers['content-range']).toBe(`audit 1000-1000/${total}`);
      // Newest first by default.
      const newest = (await list({ range: [0, 0] })).json()[0];
      expect(Number(newest.id)).toBe(Math.max(...all));
    });

    it('refuses unknown filters, bad dates and bad pagination with 400 naming the field', async () => {
      expectProblem(await list({ filter: { actorEmail: 'x' } }), 400, 'validation_failed', 'filter.actorEmail');
      expectProblem(await list({ filter: { from: 'yesterday' } }), 400, 'invalid_filter', 'filter.from');
      expectProblem(await list({ sort: ['before', 'ASC'] }), 400, 'validation_failed', 'sort');
      expectProblem(await list({ range: [5, 1] }), 400, 'validation_failed', 'range');
      expectProblem(await list({ filter: 'not json' }), 400, 'validation_failed', 'filter');
    });
  });

  describe('GET /api/audit/export.csv', () => {
    it('exports the filtered rows as CSV with a header row', async () => {
      const res = await t.inject(`/api/audit/export.csv${listQuery({ filter: { action: 'tenant.suspended' } })}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
      const rows = parseCsv(res.body);
      const [header, ...data] = rows;
      expect(header).toEqual(['id', 'at', 'actorType', 'actorId', 'actorLabel', 'tenantId', 'action', 'targetType', 'targetId', 'reason', 'requestId', 'before', 'after']);
      expect(data).toHaveLength(2);
      const col = (name: string) => header.indexOf(name);
      expect(data.every((r) => r.length === header.length)).toBe(true);
      expect(data.every((r) => r[col('action')] === 'tenant.suspended')).toBe(true);
      expect(data.map((r) => r[col('tenantId')]).sort()).toEqual([tenants['audit-b'], tenants['audit-c']].sort());
      const b = data.find((r) => r[col('tenantId')] === tenants['audit-b'])!;
      expect(b[col('reason')]).toBe('chargeback, "disputed"\nsecond line');
      expect(JSON.parse(b[col('after')]).status).toBe('suspended');
      // A cell that a spreadsheet would run as a formula is defused.
      const c = data.find((r) => r[col('tenantId')] === tenants['audit-c'])!;
      expect(c[col('reason')]).toBe(`'=HYPERLINK("http://evil")`);

      const viaApi = (await t.inject(`/api/audit${listQuery({ filter: { action: 'tenant.suspended' } })}`)).json();
      expect(data.map((r) => r[col('id')])).toEqual(viaApi.map((e: any) => e.id));
    });

    it('exports everything without a filter, needs audit.read, and refuses bad filters', async () => {
      const res = await t.inject('/api/audit/export.csv');
      expect(parseCsv(res.body).length - 1).toBe(await count());
      const member = await t.signIn({ role: 'tenant_member', tenant: 'audit-a' });
      expectProblem(await member.inject('/api/audit/export.csv'), 403, 'forbidden');
      expectProblem(await t.inject(`/api/audit/export.csv${listQuery({ filter: { nope: 1 } })}`), 400, 'validation_failed', 'filter.nope');
    });
  });
  describe('changes to users, roles, API keys and navigation', () => {
    /** The single audit entry for `action` on `targetId`, read back through the API. */
    const entryFor = async (action: string, targetId: string): Promise<Record<string, any>> => {
      const res = await t.inject(`/api/audit${listQuery({ filter: { action, targetId } })}`);
      expect(res.statusCode, res.body).toBe(200);
      const rows = res.json();
      expect(rows, `${action} on ${targetId}`).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actorType: 'user', actorId: t.client.userId, action, targetId, requestId: expect.any(String) });
      return rows[0];
    };
    const ok = async (res: Awaited<ReturnType<TestKernel['inject']>>, status = 200) => {
      expect(res.statusCode, res.body).toBe(status);
      return res.json();
    };

    it('audits user.created, user.updated and user.deleted with before and after, never the password', async () => {
      const user = await ok(await t.inject({ method: 'POST', url: '/api/users', payload: { email: 'audited.user@test.local', name: 'Audited', password: 'audited-password-1', kind: 'staff', roles: ['support'] } }), 201);
      const created = await entryFor('user.created', user.id);
      expect(created).toMatchObject({ targetType: 'user', tenantId: null, before: null });
      expect(created.after).toMatchObject({ email: 'audited.user@test.local', name: 'Audited', roles: ['support'] });

      await ok(await t.inject({ method: 'PUT', url: `/api/users/${user.id}`, payload: { name: 'Renamed', roles: ['read_only'], password: 'another-password-2' } }));
      const updated = await entryFor('user.updated', user.id);
      expect(updated.before).toMatchObject({ name: 'Audited', roles: ['support'] });
      expect(updated.after).toMatchObject({ name: 'Renamed', roles: ['read_only'], passwordChanged: true });

      await ok(await t.inject({ method: 'DELETE', url: `/api/users/${user.id}` }));
      const deleted = await entryFor('user.deleted', user.id);
      expect(deleted.before).toMatchObject({ id: user.id, name: 'Renamed' });

      const text = JSON.stringify([created, updated, deleted]);
      expect(text).not.toMatch(/audited-password-1|another-password-2|passwordHash|argon/);
    });

    it('audits role.created, role.updated and role.deleted with before and after', async () => {
      const role = await ok(await t.inject({ method: 'POST', url: '/api/roles', payload: { key: 'audit_reader', name: 'Audit reader', permissions: ['audit.read'] } }), 201);
      const created = await entryFor('role.created', role.id);
      expect(created).toMatchObject({ targetType: 'role', tenantId: null });
      expect(created.after).toMatchObject({ key: 'audit_reader', name: 'Audit reader', permissions: ['audit.read'] });

      await ok(await t.inject({ method: 'PUT', url: `/api/roles/${role.id}`, payload: { name: 'Auditor', permissions: ['audit.read', 'users.read'] } }));
      const updated = await entryFor('role.updated', role.id);
      expect(updated.before).toMatchObject({ name: 'Audit reader', permissions: ['audit.read'] });
      expect(updated.after).toMatchObject({ name: 'Auditor', permissions: ['audit.read', 'users.read'] });

      await ok(await t.inject({ method: 'DELETE', url: `/api/roles/${role.id}` }));
      expect((await entryFor('role.deleted', role.id)).before).toMatchObject({ key: 'audit_reader', name: 'Auditor' });
    });

    it('audits api_key.created (without the key) and api_key.revoked, in the key\'s tenant', async () => {
      const created = await ok(await t.inject({ method: 'POST', url: '/api/api-keys', payload: { name: 'audited-key', permissions: ['audit.read'], tenantId: tenants['audit-a'] } }), 201);
      const entry = await entryFor('api_key.created', created.id);
      expect(entry).toMatchObject({ targetType: 'api_key', tenantId: tenants['audit-a'] });
      expect(entry.after).toMatchObject({ name: 'audited-key', permissions: ['audit.read'], revoked: false });
      expect(JSON.stringify(entry)).not.toContain(created.key);
      expect(entry.after).not.toHaveProperty('keyHash');

      await ok(await t.inject({ method: 'DELETE', url: `/api/api-keys/${created.id}` }));
      expect(await entryFor('api_key.revoked', created.id)).toMatchObject({ targetType: 'api_key', tenantId: tenants['audit-a'] });
    });

    it('audits nav.override_saved and nav.override_removed in the selected tenant', async () => {
      const inA = (o: Exclude<Parameters<TestKernel['inject']>[0], string>) => t.inject({ ...o, headers: { 'x-tenant-id': 'audit-a' } });
      const saved = await ok(await inA({ method: 'POST', url: '/api/nav-overrides', payload: { itemId: 'kernel.roles', label: 'Access roles' } }), 201);
      const first = await entryFor('nav.override_saved', 'kernel.roles');
      expect(first).toMatchObject({ targetType: 'nav_item', tenantId: tenants['audit-a'], before: null });
      expect(first.after).toMatchObject({ itemId: 'kernel.roles', label: 'Access roles', hidden: false });

      await ok(await inA({ method: 'PUT', url: `/api/nav-overrides/${saved.id}`, payload: { hidden: true } }));
      const edits = (await t.inject(`/api/audit${listQuery({ filter: { action: 'nav.override_saved', targetId: 'kernel.roles' } })}`)).json();
      expect(edits).toHaveLength(2);
      const second = edits.find((e: any) => e.id !== first.id);
      expect(second).toMatchObject({ actorId: t.client.userId, tenantId: tenants['audit-a'] });
      expect(second.before).toMatchObject({ hidden: false, label: 'Access roles' });
      expect(second.after).toMatchObject({ hidden: true, label: 'Access roles' });

      await ok(await inA({ method: 'DELETE', url: `/api/nav-overrides/${saved.id}` }));
      const removed = await entryFor('nav.override_removed', 'kernel.roles');
      expect(removed).toMatchObject({ targetType: 'nav_item', tenantId: tenants['audit-a'] });
      expect(removed.before).toMatchObject({ id: saved.id, hidden: true });
    });
  });
});
