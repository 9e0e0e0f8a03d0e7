import { StringDecoder } from 'node:string_decoder';

const NEWLINE = 0x0a;
const COMMA = 0x2c;
const OPEN = 0x5b;
const CLOSE = 0x5d;

/** How many lines `bytes` ends (newlines: a JSON text never holds a raw one, it is escaped as `\n` inside strings). */
export function countLines(bytes: Buffer): number {
  let rows = 0;
  for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) rows++;
  return rows;
}

/** NDJSON bytes as they come (cut anywhere), with how many lines end in them. */
export interface RowPiece {
  bytes: Buffer;
  rows: number;
}

/** Whole NDJSON lines as the pieces of bytes they came in (no copy), and how many lines. */
export interface LineBatch {
  pieces: Buffer[];
  rows: number;
}

/**
 * Groups NDJSON bytes, cut anywhere (the decompressor's output), into batches of whole lines, at least `minRows` each but the
 * last: a batch is the pieces themselves, the one it ends in cut after its last newline (views, nothing copied).
 * Rows stay bytes, never a string each, so a restore's memory does not grow with V8's garbage.
 */
export async function* lineBatches(pieces: AsyncIterable<RowPiece>, minRows: number): AsyncGenerator<LineBatch> {
  let batch: Buffer[] = [];
  let rows = 0;
  for await (const { bytes: piece, rows: n } of pieces) {
    if (rows + n < minRows) {
      batch.push(piece);
      rows += n;
      continue;
    }
    const cut = piece.lastIndexOf(NEWLINE) + 1;
    batch.push(piece.subarray(0, cut));
    yield { pieces: batch, rows: rows + n };
    batch = cut < piece.length ? [piece.subarray(cut)] : [];
    rows = 0;
  }
  if (rows > 0 || batch.length > 0) yield { pieces: batch, rows };
}

/** NDJSON bytes, cut anywhere, as lines (strings): for the rows a clone rewrites or an upgrade step reads. */
export async function* lineStrings(pieces: AsyncIterable<RowPiece>): AsyncGenerator<string[]> {
  // A piece may end inside a character: the decoder keeps its first bytes for the next.
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const piece of pieces) {
    const lines = (rest + decoder.write(piece.bytes)).split('\n');
    rest = lines.pop() ?? '';
    if (lines.length > 0) yield lines;
  }
}

/**
 * The lines of `pieces` (whole lines, each ending with its newline) as one JSON array (`[line,line,...]`), as bytes,
 * written into `into` when it has room (a view of it is answered: the caller reuses it once the batch is sent).
 */
export function jsonArrayOf(pieces: readonly Buffer[], into?: Buffer): Buffer {
  const size = pieces.reduce((a, c) => a + c.length, 0);
  if (size === 0) return Buffer.from('[]');
  const out = into && into.length > size ? into.subarray(0, size + 1) : Buffer.allocUnsafe(size + 1);
  out[0] = OPEN;
  let at = 1;
  for (const c of pieces) at += c.copy(out, at);
  // Between lines a newline becomes a comma; the last one closes the array.
  for (let nl = out.indexOf(NEWLINE, 1); nl >= 0; nl = out.indexOf(NEWLINE, nl + 1)) out[nl] = COMMA;
  out[size] = CLOSE;
  return out;
}
