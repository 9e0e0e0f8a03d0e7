import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantInfo } from '@platform/sdk';
import { startBackupFixture, type BackupFixture } from './support/backup-fixture.ts';

/** The scheduler job: a due schedule backs up its tenants once a day, then prunes by retention. */
describe('backup schedules', () => {
  let f: BackupFixture;
  let acme: TenantInfo;

  beforeAll(async () => {
    f = await startBackupFixture();
    acme = await f.t.tenant('acme');
    await f.t.tenant('beta');
    await f.seedNotes(acme, 1, 3);
  });
  afterAll(async () => f?.close());

  it('runs a due schedule for every active tenant once, and keeps only what retention says', async () => {
    const created = await f.t.inject({ method: 'POST', url: '/api/backups/schedules', payload: { hourUtc: 0, keepDaily: 1, keepWeekly: 0 } });
    expect(created.statusCode).toBe(201);
    const schedule = created.json();
    expect(schedule.tenantId).toBeNull();

    await f.t.kernel.services.jobs.runNow('backups.run-schedules');
    const first = (await f.t.inject('/api/backups/backups')).json();
    expect(first.filter((b: any) => b.scheduleId === schedule.id && b.status === 'completed').map((b: any) => b.tenantId).sort()).toEqual(
      (await f.t.sql<{ id: string }>(`SELECT id FROM tenants WHERE status = 'active' ORDER BY id`)).map((r) => r.id).sort(),
    );

    // Run again the same day: nothing new.
    await f.t.kernel.services.jobs.runNow('backups.run-schedules');
    expect((await f.t.inject('/api/backups/backups')).json()).toHaveLength(first.length);

    // Pretend the first run was three days ago: retention (1 daily) keeps today's only.
    const ofAcme = first.find((b: any) => b.tenantId === acme.id);
    await f.t.sql(`UPDATE backups_backups SET created_at = now() - interval '3 days' WHERE id = $1`, [ofAcme.id]);
    await f.t.sql(`UPDATE backups_schedules SET last_run_at = now() - interval '2 days' WHERE id = $1`, [schedule.id]);
    await f.t.kernel.services.jobs.runNow('backups.run-schedules');
    const second = (await f.t.inject({ url: `/api/backups/backups?filter=${encodeURIComponent(JSON.stringify({ tenantId: acme.id }))}` })).json();
    expect(second.filter((b: any) => b.scheduleId === schedule.id)).toHaveLength(1);
    expect(second.map((b: any) => b.id)).not.toContain(ofAcme.id);
    expect(await f.blobs.list(`backups/${acme.id}/${ofAcme.id}/`)).toEqual([]);
  });

  it('edits and removes a schedule, audited', async () => {
    const s = (await f.t.inject({ method: 'POST', url: '/api/backups/schedules', payload: { tenantId: 'acme', plugins: ['bnotes'], hourUtc: 4, keepDaily: 3, keepWeekly: 2 } })).json();
    const put = await f.t.inject({ method: 'PUT', url: `/api/backups/schedules/${s.id}`, payload: { tenantId: acme.id, hourUtc: 5, keepDaily: 3, keepWeekly: 2, enabled: false } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ hourUtc: 5, enabled: false, plugins: null });
    expect((await f.t.inject({ method: 'DELETE', url: `/api/backups/schedules/${s.id}` })).statusCode).toBe(204);
    expect((await f.t.inject(`/api/backups/schedules/${s.id}`)).statusCode).toBe(404);
    const audit = await f.t.sql<{ action: string }>(`SELECT action FROM audit WHERE target_id = $1 ORDER BY at`, [s.id]);
    expect(audit.map((a) => a.action)).toEqual(['backups.schedule_created', 'backups.schedule_changed', 'backups.schedule_deleted']);
  });
});
