import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3BlobStore } from '../src/s3-blob-store.ts';
import { blobStoreContract } from './support/blob-store-contract.ts';
import { startLocalS3Server, type LocalS3Server } from './support/local-s3-server.ts';

let server: LocalS3Server;
let store: S3BlobStore;

beforeAll(async () => {
  server = await startLocalS3Server();
  store = new S3BlobStore({ endpoint: server.endpoint, bucket: server.bucket, region: 'us-east-1', accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey, forcePathStyle: true, keyPrefix: 'platform/' });
});
afterAll(async () => {
  store?.destroy();
  await server?.close();
});

describe('S3BlobStore against a local S3-compatible server', () => {
  // Over two 5 MiB parts: a multipart upload.
  blobStoreContract(() => store, { largeBytes: 12 * 1024 * 1024 });

  it('keeps its keys under the configured prefix', async () => {
    await store.put('prefixed/x', Buffer.from('x'));
    const bare = new S3BlobStore({ endpoint: server.endpoint, bucket: server.bucket, region: 'us-east-1', accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey, forcePathStyle: true });
    expect((await bare.list('platform/prefixed/')).map((b) => b.key)).toEqual(['platform/prefixed/x']);
    expect((await store.list('prefixed/')).map((b) => b.key)).toEqual(['prefixed/x']);
    bare.destroy();
    await store.delete('prefixed/x');
  });

  it('fails loudly on a bucket that does not exist', async () => {
    const wrong = new S3BlobStore({ endpoint: server.endpoint, bucket: 'no-such-bucket', region: 'us-east-1', accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey, forcePathStyle: true });
    await expect(wrong.put('x', Buffer.from('x'))).rejects.toThrow();
    wrong.destroy();
  });
});
