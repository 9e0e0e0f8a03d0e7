import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin, type TenantInfo } from '@platform/sdk';
import { notesPlugin } from './support/notes-plugin.ts';
import { startBackupFixture, type BackupFixture } from './support/backup-fixture.ts';

/**
 * The notes plugin as a later version declares it: its migration 0002 renamed notebooks' `title` to `name` and added
 * `slug` (derived from the title), and it says how rows backed up before that migration are brought forward.
 */
const upgradedNotes = definePlugin({
  ...notesPlugin,
  data: notesPlugin.data!.map((d) =>
    d.table !== 'bnotes_notebooks'
      ? d
      : {
          ...d,
          upgrades: [
            {
              migration: '0002_notebook_name',
              upgrade: ({ title, ...rest }) => ({ ...rest, name: title, slug: (title ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-') }),
            },
          ],
        },
  ),
});

/** What migration 0002 does to the database (applied by hand here, after the backup was taken). */
async function applyMigration0002(f: BackupFixture): Promise<void> {
  await f.t.sql(`ALTER TABLE bnotes_notebooks RENAME COLUMN title TO name`);
  await f.t.sql(`ALTER TABLE bnotes_notebooks ADD COLUMN slug text NOT NULL DEFAULT ''`);
  await f.t.sql(`UPDATE bnotes_notebooks SET slug = 'set-by-migration'`);
  await f.t.sql(`INSERT INTO kernel_migrations (owner, name) VALUES ('bnotes', '0002_notebook_name')`);
}

describe('restoring a backup taken on an older schema', () => {
  let f: BackupFixture;
  let acme: TenantInfo;
  let backup: Record<string, any>;
  let titles: string[];

  beforeAll(async () => {
    f = await startBackupFixture([upgradedNotes]);
    acme = await f.t.tenant('acme');
    await f.seedNotes(acme, 3, 5);
    titles = (await f.t.sql<{ title: string }>(`SELECT title FROM bnotes_notebooks WHERE tenant_id = $1 ORDER BY title`, [acme.id])).map((r) => r.title);
    backup = await f.backup({ tenantId: acme.id });
    await applyMigration0002(f);
  });
  afterAll(async () => f?.close());

  it('records each plugin\'s migrations in the manifest', async () => {
    const manifest = JSON.parse((await f.readBlob(`backups/${acme.id}/${backup.id}/manifest.json`)).toString());
    expect(manifest.schema.bnotes).toEqual(['0001_notes']);
  });

  it('runs the plugin\'s upgrade step on the backed-up rows and restores them into the new schema', async () => {
    const dry = await f.t.inject({ method: 'POST', url: `/api/backups/backups/${backup.id}/restore/dry-run`, payload: { mode: 'replace' } });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().newerHere).toEqual({ bnotes: ['0002_notebook_name'] });
    await f.t.sql(`UPDATE bnotes_notebooks SET name = 'changed after', slug = 'x' WHERE tenant_id = $1`, [acme.id]);
    await f.t.sql(`DELETE FROM bnotes_notes WHERE tenant_id = $1`, [acme.id]);

    const restore = await f.restore(backup.id, { mode: 'replace', confirm: 'acme' });
    expect(restore.status, restore.error).toBe('completed');
    const rows = await f.t.sql<{ name: string; slug: string }>(`SELECT name, slug FROM bnotes_notebooks WHERE tenant_id = $1 ORDER BY name`, [acme.id]);
    expect(rows.map((r) => r.name)).toEqual(titles);
    expect(rows.map((r) => r.slug)).toEqual(titles.map((t) => t.toLowerCase().replace(/[^a-z0-9]+/g, '-')));
    const [notes] = await f.t.sql<{ n: string }>(`SELECT count(*)::text AS n FROM bnotes_notes WHERE tenant_id = $1`, [acme.id]);
    expect(notes!.n).toBe('15');
  });

  it('refuses with 409, writing nothing, when a later migration changed a table without an upgrade step', async () => {
    await f.t.sql(`ALTER TABLE bnotes_notes RENAME COLUMN body TO text`);
    await f.t.sql(`INSERT INTO kernel_migrations (owner, name) VALUES ('bnotes', '0003_note_text')`);
    const before = await f.exportTenant(acme.id);
    const dry = await f.t.inject({ method: 'POST', url: `/api/backups/backups/${backup.id}/restore/dry-run`, payload: { mode: 'replace' } });
    expect(dry.statusCode).toBe(409);
    expect(dry.json()).toMatchObject({ code: 'backup_schema_incompatible' });
    expect(dry.json().detail).toContain('body');
    expect(dry.json().detail).toContain('no upgrade step');
    const restore = await f.restore(backup.id, { mode: 'replace', confirm: 'acme' });
    expect(restore.status).toBe('failed');
    expect(await f.exportTenant(acme.id)).toEqual(before);
  });
});
