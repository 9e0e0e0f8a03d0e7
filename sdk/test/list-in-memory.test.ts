import { describe, expect, it } from 'vitest';
import { contentRange, setContentRange } from '../src/content-range.ts';
import { pageInMemory, replyInMemoryList } from '../src/list-in-memory.ts';
import type { FastifyReply } from 'fastify';

/** A reply that records its headers. */
function fakeReply(): { reply: FastifyReply; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  const reply = { header: (k: string, v: string) => ((headers[k] = v), reply) } as unknown as FastifyReply;
  return { reply, headers };
}

const rows = [
  { id: 'a', n: 3, at: '2024-01-02' },
  { id: 'b', n: null, at: '2024-01-01' },
  { id: 'c', n: 1, at: '2024-01-03' },
  { id: 'd', n: 2, at: null },
];

describe('contentRange', () => {
  it('names the resource, the rows sent and the total', () => {
    expect(contentRange('flags', 0, 25, 100)).toBe('flags 0-24/100');
    expect(contentRange('flags', 50, 3, 53)).toBe('flags 50-52/53');
    expect(contentRange('flags', 0, 0, 0)).toBe('flags 0-0/0');
  });

  it('is set on the reply and exposed to the browser', () => {
    const { reply, headers } = fakeReply();
    setContentRange(reply, 'alerts', 10, 5, 42);
    expect(headers).toEqual({ 'Content-Range': 'alerts 10-14/42', 'Access-Control-Expose-Headers': 'Content-Range' });
  });
});

describe('pageInMemory', () => {
  it('keeps the given order without a sort, and slices the page', () => {
    expect(pageInMemory(rows, { offset: 1, limit: 2, sort: null })).toEqual({ page: [rows[1], rows[2]], total: 4 });
  });

  it('sorts ascending and descending with nulls last, without touching the input', () => {
    expect(pageInMemory(rows, { offset: 0, limit: 10, sort: { field: 'n', order: 'ASC' } }).page.map((r) => r.id)).toEqual(['c', 'd', 'a', 'b']);
    expect(pageInMemory(rows, { offset: 0, limit: 10, sort: { field: 'n', order: 'DESC' } }).page.map((r) => r.id)).toEqual(['a', 'd', 'c', 'b']);
    expect(pageInMemory(rows, { offset: 0, limit: 10, sort: { field: 'at', order: 'DESC' } }).page.map((r) => r.id)).toEqual(['c', 'a', 'b', 'd']);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('replyInMemoryList', () => {
  it('answers the whole list without a range', () => {
    const { reply, headers } = fakeReply();
    expect(replyInMemoryList({}, reply, 'history', rows)).toHaveLength(4);
    expect(headers['Content-Range']).toBe('history 0-3/4');
  });

  it('applies sort and range and sets Content-Range', () => {
    const { reply, headers } = fakeReply();
    const page = replyInMemoryList({ sort: '["n","ASC"]', range: '[1,2]' }, reply, 'usage', rows);
    expect(page.map((r) => r.id)).toEqual(['d', 'a']);
    expect(headers['Content-Range']).toBe('usage 1-2/4');
  });

  it('answers an empty page past the end', () => {
    const { reply, headers } = fakeReply();
    expect(replyInMemoryList({ range: '[10,19]' }, reply, 'usage', rows)).toEqual([]);
    expect(headers['Content-Range']).toBe('usage 10-10/4');
  });

  it('refuses bad input, naming the field', () => {
    const { reply } = fakeReply();
    expect(() => replyInMemoryList({ range: '[3,1]' }, reply, 'usage', rows)).toThrow(expect.objectContaining({ status: 400, field: 'range' }));
    expect(() => replyInMemoryList({ sort: '["n","sideways"]' }, reply, 'usage', rows)).toThrow(expect.objectContaining({ status: 400, field: 'sort' }));
    expect(() => replyInMemoryList({ sort: '["secret","ASC"]' }, reply, 'usage', rows, { sort: ['n'] })).toThrow(expect.objectContaining({ status: 400, field: 'sort' }));
  });
});
