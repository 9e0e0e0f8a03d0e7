import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * A part's encrypted framing: the (gzipped) plaintext is cut into chunks of at most {@link CHUNK_BYTES}; each is
 * sealed with AES-256-GCM and written as `[u32 ciphertext length][12-byte IV][ciphertext][16-byte tag]`. The
 * additional data binds each chunk to its backup, part, position and whether it is the last one, so chunks cannot be
 * reordered, moved between parts or dropped from the end without the tag failing.
 */
export const CHUNK_BYTES = 256 * 1024;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 4;

const aad = (context: string, index: number, final: boolean) => Buffer.from(`${context}:${index}:${final ? 'final' : 'more'}`);

export class ChunkSealer extends Transform {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private index = 0;

  /** `context` names the backup and the part (`<backupId>/<part name>`). */
  constructor(private readonly key: Buffer, private readonly context: string) {
    super();
  }

  private seal(plain: Buffer, final: boolean): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(aad(this.context, this.index++, final));
    const data = Buffer.concat([cipher.update(plain), cipher.final()]);
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32BE(data.length);
    return Buffer.concat([header, iv, data, cipher.getAuthTag()]);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    while (this.pendingBytes > CHUNK_BYTES) {
      const all = Buffer.concat(this.pending);
      this.push(this.seal(all.subarray(0, CHUNK_BYTES), false));
      const rest = all.subarray(CHUNK_BYTES);
      this.pending = [rest];
      this.pendingBytes = rest.length;
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    this.push(this.seal(Buffer.concat(this.pending), true));
    this.pending = [];
    done();
  }
}

/** Why a part failed to open: tampered (a tag did not verify) or truncated (ends before its final chunk). */
export class SealedChunkError extends Error {
  constructor(readonly reason: 'tampered' | 'truncated' | 'malformed', detail: string) {
    super(detail);
    this.name = 'SealedChunkError';
  }
}

/** Reverses {@link ChunkSealer}: every chunk is authenticated before a byte of it goes on. */
export class ChunkOpener extends Transform {
  /** Bytes read and not yet opened, as they came: joined once per chunk, not once per read. */
  private queue: Buffer[] = [];
  private queued = 0;
  private index = 0;
  private finished = false;

  constructor(private readonly key: Buffer, private readonly context: string) {
    super();
  }

  /** Removes the first `n` queued bytes (n <= queued), copying only when they span reads. */
  private dequeue(n: number): Buffer {
    const first = this.queue[0]!;
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.queue.shift();
      else this.queue[0] = first.subarray(n);
    } else {
      const all = Buffer.concat(this.queue, this.queued);
      out = all.subarray(0, n);
      this.queue = all.length > n ? [all.subarray(n)] : [];
    }
    this.queued -= n;
    return out;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (chunk.length > 0) {
      this.queue.push(chunk);
      this.queued += chunk.length;
    }
    try {
      while (this.queued >= HEADER_BYTES) {
        if (this.finished) throw new SealedChunkError('tampered', `bytes after the final chunk (chunk ${this.index})`);
        const first = this.queue[0]!;
        const length = (first.length >= HEADER_BYTES ? first : Buffer.concat(this.queue, HEADER_BYTES)).readUInt32BE(0);
        if (length > CHUNK_BYTES + 1024) throw new SealedChunkError('tampered', `chunk ${this.index} declares an impossible length ${length}`);
        const total = HEADER_BYTES + IV_BYTES + length + TAG_BYTES;
        if (this.queued < total) break;
        this.push(this.open(this.dequeue(total), length));
      }
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  private open(frame: Buffer, length: number): Buffer {
    const iv = frame.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
    const data = frame.subarray(HEADER_BYTES + IV_BYTES, HEADER_BYTES + IV_BYTES + length);
    const tag = frame.subarray(HEADER_BYTES + IV_BYTES + length);
    // The last chunk is the one that verifies as final; try "more" first, as every chunk but one is.
    for (const final of [false, true]) {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAAD(aad(this.context, this.index, final));
      decipher.setAuthTag(tag);
      try {
        const plain = Buffer.concat([decipher.update(data), decipher.final()]);
        this.index++;
        this.finished = final;
        return plain;
      } catch {
        // try the other flag
      }
    }
    throw new SealedChunkError('tampered', `chunk ${this.index} fails authentication`);
  }

  override _flush(done: TransformCallback): void {
    if (this.queued > 0) return done(new SealedChunkError('truncated', `ends inside chunk ${this.index}`));
    if (!this.finished) return done(new SealedChunkError('truncated', `ends after chunk ${this.index - 1} without its final chunk`));
    done();
  }
}
