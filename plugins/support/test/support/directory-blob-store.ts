import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { definePlugin } from '@platform/sdk';
import { BLOB_STORE, BlobNotFoundError, type BlobInfo, type BlobStore } from '@platform/sdk/storage';

/**
 * Until the storage plugin provides BLOB_STORE on this branch: a BlobStore over a temporary directory, behind the
 * SDK contract only (the attachment code under test never sees it is not the storage plugin's).
 */
export function directoryBlobStorePlugin() {
  const root = mkdtempSync(join(tmpdir(), 'support-blobs-'));
  const path = (key: string) => join(root, key);
  const store: BlobStore = {
    kind: 'filesystem',
    async put(key, body, _options) {
      const bytes = Buffer.isBuffer(body) ? body : await buffer(body as Readable);
      await mkdir(dirname(path(key)), { recursive: true });
      await writeFile(path(key), bytes);
      return { size: bytes.length };
    },
    async get(key) {
      try {
        await stat(path(key));
      } catch {
        throw new BlobNotFoundError(key);
      }
      return createReadStream(path(key));
    },
    async head(key): Promise<BlobInfo | null> {
      try {
        const s = await stat(path(key));
        return { key, size: s.size, modifiedAt: s.mtime.toISOString() };
      } catch {
        return null;
      }
    },
    async delete(key) {
      await rm(path(key), { force: true });
    },
    async list(prefix) {
      const out: BlobInfo[] = [];
      const walk = async (dir: string) => {
        for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
          const full = join(dir, e.name);
          if (e.isDirectory()) await walk(full);
          else {
            const key = relative(root, full);
            if (key.startsWith(prefix)) out.push({ key, size: (await stat(full)).size, modifiedAt: (await stat(full)).mtime.toISOString() });
          }
        }
      };
      await walk(root);
      return out;
    },
  };
  return {
    root,
    store,
    plugin: definePlugin({ name: 'test-blob-store', version: '0.0.0', kernel: '^0.1.0', register: (ctx) => ctx.provide(BLOB_STORE, store) }),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
