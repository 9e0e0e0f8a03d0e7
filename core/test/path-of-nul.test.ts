import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { pathOfNul } from '../src/http/app.ts';

describe('pathOfNul', () => {
  it('names the dotted path of the first string or key holding U+0000 in parsed data', () => {
    expect(pathOfNul({ a: { b: ['ok', 'x\u0000y'] } })).toBe('a.b.1');
    expect(pathOfNul({ ['k\u0000']: 1 })).toBe('k\u0000');
    expect(pathOfNul(Object.assign(Object.create(null), { q: 'a\u0000' }))).toBe('q');
    expect(pathOfNul({ a: 'clean', b: [1, true, null] })).toBeNull();
    // An object with a prototype of its own (a router's params) is not walked: callers copy its own fields first.
    class Params { id = 'x\u0000'; }
    expect(pathOfNul(new Params())).toBeNull();
    expect(pathOfNul({ ...new Params() })).toBe('id');
  });

  it('leaves alone what a route parses itself: bytes, and a streamed body (never walks its object graph)', () => {
    expect(pathOfNul(Buffer.from('a\u0000b'))).toBeNull();
    const stream = new PassThrough();
    // A stream's graph is large and circular (a real request reaches its socket and server): walking it hung the request.
    (stream as unknown as { self: unknown }).self = stream;
    expect(pathOfNul(stream)).toBeNull();
    expect(pathOfNul({ body: stream })).toBeNull();
  });
});
