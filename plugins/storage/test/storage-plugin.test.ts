import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin } from '@platform/sdk';
import { BLOB_STORE, type BlobStore } from '@platform/sdk/storage';
import { createTestKernel, type TestKernel } from '@platform/testing';
import storagePlugin from '../src/index.ts';
import { readAll } from './support/blob-store-contract.ts';
import { startLocalS3Server, type LocalS3Server } from './support/local-s3-server.ts';

/**
 * The storage plugin in a real kernel: a consumer plugin resolves BLOB_STORE at boot; the filesystem under the data
 * folder serves by default, and the settings switch it to S3 (s3rver on 127.0.0.1) without a restart.
 */
describe('storage plugin', () => {
  let t: TestKernel;
  let s3: LocalS3Server;
  let store: BlobStore;

  beforeAll(async () => {
    s3 = await startLocalS3Server();
    const consumer = definePlugin({
      name: 'blob-consumer',
      version: '0.0.0',
      kernel: '^0.1.0',
      dependsOn: ['storage'],
      boot(ctx) {
        store = ctx.resolve<BlobStore>(BLOB_STORE);
      },
    });
    t = await createTestKernel({ plugins: [storagePlugin, consumer] });
  });
  afterAll(async () => {
    await t?.close();
    await s3?.close();
  });

  it('keeps blobs on the filesystem under the data folder by default', async () => {
    await store.put('consumer/a.txt', Buffer.from('hello'));
    expect(store.kind).toBe('filesystem');
    expect(existsSync(join(t.kernel.config.dataDir, 'blobs', 'consumer', 'a.txt'))).toBe(true);
    expect((await readAll(await store.get('consumer/a.txt'))).toString()).toBe('hello');
    const check = await t.inject({ method: 'POST', url: '/api/storage/check' });
    expect(check.statusCode).toBe(200);
    expect(check.json()).toEqual({ adapter: 'filesystem', ok: true, error: null });
  });

  it('switches to S3 through the settings, with the keys sealed and masked', async () => {
    const put = await t.inject({
      method: 'PUT',
      url: '/api/plugins/storage/settings',
      payload: { adapter: 's3', endpoint: s3.endpoint, bucket: s3.bucket, region: 'us-east-1', accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, forcePathStyle: true },
    });
    expect(put.statusCode).toBe(200);
    const shown = (await t.inject('/api/plugins/storage/settings')).json();
    expect(shown.values.secretAccessKey).not.toBe(s3.secretAccessKey);
    const [row] = await t.sql<{ values: Record<string, unknown> }>(`SELECT values FROM plugin_settings WHERE plugin = 'storage'`);
    expect(JSON.stringify(row.values)).not.toContain(s3.secretAccessKey);

    await store.put('consumer/b.txt', Buffer.from('on s3'));
    expect(store.kind).toBe('s3');
    expect((await readAll(await store.get('consumer/b.txt'))).toString()).toBe('on s3');
    expect(await store.head('consumer/a.txt')).toBeNull(); // that one stayed on the filesystem
    expect((await t.inject({ method: 'POST', url: '/api/storage/check' })).json()).toEqual({ adapter: 's3', ok: true, error: null });
  });

  it('reports a broken S3 configuration in the check, and refuses incomplete settings with 503', async () => {
    await t.inject({ method: 'PUT', url: '/api/plugins/storage/settings', payload: { bucket: 'no-such-bucket' } });
    const check = (await t.inject({ method: 'POST', url: '/api/storage/check' })).json();
    expect(check.ok).toBe(false);
    expect(check.error).toBeTruthy();

    await t.sql(`UPDATE plugin_settings SET values = '{"adapter":"s3"}' WHERE plugin = 'storage'`);
    await expect(store.put('x', Buffer.from('x'))).rejects.toMatchObject({ status: 503, code: 'storage_not_configured' });
  });

  it('refuses settings of the wrong type with a 400 naming the field', async () => {
    for (const payload of [{ adapter: 'ftp' }, { forcePathStyle: 'yes' }, { endpoint: 'not a url' }, { bucket: 'Bad_Bucket' }]) {
      const r = await t.inject({ method: 'PUT', url: '/api/plugins/storage/settings', payload });
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('keeps the check for platform staff: a tenant admin is refused', async () => {
    const tenantAdmin = await t.signIn({ role: 'tenant_admin', tenant: 'acme' });
    expect((await tenantAdmin.inject({ method: 'POST', url: '/api/storage/check' })).statusCode).toBe(403);
  });
});
