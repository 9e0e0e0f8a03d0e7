import { describe, expect, it } from 'vitest';
import { ServerSentEventParser } from '../src/openfeature/web/server-sent-events.ts';

describe('ServerSentEventParser', () => {
  it('parses events split anywhere across chunks, with comments, ids, retry and multi-line data', () => {
    const parser = new ServerSentEventParser();
    const text = 'retry: 1000\n\n: ping\n\nid: 7\nevent: flags\ndata: {"a":\ndata: 1}\n\nevent: other\ndata:x\n\n';
    const events = [];
    for (let i = 0; i < text.length; i += 3) events.push(...parser.push(text.slice(i, i + 3)));
    expect(events).toEqual([
      { event: 'flags', data: '{"a":\n1}', id: '7' },
      { event: 'other', data: 'x', id: '7' },
    ]);
    expect(parser.retryMs).toBe(1000);
  });

  it('accepts CRLF and CR line ends, including a CRLF split between chunks', () => {
    const parser = new ServerSentEventParser();
    expect(parser.push('data: one\r')).toEqual([]);
    expect(parser.push('\n\r\ndata: two\r\r')).toEqual([{ event: 'message', data: 'one', id: null }]);
    // The last CR may be half of a CRLF: the blank line it ends is seen with the next chunk.
    expect(parser.push(': ping\n')).toEqual([{ event: 'message', data: 'two', id: null }]);
  });

  it('ignores an event without data and a non-numeric retry', () => {
    const parser = new ServerSentEventParser();
    expect(parser.push('event: flags\n\nretry: soon\n\n')).toEqual([]);
    expect(parser.retryMs).toBeNull();
  });
});
