import { createHash } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { ProblemError } from '@platform/sdk';

/** Bytes read before anything is stored: enough for every signature `sniffContentType` knows. */
export const SNIFF_BYTES = 4096;

/**
 * The first bytes of an upload (up to `SNIFF_BYTES`, fewer when it ends first), and the stream of all of it (those
 * bytes again, then the rest, unread yet).
 */
export async function readHead(body: Readable): Promise<{ head: Buffer; ended: boolean; rest: AsyncIterable<Buffer> }> {
  const iterator = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    chunks.push(chunk);
    size += chunk.length;
  }
  const all = Buffer.concat(chunks);
  async function* rest(): AsyncGenerator<Buffer> {
    yield all;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    }
  }
  return { head: all.subarray(0, SNIFF_BYTES), ended, rest: rest() };
}

/** `bytes` without a UTF-8 sequence cut at its end (a head read from a longer text), so it can be judged as text. */
export function wholeUtf8Prefix(bytes: Buffer): Buffer {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const needs = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return needs > back ? bytes.subarray(0, bytes.length - back) : bytes;
  }
  return bytes;
}

/**
 * What an upload's bytes go through on their way to storage: counted (over `maxBytes`: 413), hashed, and for text
 * checked all the way (valid UTF-8, no control bytes but tab, newline, carriage return, form feed: else 415).
 */
export class UploadGuard extends Transform {
  bytes = 0;
  private readonly hash = createHash('sha256');
  private readonly decoder: TextDecoder | null;

  constructor(private readonly maxBytes: number, text: boolean) {
    super();
    this.decoder = text ? new TextDecoder('utf-8', { fatal: true }) : null;
  }

  override _transform(chunk: Buffer, _e: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return done(new ProblemError(413, 'attachment_too_large', `The file is larger than the ${this.maxBytes} bytes accepted`, { field: 'file', extra: { maxBytes: this.maxBytes } }));
    if (this.decoder) {
      for (const b of chunk) if (b === 0x7f || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c)) return done(notText());
      try {
        this.decoder.decode(chunk, { stream: true });
      } catch {
        return done(notText());
      }
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    try {
      this.decoder?.decode();
    } catch {
      return done(notText());
    }
    done();
  }

  sha256(): string {
    return this.hash.digest('hex');
  }
}

const notText = () => new ProblemError(415, 'attachment_type_mismatch', 'The file starts as text but is not all text (control bytes or invalid UTF-8 further on)', { field: 'file' });
