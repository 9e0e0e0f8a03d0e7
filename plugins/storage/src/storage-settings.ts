import { Secret, Type, type Static } from '@platform/sdk';

/** The storage plugin's settings (platform-level): which adapter, and the S3 connection when it is `s3`. */
export const StorageSettingsSchema = Type.Object({
  adapter: Type.Union([Type.Literal('filesystem'), Type.Literal('s3')], { default: 'filesystem', description: 'Where blobs are kept' }),
  directory: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, description: 'Filesystem adapter: absolute folder (default: blobs/ under the data folder)' })),
  endpoint: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 1024, description: 'S3: endpoint URL of an S3-compatible server (empty for AWS)' })),
  bucket: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$', description: 'S3: bucket name' })),
  region: Type.String({ minLength: 1, maxLength: 64, default: 'us-east-1', description: 'S3: region' }),
  accessKeyId: Secret(Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: 'S3: access key id' }))),
  secretAccessKey: Secret(Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: 'S3: secret access key' }))),
  forcePathStyle: Type.Boolean({ default: true, description: 'S3: path-style URLs (bucket in the path), as most S3-compatible servers need' }),
  keyPrefix: Type.Optional(Type.String({ pattern: '^([A-Za-z0-9_@=+-][A-Za-z0-9._@=+-]*/)*$', maxLength: 256, description: 'S3: prefix of every key, ending with a slash' })),
});

export type StorageSettings = Static<typeof StorageSettingsSchema>;
