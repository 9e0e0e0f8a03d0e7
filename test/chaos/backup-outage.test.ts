import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin } from '@platform/sdk';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { BLOB_STORE, type BlobStore } from '@platform/sdk/storage';
import storagePlugin from '@platform/plugin-storage';
import backupsPlugin from '@platform/plugin-backups';
import { notesPlugin } from '../../plugins/backups/test/support/notes-plugin.ts';
import { startThrowawayCluster, type ThrowawayCluster } from './support/throwaway-cluster.ts';

/**
 * Issue 19: the database stops in the middle of a backup, then of a restore (a PostgreSQL cluster of the test's own,
 * crashed with `pg_ctl stop -m immediate`). Requests meanwhile answer 503, never another 5xx; once it is back, the
 * backup and the restore are marked failed, the failed backup left no parts behind, the restore wrote nothing, and
 * the next backup and restore work.
 */
const NOTES = 400_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('chaos: the database stops during a backup and during a restore', () => {
  let cluster: ThrowawayCluster;
  let t: TestKernel;
  let blobs!: BlobStore;
  let tenantId: string;

  const probe = definePlugin({ name: 'backup-chaos-probe', version: '0.0.0', kernel: '^0.1.0', dependsOn: ['storage'], boot(ctx) { blobs = ctx.resolve<BlobStore>(BLOB_STORE); } });

  /** Polls `url` until `until` holds (errors and 503s are waited through); answers the last body. */
  async function poll(url: string, until: (r: Record<string, any>) => boolean, seconds = 90): Promise<Record<string, any>> {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
      const res = await t.inject(url);
      if (res.statusCode === 200 && until(res.json())) return res.json();
      if (Date.now() > deadline) throw new Error(`${url}: still ${res.statusCode} ${res.body.slice(0, 300)}`);
      await sleep(50);
    }
  }

  /** While the database is down: a read of the backups API answers 503 (never 500), with Retry-After. */
  async function expectUnavailable(url: string): Promise<void> {
    const res = await t.inject(url);
    expect(res.statusCode, res.body).toBe(503);
    expect(res.json().code).toBe('database_unavailable');
  }

  const notesCount = async () => Number((await t.sql<{ n: string }>(`SELECT count(*)::text AS n FROM bnotes_notes WHERE tenant_id = $1`, [tenantId]))[0]!.n);

  beforeAll(async () => {
    cluster = await startThrowawayCluster();
    t = await createTestKernel({ plugins: [storagePlugin, backupsPlugin, notesPlugin, probe], databaseUrl: cluster.url, config: { logLevel: 'silent' } });
    tenantId = (await t.tenant('chaos-co')).id;
    await t.sql(`INSERT INTO bnotes_notebooks (id, tenant_id, title) VALUES ('00000000-0000-4000-8000-000000000001', $1, 'Chaos')`, [tenantId]);
    await t.sql(
      `INSERT INTO bnotes_notes (id, tenant_id, notebook_id, body, meta) SELECT gen_random_uuid(), $1, '00000000-0000-4000-8000-000000000001', 'note ' || i || ' ' || repeat('x', 200), jsonb_build_object('i', i) FROM generate_series(1, $2::int) i`,
      [tenantId, NOTES],
    );
  }, 240_000);

  afterAll(async () => {
    try {
      cluster?.start();
    } catch {
      /* running */
    }
    await t?.close();
    cluster?.destroy();
  }, 120_000);

  it('a backup cut off by the outage is marked failed once the database is back, with no part left in storage', async () => {
    const started = await t.inject({ method: 'POST', url: '/api/backups/backups', payload: { tenantId } });
    expect(started.statusCode, started.body).toBe(202);
    const id = started.json().id;
    // Stop the database once rows are flowing.
    await poll(`/api/backups/backups/${id}`, (b) => b.status !== 'running' || b.rowsDone > 0);
    cluster.stop('immediate');
    try {
      await expectUnavailable(`/api/backups/backups/${id}`);
      await expectUnavailable('/api/backups/backups');
    } finally {
      cluster.start();
    }
    const failed = await poll(`/api/backups/backups/${id}`, (b) => b.status !== 'running');
    expect(failed.status).toBe('failed');
    expect(failed.error).toBeTruthy();
    expect(await blobs.list(`backups/${tenantId}/${id}/`)).toEqual([]);

    const again = await t.inject({ method: 'POST', url: '/api/backups/backups', payload: { tenantId } });
    expect(again.statusCode, again.body).toBe(202);
    const done = await poll(`/api/backups/backups/${again.json().id}`, (b) => b.status !== 'running');
    expect(done.status, done.error).toBe('completed');
  }, 240_000);

  it('a restore cut off by the outage writes nothing: the tenant keeps its rows, and a retry restores', async () => {
    const backup = (await t.inject(`/api/backups/backups?filter=${encodeURIComponent(JSON.stringify({ tenantId }))}`)).json().find((b: { status: string }) => b.status === 'completed');
    expect(backup).toBeDefined();
    await t.sql(`UPDATE bnotes_notes SET body = 'changed after the backup' WHERE tenant_id = $1 AND body LIKE 'note 1 %'`, [tenantId]);
    const before = await notesCount();
    const started = await t.inject({ method: 'POST', url: `/api/backups/backups/${backup.id}/restore`, payload: { mode: 'replace', confirm: 'chaos-co' } });
    expect(started.statusCode, started.body).toBe(202);
    const id = started.json().id;
    // Stop it while rows are being written (the tenant's rows are deleted by then, inside the transaction).
    await poll(`/api/backups/restores/${id}`, (r) => r.status !== 'verifying' && (r.status !== 'restoring' || r.rowsDone > 0));
    cluster.stop('immediate');
    try {
      await expectUnavailable(`/api/backups/restores/${id}`);
    } finally {
      cluster.start();
    }
    const failed = await poll(`/api/backups/restores/${id}`, (r) => r.status === 'failed' || r.status === 'completed');
    expect(failed.status).toBe('failed');
    expect(await notesCount()).toBe(before);
    const [changed] = await t.sql<{ n: string }>(`SELECT count(*)::text AS n FROM bnotes_notes WHERE tenant_id = $1 AND body = 'changed after the backup'`, [tenantId]);
    expect(Number(changed!.n)).toBe(1);

    const retried = await t.inject({ method: 'POST', url: `/api/backups/backups/${backup.id}/restore`, payload: { mode: 'replace', confirm: 'chaos-co' } });
    expect(retried.statusCode, retried.body).toBe(202);
    const done = await poll(`/api/backups/restores/${retried.json().id}`, (r) => r.status === 'failed' || r.status === 'completed');
    expect(done.status, done.error).toBe('completed');
    expect(await notesCount()).toBe(NOTES);
  }, 240_000);
});
