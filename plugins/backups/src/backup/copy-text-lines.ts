import { Transform, type TransformCallback } from 'node:stream';

const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
/** COPY text escapes (`\n` and friends) back to their bytes. A `\n` only stands for JSON whitespace here: a space. */
const UNESCAPED: Record<number, number> = { 0x5c: 0x5c, 0x6e: 0x20, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c, 0x76: 0x0b };

/**
 * COPY text of a one-column query (a JSON document per row) to NDJSON: the same lines with the COPY escapes undone,
 * counting rows as they pass. Chunks without a backslash (most of them) go through untouched. A raw newline inside a
 * JSON document can only be insignificant whitespace (strings escape theirs), so it becomes a space and every row
 * stays one line.
 */
export class CopyTextToNdjson extends Transform {
  rows = 0;
  /** A chunk ended on a backslash: its escape continues in the next chunk. */
  private pendingEscape = false;

  constructor(private readonly onRows: (n: number) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let out = chunk;
    if (this.pendingEscape || chunk.indexOf(BACKSLASH) !== -1) out = this.unescape(chunk);
    let n = 0;
    for (let i = out.indexOf(NEWLINE); i !== -1; i = out.indexOf(NEWLINE, i + 1)) n++;
    if (n > 0) {
      this.rows += n;
      this.onRows(n);
    }
    done(null, out);
  }

  private unescape(chunk: Buffer): Buffer {
    const out = Buffer.allocUnsafe(chunk.length);
    let o = 0;
    let i = 0;
    if (this.pendingEscape) {
      this.pendingEscape = false;
      if (chunk.length > 0) out[o++] = UNESCAPED[chunk[0]!] ?? chunk[0]!;
      i = 1;
    }
    while (i < chunk.length) {
      const at = chunk.indexOf(BACKSLASH, i);
      const end = at === -1 ? chunk.length : at;
      o += chunk.copy(out, o, i, end);
      if (at === -1) break;
      if (at + 1 >= chunk.length) {
        this.pendingEscape = true;
        break;
      }
      const next = chunk[at + 1]!;
      out[o++] = UNESCAPED[next] ?? next;
      i = at + 2;
    }
    return out.subarray(0, o);
  }
}
