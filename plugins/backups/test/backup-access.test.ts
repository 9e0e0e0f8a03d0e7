import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantInfo } from '@platform/sdk';
import type { TestClient } from '@platform/testing';
import { startBackupFixture, type BackupFixture } from './support/backup-fixture.ts';

/**
 * Every backups route is platform staff's: tenant users and tenant-bound callers never reach one (not even for their
 * own tenant), staff acting in one tenant cannot name another, and read-only staff cannot take, delete or restore.
 */
describe('backups routes: who may call them', () => {
  let f: BackupFixture;
  let acme: TenantInfo;
  let other: TenantInfo;
  let backup: Record<string, any>;
  let schedule: Record<string, any>;
  let restoreId: string;

  beforeAll(async () => {
    f = await startBackupFixture();
    acme = await f.t.tenant('acme');
    other = await f.t.tenant('other');
    await f.seedNotes(acme, 1, 5);
    backup = await f.backup({ tenantId: acme.id });
    schedule = (await f.t.inject({ method: 'POST', url: '/api/backups/schedules', payload: { tenantId: 'acme', hourUtc: 3, keepDaily: 7, keepWeekly: 4 } })).json();
    restoreId = (await f.restore(backup.id, { mode: 'replace', confirm: 'acme' })).id;
  });
  afterAll(async () => f?.close());

  const routes = () => [
    { method: 'GET', url: '/api/backups/plugins' },
    { method: 'GET', url: '/api/backups/backups' },
    { method: 'POST', url: '/api/backups/backups', payload: { tenantId: acme.id } },
    { method: 'GET', url: `/api/backups/backups/${backup.id}` },
    { method: 'DELETE', url: `/api/backups/backups/${backup.id}` },
    { method: 'POST', url: `/api/backups/backups/${backup.id}/verify` },
    { method: 'POST', url: `/api/backups/backups/${backup.id}/restore/dry-run`, payload: { mode: 'replace' } },
    { method: 'POST', url: `/api/backups/backups/${backup.id}/restore`, payload: { mode: 'replace', confirm: 'acme' } },
    { method: 'GET', url: '/api/backups/restores' },
    { method: 'GET', url: `/api/backups/restores/${restoreId}` },
    { method: 'GET', url: '/api/backups/schedules' },
    { method: 'GET', url: `/api/backups/schedules/${schedule.id}` },
    { method: 'POST', url: '/api/backups/schedules', payload: { tenantId: acme.id, hourUtc: 1, keepDaily: 1, keepWeekly: 0 } },
    { method: 'PUT', url: `/api/backups/schedules/${schedule.id}`, payload: { tenantId: acme.id, hourUtc: 1, keepDaily: 1, keepWeekly: 0 } },
    { method: 'DELETE', url: `/api/backups/schedules/${schedule.id}` },
  ] as const;

  it('refuses tenant users of the tenant itself and of another, on every route', async () => {
    for (const client of [await f.t.signIn({ role: 'tenant_admin', tenant: 'acme' }), await f.t.signIn({ role: 'tenant_member', tenant: 'other' })]) {
      for (const route of routes()) {
        const r = await client.inject({ ...route } as any);
        expect(r.statusCode, `${route.method} ${route.url}`).toBe(403);
      }
    }
    expect((await f.t.inject(`/api/backups/backups/${backup.id}`)).json().status).toBe('completed');
  });

  it('keeps staff acting in another tenant away from this tenant\'s backups', async () => {
    const staffInOther: TestClient = await f.t.signIn({ role: 'admin', tenant: 'other' });
    for (const route of routes().filter((r) => r.url.includes(backup.id) || r.url.includes(restoreId) || r.url.includes(schedule.id) || r.method === 'POST' && r.url.endsWith('/backups'))) {
      const r = await staffInOther.inject({ ...route } as any);
      expect(r.statusCode, `${route.method} ${route.url}`).toBe(403);
    }
    const list = await staffInOther.inject('/api/backups/backups');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([]);
    void other;
  });

  it('lets read-only staff read but not take, delete or restore', async () => {
    const readOnly = await f.t.signIn({ role: 'read_only' });
    expect((await readOnly.inject('/api/backups/backups')).statusCode).toBe(200);
    expect((await readOnly.inject({ method: 'POST', url: '/api/backups/backups', payload: { tenantId: acme.id } })).statusCode).toBe(403);
    expect((await readOnly.inject({ method: 'DELETE', url: `/api/backups/backups/${backup.id}` })).statusCode).toBe(403);
    expect((await readOnly.inject({ method: 'POST', url: `/api/backups/backups/${backup.id}/restore`, payload: { mode: 'replace', confirm: 'acme' } })).statusCode).toBe(403);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ method: 'POST', url: '/api/backups/backups', payload: { tenantId: 'acme\u0000' } }, 'tenantId'],
      [{ method: 'POST', url: '/api/backups/backups', payload: { tenantId: acme.id, plugins: ['nope'] } }, 'plugins'],
      [{ method: 'POST', url: '/api/backups/backups', payload: { tenantId: 42 } }, 'tenantId'],
      [{ method: 'POST', url: `/api/backups/backups/${backup.id}/restore`, payload: { mode: 'merge', confirm: 'acme' } }, 'mode'],
      [{ method: 'POST', url: `/api/backups/backups/${backup.id}/restore`, payload: { mode: 'replace' } }, 'confirm'],
      [{ method: 'POST', url: '/api/backups/schedules', payload: { hourUtc: 24, keepDaily: 1, keepWeekly: 1 } }, 'hourUtc'],
      [{ method: 'POST', url: '/api/backups/schedules', payload: { hourUtc: 2, keepDaily: 0, keepWeekly: 0 } }, 'keepDaily'],
    ];
    for (const [req, field] of cases) {
      const r = await f.t.inject(req as any);
      expect(r.statusCode, JSON.stringify(req)).toBe(400);
      expect(JSON.stringify(r.json()), JSON.stringify(req)).toContain(field);
    }
    expect((await f.t.inject('/api/backups/backups/not-a-uuid')).statusCode).toBe(400);
    expect((await f.t.inject('/api/backups/backups/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await f.t.inject({ method: 'POST', url: '/api/backups/backups', payload: { tenantId: 'no-such-tenant' } })).statusCode).toBe(404);
  });
});
