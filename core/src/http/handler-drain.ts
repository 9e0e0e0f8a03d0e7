import type { FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';

/**
 * Counts route handlers still running, so a graceful close waits for them before the database goes away.
 * Fastify's own close waits for open connections, but a client that hung up leaves its handler running.
 */
export class HandlerDrain {
  private running = 0;
  private waiters: Array<() => void> = [];

  track(handler: RouteHandlerMethod): RouteHandlerMethod {
    const drain = this;
    return async function trackedHandler(this: unknown, req: FastifyRequest, reply: FastifyReply) {
      drain.running++;
      try {
        return await (handler as (this: unknown, req: FastifyRequest, reply: FastifyReply) => unknown).call(this, req, reply);
      } finally {
        if (--drain.running === 0) for (const w of drain.waiters.splice(0)) w();
      }
    } as RouteHandlerMethod;
  }

  get inFlight(): number {
    return this.running;
  }

  /** Resolves when no handler runs, or after `timeoutMs` (then returns how many still run). */
  async idle(timeoutMs: number): Promise<number> {
    if (this.running === 0) return 0;
    await new Promise<void>((ok) => {
      const timer = setTimeout(ok, timeoutMs);
      timer.unref();
      this.waiters.push(() => {
        clearTimeout(timer);
        ok();
      });
    });
    return this.running;
  }
}
