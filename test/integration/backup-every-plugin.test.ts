import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PluginManifest, TenantInfo } from '@platform/sdk';
import { importPlugins, readPluginList } from '../../core/src/plugins/plugin-list.ts';
import { startBackupFixture, type BackupFixture } from '../../plugins/backups/test/support/backup-fixture.ts';
import { notesPlugin } from '../../plugins/backups/test/support/notes-plugin.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Every configured plugin loaded: a full backup covers each declared table, and after the tenant's rows are deleted
 * a restore brings back an export byte-identical for every declared entity (kernel and plugins).
 */
describe('backup and restore with every configured plugin loaded', () => {
  let f: BackupFixture;
  let acme: TenantInfo;

  beforeAll(async () => {
    const configured = (await importPlugins(readPluginList(join(root, 'platform.config.json')), root)).filter((p: PluginManifest) => p.name !== 'storage' && p.name !== 'backups');
    f = await startBackupFixture([...configured, notesPlugin]);
    acme = await f.t.tenant('acme');
    await f.t.tenant('other');
    await f.t.signIn({ role: 'tenant_admin', tenant: 'acme' });
    await f.seedNotes(acme, 2, 20);
    const topUp = await f.t.inject({ method: 'POST', url: `/api/messaging/credits/${acme.id}/top-up`, payload: { amount: 7, reason: 'backup test' } });
    expect(topUp.statusCode, topUp.body).toBeLessThan(300);
  }, 180_000);
  afterAll(async () => f?.close());

  it('restores every declared table of every plugin byte for byte, appending to append-only tables', async () => {
    const backup = await f.backup({ tenantId: acme.id });
    expect(backup.status, backup.error).toBe('completed');
    const before = await f.exportTenant(acme.id);
    const plugins = new Set(f.registry.list().map((d) => d.plugin));
    expect(plugins.size).toBeGreaterThan(5);
    const tablesWithRows = Object.entries(before).filter(([, rows]) => rows.length > 0).map(([table]) => table);
    expect(tablesWithRows.length).toBeGreaterThan(4);

    // Delete the tenant's rows of every replaceable table, children first (the dry run's order reversed).
    const dry = (await f.t.inject({ method: 'POST', url: `/api/backups/backups/${backup.id}/restore/dry-run`, payload: { mode: 'replace' } })).json();
    expect(dry.totals.conflicts).toBe(0);
    const actionOf = (table: string) => dry.tables.find((x: { table: string }) => x.table === table)?.action;
    expect(actionOf('messaging_credit_ledger')).toBe('append');
    expect(actionOf('audit')).toBe('append');
    expect(actionOf('messaging_credit_accounts')).toBe('upsert');
    await f.t.sql(`UPDATE messaging_credit_accounts SET balance = balance + 100 WHERE tenant_id = $1`, [acme.id]);
    for (const table of [...dry.tables].reverse().filter((x: { action: string }) => x.action === 'replace')) {
      const d = f.registry.list().find((x) => x.table === table.table)!;
      if (d.tenantVia) continue; // goes with its parent (ON DELETE CASCADE) or is rewritten below
      await f.t.sql(`DELETE FROM "${table.table}" WHERE "${d.tenantColumn ?? 'tenant_id'}" = $1`, [acme.id]);
    }
    const restore = await f.restore(backup.id, { mode: 'replace', confirm: 'acme' });
    expect(restore.status, restore.error).toBe('completed');
    const after = await f.exportTenant(acme.id);
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
  });
});
