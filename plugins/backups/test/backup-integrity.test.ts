import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantInfo } from '@platform/sdk';
import { startBackupFixture, type BackupFixture } from './support/backup-fixture.ts';

/** A backup altered in storage is refused before anything is written, naming the part; so is one of another schema. */
describe('backup integrity and schema versions', () => {
  let f: BackupFixture;
  let acme: TenantInfo;
  let backup: Record<string, any>;
  let manifest: { parts: { name: string; table: string; bytes: number }[] };
  let folder: string;

  beforeAll(async () => {
    f = await startBackupFixture();
    acme = await f.t.tenant('acme');
    await f.seedNotes(acme, 2, 30);
    backup = await f.backup({ tenantId: acme.id });
    folder = `backups/${acme.id}/${backup.id}`;
    manifest = JSON.parse((await f.readBlob(`${folder}/manifest.json`)).toString());
  });
  afterAll(async () => f?.close());

  const verify = () => f.t.inject({ method: 'POST', url: `/api/backups/backups/${backup.id}/verify` });

  /** Replaces the blob, runs `check`, then puts the original back. */
  async function withAltered(key: string, alter: (b: Buffer) => Buffer, check: () => Promise<void>) {
    const original = await f.readBlob(key);
    await f.blobs.put(key, alter(Buffer.from(original)));
    try {
      await check();
    } finally {
      await f.blobs.put(key, original);
    }
  }

  it('refuses a backup with one flipped byte in any part, naming that part, and restores nothing', async () => {
    const rowsBefore = await f.exportTenant(acme.id);
    for (const part of manifest.parts) {
      // A byte in the middle of the part: inside a chunk's header, IV, ciphertext or tag.
      const at = Math.floor(part.bytes / 2);
      await withAltered(`${folder}/${part.name}`, (b) => { b[at] = b[at]! ^ 0x01; return b; }, async () => {
        const r = await verify();
        expect(r.statusCode, part.table).toBe(422);
        expect(r.json()).toMatchObject({ code: 'backup_corrupt' });
        expect(r.json().detail).toContain(part.name);
        expect(r.json().part).toBe(part.name);
      });
    }
    // One restore through the whole path: refused at verification, nothing deleted.
    const victim = manifest.parts.find((p) => p.table === 'bnotes_notes')!;
    await withAltered(`${folder}/${victim.name}`, (b) => { b[b.length - 3] = b[b.length - 3]! ^ 0x80; return b; }, async () => {
      const dry = await f.t.inject({ method: 'POST', url: `/api/backups/backups/${backup.id}/restore/dry-run`, payload: { mode: 'replace' } });
      expect(dry.statusCode).toBe(422);
      const restore = await f.restore(backup.id, { mode: 'replace', confirm: 'acme' });
      expect(restore.status).toBe('failed');
      expect(restore.failedPart).toBe(victim.name);
      expect(restore.error).toContain(victim.name);
    });
    expect(await f.exportTenant(acme.id)).toEqual(rowsBefore);
  });

  it('refuses a truncated part, an extended one, a missing one', async () => {
    const part = manifest.parts.find((p) => p.table === 'bnotes_notes')!;
    const key = `${folder}/${part.name}`;
    for (const alter of [(b: Buffer) => b.subarray(0, b.length - 1), (b: Buffer) => b.subarray(0, 4 + 12 + 10), (b: Buffer) => Buffer.concat([b, Buffer.from([0])])]) {
      await withAltered(key, alter, async () => {
        const r = await verify();
        expect(r.statusCode).toBe(422);
        expect(r.json().part).toBe(part.name);
      });
    }
    const original = await f.readBlob(key);
    await f.blobs.delete(key);
    const r = await verify();
    await f.blobs.put(key, original);
    expect(r.statusCode).toBe(422);
    expect(r.json().detail).toContain('missing');
    expect((await verify()).statusCode).toBe(200);
  });

  it('refuses an altered manifest (counts, hashes, key) by its MAC', async () => {
    const key = `${folder}/manifest.json`;
    const edits: ((m: any) => void)[] = [
      (m) => { m.parts[0].rows += 1; },
      (m) => { m.parts[1].sha256 = '0'.repeat(64); },
      (m) => { m.tenant.slug = 'someone-else'; },
      (m) => { m.encryption.wrappedKey = 'enc:v1:AAAA:BBBB:CCCC'; },
    ];
    for (const edit of edits) {
      await withAltered(key, (b) => { const m = JSON.parse(b.toString()); edit(m); return Buffer.from(JSON.stringify(m)); }, async () => {
        const r = await verify();
        expect(r.statusCode).toBe(422);
        expect(r.json().part).toBe('manifest.json');
      });
    }
    await withAltered(key, () => Buffer.from('{not json'), async () => expect((await verify()).json().part).toBe('manifest.json'));
  });

  it('restores a backup taken before a later migration: the added column takes its default', async () => {
    await f.t.sql(`ALTER TABLE bnotes_notes ADD COLUMN pinned boolean NOT NULL DEFAULT false`);
    await f.t.sql(`INSERT INTO kernel_migrations (owner, name) VALUES ('bnotes', '0002_pinned')`);
    try {
      const dry = await f.t.inject({ method: 'POST', url: `/api/backups/backups/${backup.id}/restore/dry-run`, payload: { mode: 'replace' } });
      expect(dry.statusCode).toBe(200);
      expect(dry.json().newerHere).toEqual({ bnotes: ['0002_pinned'] });
      await f.t.sql(`UPDATE bnotes_notes SET pinned = true, body = body || '!' WHERE tenant_id = $1`, [acme.id]);
      const restore = await f.restore(backup.id, { mode: 'replace', confirm: 'acme' });
      expect(restore.status, restore.error).toBe('completed');
      const rows = await f.t.sql<{ pinned: boolean; body: string }>(`SELECT pinned, body FROM bnotes_notes WHERE tenant_id = $1`, [acme.id]);
      expect(rows).toHaveLength(60);
      expect(rows.every((r) => r.pinned === false && !r.body.endsWith('!'))).toBe(true);
    } finally {
      await f.t.sql(`ALTER TABLE bnotes_notes DROP COLUMN pinned`);
      await f.t.sql(`DELETE FROM kernel_migrations WHERE owner = 'bnotes' AND name = '0002_pinned'`);
    }
  });

  it('refuses, with a clear message and nothing written, a backup from a schema this platform does not have', async () => {
    const rowsBefore = await f.exportTenant(acme.id);
    await f.t.sql(`DELETE FROM kernel_migrations WHERE owner = 'bnotes'`);
    try {
      const dry = await f.t.inject({ method: 'POST', url: `/api/backups/backups/${backup.id}/restore/dry-run`, payload: { mode: 'replace' } });
      expect(dry.statusCode).toBe(409);
      expect(dry.json()).toMatchObject({ code: 'backup_schema_newer' });
      expect(dry.json().detail).toContain('0001_notes');
      const restore = await f.restore(backup.id, { mode: 'replace', confirm: 'acme' });
      expect(restore.status).toBe('failed');
      expect(restore.error).toContain('newer schema');
    } finally {
      await f.t.sql(`INSERT INTO kernel_migrations (owner, name) VALUES ('bnotes', '0001_notes')`);
    }
    await f.t.sql(`ALTER TABLE bnotes_notebooks RENAME COLUMN title TO name`);
    try {
      const dry = await f.t.inject({ method: 'POST', url: `/api/backups/backups/${backup.id}/restore/dry-run`, payload: { mode: 'replace' } });
      expect(dry.statusCode).toBe(409);
      expect(dry.json()).toMatchObject({ code: 'backup_schema_incompatible' });
    } finally {
      await f.t.sql(`ALTER TABLE bnotes_notebooks RENAME COLUMN name TO title`);
    }
    expect(await f.exportTenant(acme.id)).toEqual(rowsBefore);
  });
});
