import { Transform, type TransformCallback } from 'node:stream';

const TAB = 0x09;
const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const LETTER_N = 0x4e;
const LETTER_V = 0x76;
const HEX = Buffer.from('0123456789abcdef', 'latin1');

/** Bytes of room kept free past the write position: the most one input byte can grow to, with a row's closing. */
const SLACK = 16;
/** The scratch buffer's usual size (room for `copyOut`'s batches of up to 128 KiB); one grown for a huge row is let go afterwards. */
const SCRATCH_BYTES = 1024 * 1024;

/**
 * PostgreSQL COPY text rows to NDJSON: each row becomes a JSON array of its columns' text values (what the
 * column's output function writes, which its input function reads back exactly), `null` for NULL. Works on bytes
 * in one pass; COPY's escapes are JSON's (`\\`, `\n`, `\t`, `\r`, `\b`, `\f`), so they pass through as they are;
 * quotes and the control bytes COPY leaves raw are escaped for JSON. Counts rows as they pass.
 *
 * Whole rows are converted (the bytes after a chunk's last newline wait for the next chunk; `copyOut` hands on whole
 * rows, so nothing usually waits), which lets the hot loop run row by row and field by field with no state to
 * resume; the output is built in one reused scratch buffer and copied out at its exact size.
 */
export class CopyTextToNdjson extends Transform {
  rows = 0;
  /** The start of a row that the last chunk cut. */
  private carry: Buffer | null = null;
  private scratch = Buffer.allocUnsafe(SCRATCH_BYTES);

  constructor(private readonly onRows: (n: number) => void) {
    // Room for a few of copyOut's batches each side: the server keeps sending while the compressor (on the thread pool) catches up.
    super({ writableHighWaterMark: 512 * 1024, readableHighWaterMark: 1024 * 1024 });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let input = chunk;
    if (this.carry) {
      input = Buffer.concat([this.carry, chunk]);
      this.carry = null;
    }
    const end = input.lastIndexOf(NEWLINE) + 1;
    if (end < input.length) this.carry = Buffer.from(input.subarray(end));
    if (end === 0) return done();
    // Every input byte grows to at most 6 output bytes (a control byte as \u00XX); a row adds its brackets.
    if (this.scratch.length < end * 6 + SLACK) this.scratch = Buffer.allocUnsafe(end * 6 + SLACK);
    const r = convertRows(input, end, this.scratch);
    if (typeof r === 'string') return done(new Error(r));
    const out = Buffer.allocUnsafe(r.bytes);
    this.scratch.copy(out, 0, 0, r.bytes);
    if (this.scratch.length > SCRATCH_BYTES) this.scratch = Buffer.allocUnsafe(SCRATCH_BYTES);
    this.rows += r.rows;
    this.onRows(r.rows);
    done(null, out);
  }

  override _flush(done: TransformCallback): void {
    done(this.carry ? new Error('COPY text ends inside a row') : null);
  }
}

/**
 * Converts the whole rows in `input[0, end)` (`end` just past a newline) into `out`, which has room for six bytes
 * per input byte and {@link SLACK}. Answers the bytes written and rows, or what is malformed.
 */
function convertRows(input: Buffer, end: number, out: Buffer): { bytes: number; rows: number } | string {
  let i = 0;
  let o = 0;
  let rows = 0;
  while (i < end) {
    out[o++] = OPEN;
    for (;;) {
      // A field: NULL (`\N` then a separator), or a value.
      let b = input[i]!;
      if (b === BACKSLASH && input[i + 1] === LETTER_N) {
        const after = input[i + 2];
        if (after !== TAB && after !== NEWLINE) return 'COPY text: \\N followed by a value';
        out[o++] = 0x6e; // null
        out[o++] = 0x75;
        out[o++] = 0x6c;
        out[o++] = 0x6c;
        i += 2;
        b = after;
      } else {
        out[o++] = QUOTE;
        for (;;) {
          b = input[i]!;
          // The hot path: printable bytes other than the quote and the backslash go through as they are.
          if (b > QUOTE && b !== BACKSLASH) {
            out[o++] = b;
            i++;
            continue;
          }
          if (b === TAB || b === NEWLINE) break;
          if (b === BACKSLASH) {
            // COPY writes \\ \b \f \n \r \t \v: JSON has all but \v.
            const e = input[i + 1]!;
            if (i + 1 >= end - 1) return 'COPY text: a row ends inside an escape';
            if (e === LETTER_V) {
              out[o++] = BACKSLASH;
              out[o++] = 0x75; // u000b
              out[o++] = 0x30;
              out[o++] = 0x30;
              out[o++] = 0x30;
              out[o++] = 0x62;
            } else {
              out[o++] = BACKSLASH;
              out[o++] = e;
            }
            i += 2;
          } else if (b === QUOTE) {
            out[o++] = BACKSLASH;
            out[o++] = QUOTE;
            i++;
          } else if (b < 0x20) {
            out[o++] = BACKSLASH;
            out[o++] = 0x75; // u00XX
            out[o++] = 0x30;
            out[o++] = 0x30;
            out[o++] = HEX[b >> 4]!;
            out[o++] = HEX[b & 15]!;
            i++;
          } else {
            out[o++] = b; // space and !
            i++;
          }
        }
        out[o++] = QUOTE;
      }
      i++; // the separator
      if (b === TAB) {
        out[o++] = COMMA;
        continue;
      }
      out[o++] = CLOSE;
      out[o++] = NEWLINE;
      rows++;
      break;
    }
  }
  return { bytes: o, rows };
}
