import { Transform, type TransformCallback } from 'node:stream';

const TAB = 0x09;
const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const HEX = '0123456789abcdef';

/** Where the converter stands between two bytes (a chunk may end anywhere). */
const enum At {
  RowStart,
  FieldStart,
  /** Read a backslash at the start of a field: `\N` (null) or an escape opening a value. */
  FieldStartEscape,
  /** `\N` read: null, if the field ends here. */
  NullEnd,
  InField,
  InFieldEscape,
}

/**
 * PostgreSQL COPY text rows to NDJSON: each row becomes a JSON array of its columns' text values (what the
 * column's output function writes, which its input function reads back exactly), `null` for NULL. Works on bytes
 * in one pass; COPY's escapes are JSON's (`\\`, `\n`, `\t`, `\r`, `\b`, `\f`), so they pass through as they are;
 * quotes and the control bytes COPY leaves raw are escaped for JSON. Counts rows as they pass.
 */
export class CopyTextToNdjson extends Transform {
  rows = 0;
  private at = At.RowStart;

  constructor(private readonly onRows: (n: number) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const r = convertChunk(chunk, this.at);
    if (r.error) return done(new Error(r.error));
    this.at = r.at;
    if (r.rows > 0) {
      this.rows += r.rows;
      this.onRows(r.rows);
    }
    done(null, r.out);
  }

  override _flush(done: TransformCallback): void {
    done(this.at === At.RowStart ? null : new Error('COPY text ends inside a row'));
  }
}

/** One chunk through the state machine: a tight loop over bytes with everything in locals (this is the hot path). */
function convertChunk(chunk: Buffer, state: At): { out: Buffer; at: At; rows: number; error?: string } {
  const n = chunk.length;
  let out = Buffer.allocUnsafe(n + (n >> 1) + 64);
  let cap = out.length;
  let o = 0;
  let rows = 0;
  let at = state;
  for (let i = 0; i < n; i++) {
    if (o + 16 > cap) {
      const bigger = Buffer.allocUnsafe(cap * 2);
      out.copy(bigger, 0, 0, o);
      out = bigger;
      cap = bigger.length;
    }
    const b = chunk[i]!;
    if (at === At.InField) {
      if (b > QUOTE && b !== BACKSLASH) {
        out[o++] = b;
        continue;
      }
      if (b === TAB) {
        out[o++] = QUOTE;
        out[o++] = 0x2c;
        at = At.FieldStart;
      } else if (b === NEWLINE) {
        out[o++] = QUOTE;
        out[o++] = 0x5d;
        out[o++] = NEWLINE;
        at = At.RowStart;
        rows++;
      } else if (b === BACKSLASH) {
        at = At.InFieldEscape;
      } else if (b === QUOTE) {
        out[o++] = BACKSLASH;
        out[o++] = QUOTE;
      } else if (b < 0x20) {
        o += out.write(`\\u00${HEX[b >> 4]}${HEX[b & 15]}`, o, 'latin1');
      } else {
        out[o++] = b;
      }
      continue;
    }
    if (at === At.RowStart) {
      out[o++] = 0x5b; // [
      at = At.FieldStart;
    }
    if (at === At.FieldStart) {
      if (b === BACKSLASH) {
        at = At.FieldStartEscape;
        continue;
      }
      out[o++] = QUOTE;
      at = At.InField;
      i--; // the byte is the field's first: read it again in the field
      continue;
    }
    if (at === At.FieldStartEscape) {
      if (b === 0x4e) {
        at = At.NullEnd;
        continue;
      }
      out[o++] = QUOTE;
      at = At.InFieldEscape;
    }
    if (at === At.NullEnd) {
      o += out.write('null', o, 'latin1');
      if (b === TAB) {
        out[o++] = 0x2c;
        at = At.FieldStart;
      } else if (b === NEWLINE) {
        out[o++] = 0x5d;
        out[o++] = NEWLINE;
        at = At.RowStart;
        rows++;
      } else {
        return { out, at, rows, error: 'COPY text: \\N followed by a value' };
      }
      continue;
    }
    // InFieldEscape. COPY writes \\ \b \f \n \r \t \v: JSON has all but \v.
    if (b === 0x76) {
      o += out.write('\\u000b', o, 'latin1');
    } else {
      out[o++] = BACKSLASH;
      out[o++] = b;
    }
    at = At.InField;
  }
  return { out: out.subarray(0, o), at, rows };
}
