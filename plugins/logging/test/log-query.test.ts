import { describe, expect, it } from 'vitest';
import { ProblemError } from '@platform/sdk';
import { parseLogQuery } from '../src/query/log-query.ts';
import { LOG_SELECT_COLUMNS, buildLogPageQuery } from '../src/query/log-query-sql.ts';
import { decodeCursor, encodeCursor } from '../src/query/log-cursor.ts';
import { searchWindows } from '../src/query/search-windows.ts';

const now = new Date('2025-03-31T12:00:00Z');
const problem = (fn: () => unknown): ProblemError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProblemError) return err;
    throw err;
  }
  throw new Error('expected a problem');
};

describe('parseLogQuery', () => {
  it('defaults to the last 24 hours, 100 lines, every level', () => {
    const q = parseLogQuery({}, now);
    expect(q).toMatchObject({ to: now, from: new Date('2025-03-30T12:00:00Z'), levels: null, limit: 100, cursor: null, text: null });
  });

  it('reads filters, levels (any case) and epoch times', () => {
    const q = parseLogQuery({ level: 'ERROR,warn', service: 'shop', action: 'order.placed', userId: 'u1', requestId: 'r1', q: ' timeout ', limit: '500', from: String(now.getTime() - 1000) }, now);
    expect(q).toMatchObject({ levels: ['error', 'warn'], service: 'shop', action: 'order.placed', userId: 'u1', requestId: 'r1', text: 'timeout', limit: 500 });
    expect(q.from.getTime()).toBe(now.getTime() - 1000);
  });

  it('400s that name the problem', () => {
    expect(problem(() => parseLogQuery({ from: 'yesterday' }, now))).toMatchObject({ status: 400, code: 'invalid_time_range', field: 'from' });
    expect(problem(() => parseLogQuery({ from: '2025-03-31T12:00:00Z', to: '2025-03-30T12:00:00Z' }, now))).toMatchObject({ code: 'invalid_time_range', field: 'from' });
    expect(problem(() => parseLogQuery({ level: 'info,verbose' }, now))).toMatchObject({ code: 'unknown_level', field: 'level' });
    expect(problem(() => parseLogQuery({ level: 'verbose' }, now)).message).toContain('"verbose"');
    expect(problem(() => parseLogQuery({ q: 'x'.repeat(201) }, now))).toMatchObject({ code: 'query_too_long', field: 'q' });
    expect(problem(() => parseLogQuery({ limit: '501' }, now))).toMatchObject({ code: 'page_size_too_large', field: 'limit' });
    expect(problem(() => parseLogQuery({ limit: 'ten' }, now))).toMatchObject({ code: 'validation_failed', field: 'limit' });
    expect(problem(() => parseLogQuery({ cursor: 'garbage' }, now))).toMatchObject({ code: 'invalid_cursor', field: 'cursor' });
    expect(problem(() => parseLogQuery({ tenantId: 'acme' }, now))).toMatchObject({ field: 'tenantId' });
    expect(problem(() => parseLogQuery({ level: ['info', 'warn'] }, now))).toMatchObject({ field: 'level' });
  });
});

describe('cursor and SQL', () => {
  it('names no output column logged_at, so ORDER BY logged_at stays on the indexed column', () => {
    expect(LOG_SELECT_COLUMNS).not.toMatch(/ AS logged_at\b/);
  });

  it('round-trips a cursor', () => {
    const c = { timestamp: '2025-03-31T11:00:00.000Z', id: '9f1c0b7e-2d4a-4c3b-9a8e-1f2e3d4c5b6a' };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });

  it('pages newest first with a keyset condition, the tenant scope winning over the filter', () => {
    const cursor = encodeCursor({ timestamp: '2025-03-31T11:00:00.000Z', id: '9f1c0b7e-2d4a-4c3b-9a8e-1f2e3d4c5b6a' });
    const q = parseLogQuery({ level: 'error', q: 'timeout', cursor, tenantId: '11111111-1111-4111-8111-111111111111', limit: '50' }, now);
    const sql = buildLogPageQuery(q, '22222222-2222-4222-8222-222222222222');
    expect(sql.text).toContain('level = ANY($3::text[])');
    expect(sql.text).toContain("to_tsvector('simple', logging_search_text(message)) @@ websearch_to_tsquery('simple', logging_search_text($5))");
    expect(sql.text).toContain('(logged_at, id) < ($6::timestamptz, $7::uuid)');
    expect(sql.text).toMatch(/ORDER BY logged_at DESC, id DESC LIMIT 51$/);
    expect(sql.params[3]).toBe('22222222-2222-4222-8222-222222222222');
  });
});

describe('search windows', () => {
  const iso = (ws: { from: Date; to: Date }[]) => ws.map((w) => `${w.from.toISOString().slice(5, 16)}..${w.to.toISOString().slice(5, 16)}`);

  it('covers the range newest first: an hour, back to 6 hours, to a day, then twice as far each time', () => {
    const to = new Date('2025-03-31T12:00:00Z');
    expect(iso(searchWindows(new Date('2025-03-21T00:00:00Z'), to))).toEqual([
      '03-31T11:00..03-31T12:00', '03-31T06:00..03-31T11:00', '03-30T12:00..03-31T06:00', '03-29T12:00..03-30T12:00',
      '03-27T12:00..03-29T12:00', '03-23T12:00..03-27T12:00', '03-21T00:00..03-23T12:00',
    ]);
    expect(iso(searchWindows(new Date('2025-03-31T11:30:00Z'), to))).toEqual(['03-31T11:30..03-31T12:00']);
    expect(searchWindows(to, to)).toHaveLength(1);
  });
});
