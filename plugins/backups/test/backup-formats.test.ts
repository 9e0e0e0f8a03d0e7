import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantInfo } from '@platform/sdk';
import { startBackupFixture, type BackupFixture } from './support/backup-fixture.ts';

/**
 * Format 2 compresses parts with gzip (the default); format 3 with brotli, when asked to (`partCompression`): both
 * restore to the same rows.
 */
describe('backup formats', () => {
  let f: BackupFixture;
  let acme: TenantInfo;

  beforeAll(async () => {
    f = await startBackupFixture();
    acme = await f.t.tenant('acme');
    await f.seedNotes(acme, 3, 40);
  });
  afterAll(async () => {
    if (f) f.service.partCompression = 'gzip';
    await f?.close();
  });

  for (const [compression, format, suffix] of [
    ['gzip', 'platform-backup/2', '.ndjson.gz.enc'],
    ['brotli', 'platform-backup/3', '.ndjson.br.enc'],
  ] as const) {
    it(`restores a ${format} backup (${compression} parts) to the rows it was taken from`, async () => {
      f.service.partCompression = compression;
      const before = await f.exportTenant(acme.id);
      const backup = await f.backup({ tenantId: acme.id });
      expect(backup.status, backup.error).toBe('completed');
      const manifest = JSON.parse((await f.readBlob(`backups/${acme.id}/${backup.id}/manifest.json`)).toString());
      expect(manifest.format).toBe(format);
      expect(manifest.encryption.compression).toBe(compression);
      for (const part of manifest.parts) expect(part.name.endsWith(suffix), part.name).toBe(true);

      await f.t.sql(`DELETE FROM bnotes_notes WHERE tenant_id = $1`, [acme.id]);
      await f.t.sql(`UPDATE bnotes_notebooks SET title = 'changed' WHERE tenant_id = $1`, [acme.id]);
      const restore = await f.restore(backup.id, { mode: 'replace', confirm: 'acme' });
      expect(restore.status, restore.error).toBe('completed');
      expect(JSON.stringify(await f.exportTenant(acme.id))).toBe(JSON.stringify(before));
    });
  }
});
