import { describe, expect, it } from 'vitest';
import type { FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { HandlerDrain } from '../src/http/handler-drain.ts';

const call = (h: RouteHandlerMethod, reply = {} as FastifyReply) => (h as any).call(null, {} as FastifyRequest, reply);

describe('HandlerDrain', () => {
  it('waits for running async handlers and reports none left', async () => {
    const drain = new HandlerDrain();
    let release!: () => void;
    const pending = call(drain.track((async () => new Promise<string>((ok) => (release = () => ok('done')))) as any));
    expect(drain.inFlight).toBe(1);
    const idle = drain.idle(5000);
    release();
    expect(await pending).toBe('done');
    expect(await idle).toBe(0);
  });

  it('keeps a synchronous handler synchronous, and counts a throwing one as finished', () => {
    const drain = new HandlerDrain();
    expect(call(drain.track((() => 'sync') as any))).toBe('sync');
    expect(() => call(drain.track((() => { throw new Error('boom'); }) as any))).toThrow('boom');
    const reply = { then: () => undefined } as unknown as FastifyReply;
    expect(call(drain.track(((_req: unknown, r: FastifyReply) => r) as any), reply)).toBe(reply);
    expect(drain.inFlight).toBe(0);
  });

  it('gives up waiting after the timeout and says how many still run', async () => {
    const drain = new HandlerDrain();
    void call(drain.track((async () => new Promise(() => undefined)) as any));
    expect(await drain.idle(20)).toBe(1);
  });
});
