import { describe, expect, it } from 'vitest';
import { CopyTextToNdjson } from '../src/backup/copy-text-lines.ts';

/** Runs COPY text through the converter cut into chunks at `cuts`; answers the NDJSON and the rows counted. */
async function convert(copyText: string, cuts: number[] = []): Promise<{ text: string; rows: number }> {
  const bytes = Buffer.from(copyText, 'utf8');
  const conv = new CopyTextToNdjson(() => undefined);
  const out: Buffer[] = [];
  conv.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    conv.on('end', resolve);
    conv.on('error', reject);
  });
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    conv.write(bytes.subarray(at, cut));
    at = cut;
  }
  conv.end();
  await ended;
  return { text: Buffer.concat(out).toString('utf8'), rows: conv.rows };
}

// What PostgreSQL writes for COPY TO in text format: tab-separated, \N for NULL, backslash escapes.
const COPY = [
  'a1\t12\t\\N\t{"x": "y\\\\"z"}\t',
  'tab\\there\tnew\\nline\tback\\\\slash\tvt\\v\tquote "q" \u0001 é',
  '\\N\t\\N\t\\N\t\\N\t\\N',
].map((l) => `${l}\n`).join('');

const EXPECTED = [
  ['a1', '12', null, '{"x": "y\\"z"}', ''],
  ['tab\there', 'new\nline', 'back\\slash', 'vt\u000b', 'quote "q" \u0001 é'],
  [null, null, null, null, null],
];

describe('COPY text to NDJSON arrays', () => {
  it('writes each row as a JSON array of its text values, NULL as null, every escape undone', async () => {
    const { text, rows } = await convert(COPY);
    expect(rows).toBe(3);
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l))).toEqual(EXPECTED);
  });

  it('gives the same bytes wherever the input is cut into chunks', async () => {
    const whole = (await convert(COPY)).text;
    const length = Buffer.byteLength(COPY);
    for (let cut = 1; cut < length; cut++) expect((await convert(COPY, [cut])).text, `cut at ${cut}`).toBe(whole);
    expect((await convert(COPY, Array.from({ length: length - 1 }, (_, i) => i + 1))).text).toBe(whole);
  });

  it('refuses input that ends inside a row', async () => {
    await expect(convert('a\tb')).rejects.toThrow(/inside a row/);
  });
});
