import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { definePlugin, type TenantInfo } from '@platform/sdk';
import { DATA_DECLARATIONS, type DataDeclarationRegistry } from '@platform/sdk/data-protection';
import { BLOB_STORE, type BlobStore } from '@platform/sdk/storage';
import { createTestKernel, type TestKernel, type TestClient } from '@platform/testing';
import type { PluginManifest } from '@platform/sdk';
import storagePlugin from '@platform/plugin-storage';
import backupsPlugin, { BACKUP_SERVICE, type BackupService } from '../../src/index.ts';
import { planTables } from '../../src/tables/table-plan.ts';
import { restoreModeOf } from '../../src/tables/declared-data.ts';
import { notesPlugin } from './notes-plugin.ts';

export interface BackupFixture {
  t: TestKernel;
  blobs: BlobStore;
  registry: DataDeclarationRegistry;
  service: BackupService;
  /** Every declared table a backup covers (not `exclude`), each as its tenant's rows in JSON, sorted. */
  exportTenant(tenantId: string): Promise<Record<string, string[]>>;
  seedNotes(tenant: TenantInfo, notebooks: number, notesPer: number): Promise<void>;
  backup(body: Record<string, unknown>, as?: TestClient): Promise<Record<string, any>>;
  restore(backupId: string, body: Record<string, unknown>): Promise<Record<string, any>>;
  readBlob(key: string): Promise<Buffer>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startBackupFixture(extraPlugins: PluginManifest[] = [notesPlugin]): Promise<BackupFixture> {
  let blobs!: BlobStore;
  let registry!: DataDeclarationRegistry;
  let service!: BackupService;
  const probe = definePlugin({
    name: 'backup-probe',
    version: '0.0.0',
    kernel: '^0.1.0',
    dependsOn: ['storage', 'backups'],
    boot(ctx) {
      blobs = ctx.resolve<BlobStore>(BLOB_STORE);
      service = ctx.resolve<BackupService>(BACKUP_SERVICE);
      registry = ctx.resolve<DataDeclarationRegistry>(DATA_DECLARATIONS);
    },
  });
  const t = await createTestKernel({ plugins: [storagePlugin, backupsPlugin, ...extraPlugins, probe] });
  const db = { sql: <T,>(text: string, params?: unknown[]) => t.sql<T>(text, params) } as any;

  const poll = async (url: string, until: (r: Record<string, any>) => boolean) => {
    for (;;) {
      const r = (await t.inject(url)).json();
      if (until(r)) return r;
      await sleep(50);
    }
  };

  return {
    t,
    blobs,
    registry,
    service,
    async exportTenant(tenantId) {
      const plans = await planTables(db, undefined as any, registry.list(), (d) => restoreModeOf(d) !== 'exclude');
      const out: Record<string, string[]> = {};
      for (const plan of plans) {
        const rows = await t.sql<{ j: string }>(`SELECT row_to_json(x)::text AS j FROM "${plan.table}" x WHERE ${plan.tenantCondition} ORDER BY 1`, [tenantId]);
        out[plan.table] = rows.map((r) => r.j);
      }
      return out;
    },
    async seedNotes(tenant, notebooks, notesPer) {
      for (let n = 0; n < notebooks; n++) {
        const notebook = randomUUID();
        await t.sql(`INSERT INTO bnotes_notebooks (id, tenant_id, title, tags) VALUES ($1, $2, $3, $4)`, [notebook, tenant.id, `Notebook ${n} of ${tenant.slug} «ünï»`, ['a', 'b"c', 'd,e']]);
        await t.sql(
          `INSERT INTO bnotes_notes (id, tenant_id, notebook_id, body, author_email, meta, amount_minor, ratio, score, blob, due_on)
           SELECT gen_random_uuid(), $1, $2, 'note ' || i || E' line\nbreak \\ "quoted" ' || $3, 'p' || i || '@example.test', jsonb_build_object('i', i, 'nested', jsonb_build_object('x', ARRAY[1,2])),
                  9007199254740993 + i, 1234.5678, 0.1 + i, decode('00ff10', 'hex'), DATE '2026-02-28' + i
           FROM generate_series(1, $4::int) i`,
          [tenant.id, notebook, tenant.slug + n, notesPer],
        );
      }
      await t.sql(`INSERT INTO bnotes_revisions (note_id, revision, diff) SELECT n.id, r, 'rev ' || r FROM bnotes_notes n, generate_series(1, 2) r WHERE n.tenant_id = $1`, [tenant.id]);
    },
    async backup(body, as) {
      const started = await (as ?? t.client).inject({ method: 'POST', url: '/api/backups/backups', payload: body });
      if (started.statusCode !== 202) throw new Error(`backup refused: ${started.statusCode} ${started.body}`);
      return poll(`/api/backups/backups/${started.json().id}`, (r) => r.status !== 'running');
    },
    async restore(backupId, body) {
      const started = await t.inject({ method: 'POST', url: `/api/backups/backups/${backupId}/restore`, payload: body });
      if (started.statusCode !== 202) throw new Error(`restore refused: ${started.statusCode} ${started.body}`);
      return poll(`/api/backups/restores/${started.json().id}`, (r) => r.status === 'completed' || r.status === 'failed');
    },
    async readBlob(key) {
      const chunks: Buffer[] = [];
      for await (const c of await blobs.get(key)) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    },
    close: () => t.close(),
  };
}

export { Readable };
