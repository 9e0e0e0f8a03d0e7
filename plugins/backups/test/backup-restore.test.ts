import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantInfo } from '@platform/sdk';
import { startBackupFixture, type BackupFixture } from './support/backup-fixture.ts';

/**
 * A tenant's backup and restore on a real kernel: the kernel's tables, the storage and backups plugins and a test
 * plugin with parent, child and grandchild tables of every common column type.
 */
describe('backup and restore of a tenant', () => {
  let f: BackupFixture;
  let acme: TenantInfo;
  let other: TenantInfo;
  let backup: Record<string, any>;
  let before: Record<string, string[]>;
  let otherBefore: Record<string, string[]>;

  beforeAll(async () => {
    f = await startBackupFixture();
    acme = await f.t.tenant('acme');
    other = await f.t.tenant('other');
    await f.t.signIn({ role: 'tenant_admin', tenant: 'acme' });
    await f.t.signIn({ role: 'tenant_member', tenant: 'other' });
    await f.seedNotes(acme, 3, 40);
    await f.seedNotes(other, 2, 10);
    backup = await f.backup({ tenantId: acme.id });
    before = await f.exportTenant(acme.id);
    otherBefore = await f.exportTenant(other.id);
  });
  afterAll(async () => f?.close());

  it('completes with every declared table as a part, rows counted, progress at its total', async () => {
    expect(backup.status).toBe('completed');
    expect(backup.rowsDone).toBe(backup.rowsTotal);
    expect(backup.rowsDone).toBeGreaterThanOrEqual(3 + 120 + 240);
    const manifest = JSON.parse((await f.readBlob(`backups/${acme.id}/${backup.id}/manifest.json`)).toString());
    const tables = manifest.parts.map((p: { table: string }) => p.table);
    for (const d of f.registry.list()) {
      if (d.restore === 'exclude') expect(tables).not.toContain(d.table);
      else expect(tables, d.table).toContain(d.table);
    }
    expect(tables.indexOf('bnotes_notebooks')).toBeLessThan(tables.indexOf('bnotes_notes'));
    expect(tables.indexOf('bnotes_notes')).toBeLessThan(tables.indexOf('bnotes_revisions'));
    expect(manifest.parts.find((p: { table: string }) => p.table === 'bnotes_notes').rows).toBe(120);
    expect(manifest.schema.bnotes).toEqual(['0001_notes']);
    expect(manifest.schema.kernel.length).toBeGreaterThan(0);
    expect(manifest.encryption.wrappedKey).toMatch(/^enc:v1:/);
    // Nothing readable in the stored parts.
    const part = await f.readBlob(`backups/${acme.id}/${backup.id}/${manifest.parts.find((p: { table: string }) => p.table === 'bnotes_notes').name}`);
    expect(part.includes(Buffer.from('acme'))).toBe(false);
    expect(part.includes(Buffer.from('example.test'))).toBe(false);
  });

  it('verifies', async () => {
    const r = await f.t.inject({ method: 'POST', url: `/api/backups/backups/${backup.id}/verify` });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, rows: backup.rowsDone });
  });

  it('restores the deleted rows so that the tenant export is byte-identical, other tenants untouched', async () => {
    await f.t.sql(`DELETE FROM bnotes_notebooks WHERE tenant_id = $1`, [acme.id]);
    await f.t.sql(`DELETE FROM users WHERE tenant_id = $1`, [acme.id]);
    await f.t.sql(`DELETE FROM tenant_plugins WHERE tenant_id = $1`, [acme.id]);
    const gone = await f.exportTenant(acme.id);
    expect(gone.bnotes_notes).toEqual([]);
    expect(gone.bnotes_revisions).toEqual([]);

    const dry = await f.t.inject({ method: 'POST', url: `/api/backups/backups/${backup.id}/restore/dry-run`, payload: { mode: 'replace' } });
    expect(dry.statusCode).toBe(200);
    const report = dry.json();
    expect(report.totals.conflicts).toBe(0);
    expect(report.tables.find((x: { table: string }) => x.table === 'bnotes_notes')).toMatchObject({ action: 'replace', rowsInBackup: 120, rowsNow: 0, conflicts: 0 });
    expect(report.tables.find((x: { table: string }) => x.table === 'audit')).toMatchObject({ action: 'append' });
    expect(report.tables.find((x: { table: string }) => x.table === 'tenants')).toMatchObject({ action: 'none' });
    expect(await f.exportTenant(acme.id)).toEqual(gone); // the dry run wrote nothing

    const wrong = await f.t.inject({ method: 'POST', url: `/api/backups/backups/${backup.id}/restore`, payload: { mode: 'replace', confirm: 'ACME' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'confirmation_mismatch', field: 'confirm' });

    const restore = await f.restore(backup.id, { mode: 'replace', confirm: 'acme' });
    expect(restore.status, restore.error).toBe('completed');
    expect(restore.rowsDone).toBe(restore.rowsTotal);
    const after = await f.exportTenant(acme.id);
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
    expect(await f.exportTenant(other.id)).toEqual(otherBefore);

    const audit = await f.t.sql<{ action: string }>(`SELECT action FROM audit WHERE action = 'backups.restored' AND target_id = $1`, [acme.id]);
    expect(audit).toHaveLength(1);
  });

  it('restoring over the live rows (replace) leaves them as they were backed up', async () => {
    await f.t.sql(`UPDATE bnotes_notes SET body = body || ' edited' WHERE tenant_id = $1`, [acme.id]);
    await f.t.sql(`INSERT INTO bnotes_notebooks (id, tenant_id, title) VALUES (gen_random_uuid(), $1, 'added after')`, [acme.id]);
    const restore = await f.restore(backup.id, { mode: 'replace', confirm: 'acme' });
    expect(restore.status, restore.error).toBe('completed');
    expect(JSON.stringify(await f.exportTenant(acme.id))).toBe(JSON.stringify(before));
  });

  it('clones a partial backup into another tenant with new ids, the source untouched', async () => {
    const copy = await f.t.tenant('acme-copy');
    const partial = await f.backup({ tenantId: acme.id, plugins: ['bnotes'] });
    expect(partial.status).toBe('completed');
    expect(partial.scope).toBe('partial');
    const dry = (await f.t.inject({ method: 'POST', url: `/api/backups/backups/${partial.id}/restore/dry-run`, payload: { mode: 'clone', targetTenantId: 'acme-copy' } })).json();
    expect(dry.tables.map((x: { table: string }) => x.table)).toEqual(['bnotes_notebooks', 'bnotes_notes', 'bnotes_revisions']);
    expect(dry.totals.conflicts).toBe(0);
    const restore = await f.restore(partial.id, { mode: 'clone', targetTenantId: copy.id, confirm: 'acme-copy' });
    expect(restore.status, restore.error).toBe('completed');
    const cloned = await f.exportTenant(copy.id);
    expect(cloned.bnotes_notes).toHaveLength(120);
    expect(cloned.bnotes_revisions).toHaveLength(240);
    const strip = (rows: string[]) => rows.map((r) => { const o = JSON.parse(r); delete o.id; delete o.tenant_id; delete o.notebook_id; return JSON.stringify(o); }).sort();
    expect(strip(cloned.bnotes_notes)).toEqual(strip(before.bnotes_notes!));
    const [links] = await f.t.sql<{ n: string }>(`SELECT count(*)::text AS n FROM bnotes_notes n JOIN bnotes_notebooks b ON b.id = n.notebook_id WHERE n.tenant_id = $1 AND b.tenant_id = $1`, [copy.id]);
    expect(links!.n).toBe('120');
    expect(JSON.stringify(await f.exportTenant(acme.id))).toBe(JSON.stringify(before));
  });

  it('clones into a new tenant, created and provisioned by the clone, after refusing a bad request without creating it', async () => {
    const partial = await f.backup({ tenantId: acme.id, plugins: ['bnotes'] });
    const url = `/api/backups/backups/${partial.id}/restore`;
    const exists = async (slug: string) => (await f.t.sql(`SELECT 1 FROM tenants WHERE slug = $1`, [slug])).length > 0;

    const dry = await f.t.inject({ method: 'POST', url: `${url}/dry-run`, payload: { mode: 'clone', newTenant: { slug: 'acme-fresh', name: 'Acme Fresh' } } });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ targetTenant: { slug: 'acme-fresh' }, totals: { rowsToDelete: 0, conflicts: 0 } });
    expect(await exists('acme-fresh')).toBe(false);

    const refused = [
      [{ mode: 'clone', newTenant: { slug: 'acme-fresh', name: 'Acme Fresh' }, confirm: 'acme' }, 400, 'confirm'],
      [{ mode: 'replace', newTenant: { slug: 'acme-fresh', name: 'Acme Fresh' }, confirm: 'acme-fresh' }, 400, 'newTenant'],
      [{ mode: 'clone', targetTenantId: 'other', newTenant: { slug: 'acme-fresh', name: 'Acme Fresh' }, confirm: 'acme-fresh' }, 400, 'newTenant'],
      [{ mode: 'clone', newTenant: { slug: 'Bad Slug', name: 'x' }, confirm: 'Bad Slug' }, 400, null],
      [{ mode: 'clone', newTenant: { slug: 'other', name: 'Other' }, confirm: 'other' }, 409, 'newTenant.slug'],
    ] as const;
    for (const [payload, status, field] of refused) {
      const r = await f.t.inject({ method: 'POST', url, payload });
      expect(r.statusCode, JSON.stringify(payload)).toBe(status);
      if (field) expect(r.json().field ?? r.json().errors?.[0]?.field, JSON.stringify(payload)).toBe(field);
    }
    expect(await exists('acme-fresh')).toBe(false);

    const started = await f.t.inject({ method: 'POST', url, payload: { mode: 'clone', newTenant: { slug: 'acme-fresh', name: 'Acme Fresh' }, confirm: 'acme-fresh' } });
    expect(started.statusCode, started.body).toBe(202);
    const fresh = started.json().createdTenant;
    expect(fresh).toMatchObject({ slug: 'acme-fresh', name: 'Acme Fresh', status: 'active' });
    let restore: Record<string, any>;
    for (;;) {
      restore = (await f.t.inject(`/api/backups/restores/${started.json().id}`)).json();
      if (restore.status !== 'verifying' && restore.status !== 'restoring') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(restore.status, restore.error).toBe('completed');
    expect(restore.tenantId).toBe(fresh.id);
    const cloned = await f.exportTenant(fresh.id);
    expect(cloned.bnotes_notes).toHaveLength(120);
    const again = await f.t.inject({ method: 'POST', url, payload: { mode: 'clone', newTenant: { slug: 'acme-fresh', name: 'Again' }, confirm: 'acme-fresh' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('slug_taken');
  });

  it('refuses a restore into the wrong tenant for its mode', async () => {
    const r1 = await f.t.inject({ method: 'POST', url: `/api/backups/backups/${backup.id}/restore`, payload: { mode: 'replace', targetTenantId: 'other', confirm: 'other' } });
    expect(r1.statusCode).toBe(400);
    const r2 = await f.t.inject({ method: 'POST', url: `/api/backups/backups/${backup.id}/restore`, payload: { mode: 'clone', confirm: 'acme' } });
    expect(r2.statusCode).toBe(400);
  });
});
