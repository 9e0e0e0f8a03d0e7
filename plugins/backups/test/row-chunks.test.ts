import { describe, expect, it } from 'vitest';
import { countLines, jsonArrayOf, lineBatches, lineStrings, type RowPiece } from '../src/restore/row-chunks.ts';

const ROWS = [['a', null], ['é ü "q" \\ \n', '2'], ['日本語', ''], ['x', 'y'], ['last', 'row']];
const NDJSON = Buffer.from(ROWS.map((r) => `${JSON.stringify(r)}\n`).join(''), 'utf8');

/** The NDJSON cut at `cuts` (byte offsets, anywhere: inside a line, inside a character). */
async function* piecesAt(cuts: number[]): AsyncGenerator<RowPiece> {
  let at = 0;
  for (const cut of [...cuts, NDJSON.length]) {
    const bytes = NDJSON.subarray(at, cut);
    at = cut;
    yield { bytes, rows: countLines(bytes) };
  }
}

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('NDJSON pieces to restore batches', () => {
  it('batches whole lines, at least minRows each, into JSON arrays that hold every row once, wherever the bytes are cut', async () => {
    for (let cut = 1; cut < NDJSON.length; cut++) {
      for (const minRows of [1, 2, 3, 10]) {
        const batches = await all(lineBatches(piecesAt([cut, Math.min(cut + 7, NDJSON.length)]), minRows));
        const rows = batches.flatMap((b) => JSON.parse(jsonArrayOf(b.pieces).toString('utf8')) as unknown[]);
        expect(rows, `cut ${cut}, minRows ${minRows}`).toEqual(ROWS);
        expect(batches.map((b) => b.rows).reduce((a, b) => a + b, 0)).toBe(ROWS.length);
        for (const b of batches.slice(0, -1)) expect(b.rows).toBeGreaterThanOrEqual(minRows);
        for (const b of batches) expect(JSON.parse(jsonArrayOf(b.pieces).toString('utf8'))).toHaveLength(b.rows);
        // Written into a reused buffer, the same bytes (a view of it, whatever it held before).
        const scratch = Buffer.alloc(1024, 0x41);
        for (const b of batches) expect(jsonArrayOf(b.pieces, scratch).equals(jsonArrayOf(b.pieces))).toBe(true);
      }
    }
  });

  it('answers lines as strings with characters cut between pieces put back together', async () => {
    for (let cut = 1; cut < NDJSON.length; cut++) {
      const lines = (await all(lineStrings(piecesAt([cut])))).flat();
      expect(lines.map((l) => JSON.parse(l)), `cut ${cut}`).toEqual(ROWS);
    }
  });

  it('an empty batch is an empty array', () => {
    expect(jsonArrayOf([]).toString()).toBe('[]');
  });
});
