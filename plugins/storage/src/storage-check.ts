import { randomBytes } from 'node:crypto';
import type { BlobStore } from '@platform/sdk/storage';

export interface StorageCheck {
  adapter: string;
  ok: boolean;
  /** What failed, when `ok` is false. */
  error: string | null;
}

/** Writes, reads back and deletes a small probe blob: proves the configured adapter works end to end. */
export async function checkStorage(adapter: () => Promise<BlobStore>): Promise<StorageCheck> {
  let kind = 'unknown';
  try {
    const store = await adapter();
    kind = store.kind;
    const key = `storage-probe/${randomBytes(8).toString('hex')}`;
    const body = randomBytes(32);
    await store.put(key, body, { contentType: 'application/octet-stream' });
    const chunks: Buffer[] = [];
    for await (const chunk of await store.get(key)) chunks.push(chunk as Buffer);
    await store.delete(key);
    if (!Buffer.concat(chunks).equals(body)) return { adapter: kind, ok: false, error: 'the probe blob read back differs from what was written' };
    return { adapter: kind, ok: true, error: null };
  } catch (err) {
    return { adapter: kind, ok: false, error: (err as Error).message || (err as Error).name };
  }
}
