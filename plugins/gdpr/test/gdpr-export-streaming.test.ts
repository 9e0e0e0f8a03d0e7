import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { startFakeSmtpServer, type FakeSmtpServer } from '@platform/testing';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import messaging from '@platform/plugin-messaging';
import smtp from '@platform/plugin-email-smtp';
import storage from '@platform/plugin-storage';
import gdpr from '../src/index.ts';
import { EXPORT_PAGE_ROWS } from '../src/export-package.ts';
import { exportRowsPlugin } from './support/export-rows-plugin.ts';

const ROWS = 120_000;
const PERSON = 'many.rows@example.com';

async function unzip(buffer: Buffer): Promise<Record<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z!))));
  const files: Record<string, Buffer> = {};
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) =>
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        stream!.on('data', (c: Buffer) => chunks.push(c));
        stream!.on('end', () => {
          files[entry.fileName] = Buffer.concat(chunks);
          zip.readEntry();
        });
      }),
    );
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return files;
}

/**
 * An export far larger than one page of rows (and than the 50,000-row cap the in-memory package had): every row is
 * in the package, none cut, and the manifest's counts and hashes match the files.
 */
describe('gdpr export of many rows', () => {
  let t: TestKernel;
  let mail: FakeSmtpServer;
  let tenantId: string;
  const link = (kind: string) => [...mail.requests].reverse().find((m) => m.raw.includes(`/api/gdpr/${kind}/`))!.raw.match(new RegExp(`/api/gdpr/${kind}/([A-Za-z0-9_-]+)`))![1];

  beforeAll(async () => {
    mail = await startFakeSmtpServer();
    t = await createTestKernel({ plugins: [messaging, smtp, storage, gdpr, exportRowsPlugin] });
    const provider = await t.inject({ method: 'POST', url: '/api/messaging/providers', payload: { channel: 'email', providerId: 'smtp', name: 'SMTP', config: { host: '127.0.0.1', port: mail.port, security: 'none', fromEmail: 'privacy@platform.test' } } });
    await t.inject({ method: 'PUT', url: '/api/messaging/assignments', payload: { tenantId: null, channel: 'email', providerConfigIds: [provider.json().id] } });
    tenantId = (await t.tenant('many-rows')).id;
    const other = (await t.tenant('other-rows')).id;
    await t.sql(`INSERT INTO gexp_rows (id, tenant_id, email, note) SELECT gen_random_uuid(), $1, $2, 'note number ' || i || ' "quoted"' FROM generate_series(1, $3::int) i`, [tenantId, PERSON, ROWS]);
    await t.sql(`INSERT INTO gexp_rows (id, tenant_id, email, note) SELECT gen_random_uuid(), $1, 'someone.else@example.com', 'not theirs' FROM generate_series(1, 500) i`, [tenantId]);
    await t.sql(`INSERT INTO gexp_rows (id, tenant_id, email, note) SELECT gen_random_uuid(), $1, $2, 'other tenant' FROM generate_series(1, 500) i`, [other, PERSON]);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await mail?.close();
  });

  it('writes every row into the package, page by page, with the manifest counting them', async () => {
    const opened = await t.inject({ method: 'POST', url: '/api/gdpr/requests', payload: { tenantId, kind: 'export', email: PERSON } });
    expect(opened.statusCode, opened.body).toBe(201);
    const verified = await t.kernel.app.inject({ method: 'POST', url: `/api/gdpr/verify/${link('verify')}` });
    expect(verified.statusCode, verified.body).toBe(200);
    const download = await t.kernel.app.inject({ method: 'GET', url: `/api/gdpr/downloads/${link('downloads')}` });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.length).toBeGreaterThan(500_000);
    const files = await unzip(download.rawPayload);
    const manifest = JSON.parse(files['manifest.json']!.toString());
    for (const category of ['contact', 'content']) {
      const file = files[`${category}.json`]!;
      const entry = manifest.files.find((f: { path: string }) => f.path === `${category}.json`);
      expect(entry.bytes).toBe(file.length);
      expect(entry.tables).toContainEqual({ plugin: 'gexp', table: 'gexp_rows', rows: ROWS, truncated: false });
      const body = JSON.parse(file.toString());
      const rows = body.tables.find((x: { table: string }) => x.table === 'gexp_rows').rows as Record<string, string>[];
      expect(rows).toHaveLength(ROWS);
      expect(new Set(rows.map((r) => r.id)).size).toBe(ROWS);
      expect(ROWS).toBeGreaterThan(EXPORT_PAGE_ROWS * 10);
      if (category === 'content') expect(rows.every((r) => r.note.startsWith('note number ') && !('email' in r))).toBe(true);
      if (category === 'contact') expect(rows.every((r) => r.email === PERSON && !('note' in r))).toBe(true);
    }
  }, 180_000);
});
