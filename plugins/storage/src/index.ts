import { definePlugin, Type } from '@platform/sdk';
import { BLOB_STORE } from '@platform/sdk/storage';
import { ConfiguredBlobStore } from './configured-blob-store.ts';
import { checkStorage } from './storage-check.ts';
import { StorageSettingsSchema, type StorageSettings } from './storage-settings.ts';

/**
 * Blob storage for backups, GDPR export packages and support attachments. Provides a `BlobStore` under
 * `BLOB_STORE` (`@platform/sdk/storage`): the local filesystem under the data folder by default, or an S3-compatible
 * bucket through the official AWS SDK, chosen in this plugin's settings. Plugins resolve it with
 * `ctx.resolve<BlobStore>(BLOB_STORE)` and list `storage` in `dependsOn`.
 *
 * HTTP: `POST /api/storage/check` writes, reads back and deletes a probe blob on the configured adapter.
 */
export default definePlugin({
  name: 'storage',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Blob storage for backups, exports and attachments: local filesystem or S3-compatible',
  scope: 'platform',
  permissions: [{ key: 'storage.manage', label: 'Check the blob storage configuration', scope: 'platform', grantTo: ['admin'] }],
  settings: StorageSettingsSchema,

  register(ctx) {
    ctx.provide(BLOB_STORE, new ConfiguredBlobStore(ctx.kernel.dataDir));
  },

  boot(ctx) {
    const store = ctx.resolve<ConfiguredBlobStore>(BLOB_STORE);
    store.readSettingsWith(() => ctx.settings.get<StorageSettings>());
    ctx.routes.add({
      method: 'POST',
      url: '/check',
      permission: 'storage.manage',
      tenantScoped: false,
      schema: {
        summary: 'Check the configured blob storage (write, read back, delete a probe)',
        response: { 200: Type.Object({ adapter: Type.String(), ok: Type.Boolean(), error: Type.Union([Type.String(), Type.Null()]) }) },
      },
      handler: () => checkStorage(() => store.adapter()),
    });
  },

  shutdown(ctx) {
    ctx.resolve<ConfiguredBlobStore>(BLOB_STORE).close();
  },
});

export { FilesystemBlobStore } from './filesystem-blob-store.ts';
export { S3BlobStore, type S3BlobStoreOptions } from './s3-blob-store.ts';
export { blobKeyProblem, assertBlobKey } from './blob-key.ts';
export type { StorageSettings } from './storage-settings.ts';
