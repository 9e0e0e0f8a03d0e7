import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobNotFoundError, type BlobInfo, type BlobStore } from '@platform/sdk/storage';
import { assertBlobKey } from './blob-key.ts';
import { ByteCounter } from './counting-stream.ts';

export interface S3BlobStoreOptions {
  /** Base URL of an S3-compatible server (MinIO, R2, s3rver...); absent for AWS itself. */
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `https://host/bucket/key` rather than `https://bucket.host/key` (most S3-compatible servers want this). */
  forcePathStyle: boolean;
  /** Prepended to every key, e.g. `platform/` to share a bucket. */
  keyPrefix?: string;
  /** Size of each part of a streamed (multipart) upload; memory held per upload is about twice this. */
  partSizeBytes?: number;
}

const MIN_PART_SIZE = 5 * 1024 * 1024;

function isNotFound(err: unknown): boolean {
  if (err instanceof S3ServiceException) return err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata?.httpStatusCode === 404;
  return false;
}

/**
 * Blobs in an S3 bucket through the official AWS SDK. A Buffer is one PutObject; a stream is a multipart upload
 * (`@aws-sdk/lib-storage`) of fixed-size parts, so memory stays bounded whatever the size and S3 makes the object
 * visible only once it is complete (atomic for readers). Checksums are sent only where S3 requires them, which
 * S3-compatible servers that predate the flexible checksums accept.
 */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3';
  private readonly client: S3Client;
  private readonly prefix: string;

  constructor(private readonly options: S3BlobStoreOptions) {
    this.client = new S3Client({
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      region: options.region,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      forcePathStyle: options.forcePathStyle,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
    this.prefix = options.keyPrefix ?? '';
  }

  private objectKey(key: string): string {
    assertBlobKey(key);
    return this.prefix + key;
  }

  async put(key: string, body: Readable | Buffer, options: { contentType?: string } = {}): Promise<{ size: number }> {
    const Key = this.objectKey(key);
    const ContentType = options.contentType ?? 'application/octet-stream';
    if (Buffer.isBuffer(body)) {
      await this.client.send(new PutObjectCommand({ Bucket: this.options.bucket, Key, Body: body, ContentLength: body.length, ContentType }));
      return { size: body.length };
    }
    const counter = new ByteCounter();
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.options.bucket, Key, Body: counter, ContentType },
      partSize: Math.max(MIN_PART_SIZE, this.options.partSizeBytes ?? MIN_PART_SIZE),
      queueSize: 2,
      leavePartsOnError: false,
    });
    // The source's errors abort the upload (and are what the caller sees); the upload's stop the source.
    let sourceError: unknown = null;
    const feeding = pipeline(body, counter).catch(async (err: unknown) => {
      sourceError = err;
      await upload.abort().catch(() => undefined);
    });
    try {
      await Promise.all([upload.done(), feeding]);
    } catch (err) {
      const fromSource = sourceError;
      counter.destroy();
      body.destroy();
      throw fromSource ?? err;
    }
    if (sourceError) throw sourceError;
    return { size: counter.bytes };
  }

  async get(key: string): Promise<Readable> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
      if (!(out.Body instanceof Readable)) throw new Error('S3 returned no body stream');
      return out.Body;
    } catch (err) {
      if (isNotFound(err)) throw new BlobNotFoundError(key);
      throw err;
    }
  }

  async head(key: string): Promise<BlobInfo | null> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
      return { key, size: out.ContentLength ?? 0, modifiedAt: (out.LastModified ?? new Date(0)).toISOString() };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
  }

  async list(prefix: string): Promise<BlobInfo[]> {
    assertBlobKey(prefix, { allowPrefix: true });
    const out: BlobInfo[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.options.bucket, Prefix: this.prefix + prefix, ContinuationToken }));
      for (const o of page.Contents ?? []) {
        if (!o.Key) continue;
        out.push({ key: o.Key.slice(this.prefix.length), size: o.Size ?? 0, modifiedAt: (o.LastModified ?? new Date(0)).toISOString() });
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  destroy(): void {
    this.client.destroy();
  }
}
