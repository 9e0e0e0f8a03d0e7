import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { FilesystemBlobStore } from '../src/filesystem-blob-store.ts';
import { blobStoreContract } from './support/blob-store-contract.ts';

const root = mkdtempSync(join(tmpdir(), 'fs-blobs-'));
const store = new FilesystemBlobStore(join(root, 'blobs'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('FilesystemBlobStore', () => {
  blobStoreContract(() => store, { largeBytes: 12 * 1024 * 1024 });

  it('writes under its root only, leaving no temporary file behind', async () => {
    await store.put('tenant/a/file.bin', Readable.from([Buffer.from('abc')]));
    expect(existsSync(join(root, 'blobs', 'tenant', 'a', 'file.bin'))).toBe(true);
    expect(readdirSync(join(root, 'blobs', 'tenant', 'a'))).toEqual(['file.bin']);
    await expect(store.put('../outside', Buffer.from('x'))).rejects.toMatchObject({ code: 'invalid_blob_key' });
    expect(existsSync(join(root, 'outside'))).toBe(false);
  });

  it('removes the folders a delete leaves empty', async () => {
    await store.put('deep/er/still/file', Buffer.from('x'));
    await store.delete('deep/er/still/file');
    expect(existsSync(join(root, 'blobs', 'deep'))).toBe(false);
    expect(existsSync(join(root, 'blobs'))).toBe(true);
  });
});
