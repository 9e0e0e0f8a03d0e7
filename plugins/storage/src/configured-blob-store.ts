import { isAbsolute, join } from 'node:path';
import type { Readable } from 'node:stream';
import { ProblemError } from '@platform/sdk';
import type { BlobInfo, BlobStore } from '@platform/sdk/storage';
import { FilesystemBlobStore } from './filesystem-blob-store.ts';
import { S3BlobStore } from './s3-blob-store.ts';
import type { StorageSettings } from './storage-settings.ts';

/** Builds the adapter the settings name; throws 503 `storage_not_configured` when they are incomplete. */
export function blobStoreFor(settings: StorageSettings, dataDir: string): BlobStore {
  if (settings.adapter === 's3') {
    const missing = (['bucket', 'accessKeyId', 'secretAccessKey'] as const).filter((k) => !settings[k]);
    if (missing.length > 0) throw new ProblemError(503, 'storage_not_configured', `S3 storage needs ${missing.join(', ')} in the storage plugin's settings`);
    return new S3BlobStore({
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      bucket: settings.bucket!,
      region: settings.region,
      accessKeyId: settings.accessKeyId!,
      secretAccessKey: settings.secretAccessKey!,
      forcePathStyle: settings.forcePathStyle,
      ...(settings.keyPrefix ? { keyPrefix: settings.keyPrefix } : {}),
    });
  }
  const directory = settings.directory && isAbsolute(settings.directory) ? settings.directory : join(dataDir, settings.directory ?? 'blobs');
  return new FilesystemBlobStore(directory);
}

/**
 * The BlobStore other plugins resolve under `BLOB_STORE`: each call goes to the adapter the current settings name,
 * rebuilt only when the settings change (so an edit in the console takes effect without a restart).
 */
export class ConfiguredBlobStore implements BlobStore {
  private current: { fingerprint: string; store: BlobStore } | null = null;
  private source: (() => Promise<StorageSettings>) | null = null;

  constructor(private readonly dataDir: string) {}

  /** Called at boot, once settings can be read. */
  readSettingsWith(source: () => Promise<StorageSettings>): void {
    this.source = source;
  }

  get kind(): string {
    return this.current?.store.kind ?? 'filesystem';
  }

  async adapter(): Promise<BlobStore> {
    if (!this.source) throw new Error('storage plugin not booted yet');
    const settings = await this.source();
    const fingerprint = JSON.stringify(settings);
    if (this.current?.fingerprint !== fingerprint) {
      // The previous adapter is dropped, not closed: a call still in flight on it finishes.
      this.current = { fingerprint, store: blobStoreFor(settings, this.dataDir) };
    }
    return this.current.store;
  }

  pin(): Promise<BlobStore> {
    return this.adapter();
  }

  async put(key: string, body: Readable | Buffer, options?: { contentType?: string }): Promise<{ size: number }> {
    return (await this.adapter()).put(key, body, options);
  }

  async get(key: string): Promise<Readable> {
    return (await this.adapter()).get(key);
  }

  async head(key: string): Promise<BlobInfo | null> {
    return (await this.adapter()).head(key);
  }

  async delete(key: string): Promise<void> {
    return (await this.adapter()).delete(key);
  }

  async list(prefix: string): Promise<BlobInfo[]> {
    return (await this.adapter()).list(prefix);
  }

  close(): void {
    if (this.current?.store instanceof S3BlobStore) this.current.store.destroy();
    this.current = null;
  }
}
