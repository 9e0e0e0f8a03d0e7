import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';

/**
 * Counts route handlers still running, so a graceful close waits for them before the database goes away.
 * Fastify's own close waits for open connections, but a client that hung up leaves its handler running.
 */
export class HandlerDrain {
  private running = 0;
  private waiters: Array<() => void> = [];
  private closing = false;

  /**
   * Tracks every route's handler, and makes responses sent while closing say `Connection: close` (set around the
   * handler rather than in an onSend hook, which every response would pay for).
   */
  install(app: FastifyInstance): void {
    app.addHook('onRoute', (route) => {
      route.handler = this.track(route.handler);
    });
  }

  /**
   * Stops listening, lets running handlers finish (up to `graceMs`), then ends the keep-alive connections
   * they leave idle instead of waiting out the keep-alive timeout. Returns how many handlers still ran.
   */
  async close(app: FastifyInstance, graceMs: number): Promise<number> {
    this.closing = true;
    const closed = app.close();
    const stillRunning = await this.idle(graceMs);
    app.server.closeIdleConnections();
    await closed;
    return stillRunning;
  }

  /** Wraps a route handler; a synchronous handler stays synchronous (Fastify then waits for its `reply.send`). */
  track(handler: RouteHandlerMethod): RouteHandlerMethod {
    const drain = this;
    const call = handler as (this: unknown, req: FastifyRequest, reply: FastifyReply) => unknown;
    return function trackedHandler(this: unknown, req: FastifyRequest, reply: FastifyReply) {
      drain.running++;
      if (drain.closing) reply.header('connection', 'close');
      let result: unknown;
      try {
        result = call.call(this, req, reply);
      } catch (err) {
        drain.finished();
        throw err;
      }
      if (result && typeof (result as PromiseLike<unknown>).then === 'function' && result !== reply) {
        // Fastify sends what the handler resolves to after this settles: a close begun meanwhile still says so.
        return (result as Promise<unknown>).finally(() => {
          if (drain.closing && !reply.sent) reply.header('connection', 'close');
          drain.finished();
        });
      }
      drain.finished();
      return result;
    } as RouteHandlerMethod;
  }

  private finished(): void {
    if (--this.running === 0) for (const w of this.waiters.splice(0)) w();
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
