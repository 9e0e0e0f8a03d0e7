/**
 * Blob storage: where backups, GDPR export packages and support attachments are kept. The `storage` plugin provides a
 * {@link BlobStore} under {@link BLOB_STORE} (the local filesystem by default, or S3-compatible storage); plugins
 * look it up with `ctx.resolve<BlobStore>(BLOB_STORE)` and `dependsOn: ['storage']`.
 *
 * Keys are `/`-separated relative paths (`backups/<tenant>/<id>/part-0001.ndjson.br.enc`); a plugin writes under its
 * own prefix. Everything streams: nothing is loaded whole into memory.
 */
import type { Readable } from 'node:stream';

/** DI key of the {@link BlobStore}. */
export const BLOB_STORE = 'storage.blob-store';

export interface BlobInfo {
  key: string;
  size: number;
  /** ISO */
  modifiedAt: string;
}

export interface BlobStore {
  /** Which adapter is configured (`filesystem`, `s3`). */
  readonly kind: string;
  /** Streams `body` to `key`, replacing what was there; resolves with the stored size. */
  put(key: string, body: Readable | Buffer, options?: { contentType?: string }): Promise<{ size: number }>;
  /** A stream of the blob; rejects with a `BlobNotFoundError` when there is none. */
  get(key: string): Promise<Readable>;
  head(key: string): Promise<BlobInfo | null>;
  delete(key: string): Promise<void>;
  /** Every blob whose key starts with `prefix`. */
  list(prefix: string): Promise<BlobInfo[]>;
  /**
   * The adapter as configured now, for a run of calls that must not read the configuration again: e.g. while a long
   * database transaction holds the only connection of the embedded database. Absent: use this store itself.
   */
  pin?(): Promise<BlobStore>;
}

/** `store.pin()` when the store offers it, else the store itself. */
export async function pinnedBlobStore(store: BlobStore): Promise<BlobStore> {
  return store.pin ? store.pin() : store;
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no blob at ${key}`);
    this.name = 'BlobNotFoundError';
  }
}
