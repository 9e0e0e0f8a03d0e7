import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerFactory, RouteHandlerMethod } from 'fastify';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

/** When the kernel refuses work instead of queueing it (env `SHED_*`, see README's configuration table). */
export interface LoadSheddingConfig {
  /** Requests being handled at once, at most; the next one is refused. 0: no limit. */
  maxInFlight: number;
  /** While the event loop's worst delay over the last sample exceeds this, fewer requests are let in. 0: off. */
  maxEventLoopDelayMs: number;
  /**
   * The most work one event-loop turn may do before the rest of the requests read in that turn are refused,
   * while the previous turn went over it too. 0: off. See `LoadShedder` for why this matters more than the
   * in-flight count when requests are answered from memory.
   */
  maxTurnMs: number;
  /** Refuse while the V8 heap in use exceeds this many bytes. 0: off. */
  maxHeapUsedBytes: number;
  /** `Retry-After` of a refused request, in seconds. */
  retryAfterSeconds: number;
  /** How often the event-loop delay and the heap are sampled. */
  sampleIntervalMs: number;
}

export const DEFAULT_LOAD_SHEDDING: LoadSheddingConfig = {
  maxInFlight: 128,
  maxEventLoopDelayMs: 40,
  maxTurnMs: 5,
  maxHeapUsedBytes: 0,
  retryAfterSeconds: 1,
  sampleIntervalMs: 50,
};

/**
 * Only API requests are refused and counted: the console's static files are cheap, and a page missing half its
 * scripts is worse than a slow one. The probes are never refused: the orchestrator must see the truth.
 */
const SHED_PREFIX = '/api/';
export const UNSHED_PATHS = new Set(['/livez', '/readyz', '/api/livez', '/api/readyz']);

/**
 * However late the event loop, this many requests are still let in: the delay may come from elsewhere (another
 * process on the CPU, a long synchronous task) and refusing everything would serve nobody.
 */
const MIN_IN_FLIGHT = 8;

/**
 * A turn is only over its budget because of a backlog when it reads more requests than this; fewer, and the time
 * went to a heavy request or to other work, which refusing the next few would not help.
 */
const MIN_REQUESTS_PER_BUSY_TURN = 16;

export type ShedReason = 'in_flight' | 'event_loop_delay' | 'turn' | 'heap';

type Log = { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };

/** An admitted request's hold on an in-flight slot: released once its response is closed and its handler is not running. */
interface Slot {
  responseClosed: boolean;
  handlerRunning: boolean;
  released: boolean;
}

const SLOT = Symbol('loadShedderSlot');
type WithSlot = IncomingMessage & { [SLOT]?: Slot };

/**
 * Refuses requests with a fast `503` + `Retry-After` when the process is overloaded, instead of queueing them
 * until clients time out. It sits in front of Fastify, in the HTTP server's request listener (`serverFactory`),
 * so a refused request costs no routing, request object, logger, hook, authentication, database or body
 * parsing: under overload, refusing is most of what the process does, and its cost is the turn's length. A
 * refused request is not logged one by one (a line at the start of shedding, every 10 s at most, says how many). A request holds its in-flight slot until its response is closed
 * and its route handler has returned: a client that gave up does not free the slot while the work it started
 * still runs (else a slow database would let in more and more work). Server-sent event streams
 * (`Accept: text/event-stream`) are long lived: they are not counted as in flight.
 *
 * Requests answered from memory (flag evaluation, cached reads) finish within the event-loop turn that read
 * them, so they are never many in flight: what grows under load is the turn itself, every ready socket's request
 * handled one after the other. A long turn delays every response, and it starves new connections too: libuv
 * accepts one connection per turn (libuv/libuv#3696), so at 100 ms per turn 500 clients take 50 s to get in,
 * and time out. So the shedder also bounds each turn: once a turn has done `maxTurnMs` of work, and the previous
 * turn went over too (one slow request is not overload), the requests read in the rest of that turn are refused,
 * which costs a fraction of serving them.
 */
export class LoadShedder {
  private inFlight = 0;
  private delayMs = 0;
  private heapUsed = 0;
  private refusedSinceLog = 0;
  private lastLogAt = 0;
  private shedding: ShedReason | null = null;
  private histogram: IntervalHistogram | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly body: string;
  /** `performance.now()` when the current turn read its first API request; -1 between turns. */
  private turnStartedAt = -1;
  /** How long the previous turn worked, from its first API request to its end. */
  private previousTurnMs = 0;
  /** API requests read in the current turn, and in the previous one. */
  private turnRequests = 0;
  private previousTurnRequests = 0;
  private readonly endTurn = () => {
    this.previousTurnMs = performance.now() - this.turnStartedAt;
    this.previousTurnRequests = this.turnRequests;
    this.turnStartedAt = -1;
    this.turnRequests = 0;
  };

  constructor(
    private readonly config: LoadSheddingConfig,
    private log?: Log,
  ) {
    const shedder = this;
    this.responseClosed = function responseClosed(this: ServerResponse & { [SLOT]?: Slot }) {
      const slot = this[SLOT];
      if (!slot) return;
      slot.responseClosed = true;
      shedder.releaseIfDone(slot);
    };
    this.body = JSON.stringify({
      type: 'https://platform.dev/problems/overloaded',
      title: 'Service Unavailable',
      status: 503,
      code: 'overloaded',
      detail: `The server is overloaded; retry after ${config.retryAfterSeconds} s`,
    });
  }

  get enabled(): boolean {
    const c = this.config;
    return c.maxInFlight > 0 || c.maxEventLoopDelayMs > 0 || c.maxTurnMs > 0 || c.maxHeapUsedBytes > 0;
  }

  /** Current readings, for tests and diagnostics. */
  stats(): { inFlight: number; eventLoopDelayMs: number; heapUsedBytes: number } {
    return { inFlight: this.inFlight, eventLoopDelayMs: this.delayMs, heapUsedBytes: this.heapUsed };
  }

  /**
   * Fastify's `serverFactory`: an HTTP server (with the options Fastify would give its own) whose requests pass
   * the shedder before Fastify sees them. Pair it with `install(app)` for the handler accounting.
   */
  serverFactory(): FastifyServerFactory {
    return (handler, opts) => {
      const o = opts as { http?: object; keepAliveTimeout?: number; requestTimeout?: number; connectionTimeout?: number; maxRequestsPerSocket?: number };
      const server = createServer(o.http ?? {}, (req, res) => {
        if (!this.enabled || this.admit(req, res)) handler(req, res);
      });
      if (o.keepAliveTimeout) server.keepAliveTimeout = o.keepAliveTimeout;
      if (o.requestTimeout) server.requestTimeout = o.requestTimeout;
      server.setTimeout(o.connectionTimeout ?? 0);
      if (o.maxRequestsPerSocket && o.maxRequestsPerSocket > 0) server.maxRequestsPerSocket = o.maxRequestsPerSocket;
      return server;
    };
  }

  /** Starts sampling, wraps the route handlers (a slot is held while one runs), and logs to `log` if given. */
  install(app: FastifyInstance, log?: Log): void {
    if (!this.enabled) return;
    if (log) this.log = log;
    this.start();
    app.addHook('onClose', (_app, done) => {
      this.stop();
      done();
    });
    app.addHook('onRoute', (route) => {
      route.handler = this.holdWhileRunning(route.handler);
    });
  }

  /** Wraps a route handler so that the request's slot is kept until the handler settles (no closure made unless it is async). */
  private holdWhileRunning(handler: RouteHandlerMethod): RouteHandlerMethod {
    const shedder = this;
    const call = handler as (this: unknown, req: FastifyRequest, reply: FastifyReply) => unknown;
    return function heldHandler(this: unknown, req: FastifyRequest, reply: FastifyReply) {
      const slot = (req.raw as WithSlot)[SLOT];
      if (!slot) return call.call(this, req, reply);
      slot.handlerRunning = true;
      let result: unknown;
      try {
        result = call.call(this, req, reply);
      } catch (err) {
        shedder.handlerSettled(slot);
        throw err;
      }
      if (result && typeof (result as PromiseLike<unknown>).then === 'function' && result !== reply) return (result as Promise<unknown>).finally(() => shedder.handlerSettled(slot));
      shedder.handlerSettled(slot);
      return result;
    } as RouteHandlerMethod;
  }

  private handlerSettled(slot: Slot): void {
    slot.handlerRunning = false;
    this.releaseIfDone(slot);
  }

  /** The response's `close` listener, one for all requests (`this` is the response). */
  private readonly responseClosed: (this: ServerResponse) => void;

  private releaseIfDone(slot: Slot): void {
    if (slot.released || !slot.responseClosed || slot.handlerRunning) return;
    slot.released = true;
    this.inFlight--;
  }

  /**
   * How many requests may be in flight now: `maxInFlight`, scaled down in proportion while the event loop is
   * later than `maxEventLoopDelayMs` (twice as late, half as many), never below 8.
   */
  admissionLimit(): number {
    const c = this.config;
    const base = c.maxInFlight > 0 ? c.maxInFlight : Number.POSITIVE_INFINITY;
    if (c.maxEventLoopDelayMs <= 0 || this.delayMs <= c.maxEventLoopDelayMs) return base;
    const scaled = (Number.isFinite(base) ? base : 256) * (c.maxEventLoopDelayMs / this.delayMs);
    return Math.max(MIN_IN_FLIGHT, Math.floor(scaled));
  }

  /** Why a request arriving now would be refused, or null. */
  reasonToRefuse(): ShedReason | null {
    const c = this.config;
    if (c.maxHeapUsedBytes > 0 && this.heapUsed > c.maxHeapUsedBytes) return 'heap';
    if (c.maxTurnMs > 0 && this.overTurnBudget(c.maxTurnMs)) return 'turn';
    if (this.inFlight < this.admissionLimit()) return null;
    return c.maxInFlight > 0 && this.inFlight >= c.maxInFlight ? 'in_flight' : 'event_loop_delay';
  }

  /**
   * Whether this turn has worked past the budget, the previous one too, and both read many requests: a backlog
   * of clients, not one heavy request (a large list, a report) or a browser's handful of parallel calls.
   */
  private overTurnBudget(maxTurnMs: number): boolean {
    const elapsed = this.turnElapsedMs();
    this.turnRequests++;
    return (
      elapsed > maxTurnMs &&
      this.turnRequests > MIN_REQUESTS_PER_BUSY_TURN &&
      this.previousTurnMs > maxTurnMs &&
      this.previousTurnRequests > MIN_REQUESTS_PER_BUSY_TURN
    );
  }

  /** How long the current event-loop turn has worked since it read its first API request. */
  private turnElapsedMs(): number {
    if (this.turnStartedAt >= 0) return performance.now() - this.turnStartedAt;
    this.turnStartedAt = performance.now();
    // Runs in the check phase, right after the poll phase that reads the sockets: the end of this turn.
    setImmediate(this.endTurn);
    return 0;
  }

  private skipping: Socket[] = [];
  private readonly resumeSkipped = () => {
    const sockets = this.skipping;
    this.skipping = [];
    for (const socket of sockets) if (!socket.destroyed) socket.resume();
  };

  /**
   * A client refused in this turn is not read in the next one: a client that retries at once, ignoring
   * `Retry-After`, waits one turn for its answer, and every turn has fewer requests to refuse (so it is shorter,
   * and new connections, one accepted per turn, get in sooner).
   */
  private skipNextTurn(socket: Socket): void {
    if (socket.isPaused()) return;
    socket.pause();
    // Scheduled from this turn's check phase, the resume runs in the next turn's: after its poll phase.
    if (this.skipping.length === 0) setImmediate(() => setImmediate(this.resumeSkipped));
    this.skipping.push(socket);
  }

  /** Lets the request through (true), or answers it 503 and returns false. */
  private admit(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? '';
    if (!url.startsWith(SHED_PREFIX)) return true;
    if (UNSHED_PATHS.has(url.split('?', 1)[0])) return true;
    const reason = this.reasonToRefuse();
    if (reason) {
      this.refusedSinceLog++;
      this.noteShedding(reason);
      res.writeHead(503, {
        'retry-after': String(this.config.retryAfterSeconds),
        'content-type': 'application/problem+json; charset=utf-8',
        'content-length': Buffer.byteLength(this.body),
      });
      res.end(this.body);
      // The request's body, if any, is left unread; Node discards it before the next request on the connection.
      this.skipNextTurn(req.socket);
      return false;
    }
    this.noteShedding(null);
    if (req.headers.accept?.includes('text/event-stream')) return true;
    this.inFlight++;
    const slot: Slot = { responseClosed: false, handlerRunning: false, released: false };
    (req as WithSlot)[SLOT] = slot;
    (res as ServerResponse & { [SLOT]?: Slot })[SLOT] = slot;
    res.on('close', this.responseClosed);
    return true;
  }

  /** Logs when shedding starts (at most every 10 s, with how many it refused since), not once per request. */
  private noteShedding(reason: ShedReason | null): void {
    if (reason === this.shedding) return;
    const now = Date.now();
    if (reason && !this.shedding && now - this.lastLogAt >= 10_000) {
      this.lastLogAt = now;
      this.log?.warn({ reason, refusedSinceLastReport: this.refusedSinceLog, limit: this.admissionLimit(), ...this.stats() }, 'overloaded: refusing requests with 503');
      this.refusedSinceLog = 0;
    }
    this.shedding = reason;
  }

  private start(): void {
    if (this.timer) return;
    if (this.config.maxEventLoopDelayMs > 0) {
      this.histogram = monitorEventLoopDelay({ resolution: 10 });
      this.histogram.enable();
    }
    this.timer = setInterval(() => this.sample(), this.config.sampleIntervalMs);
    this.timer.unref();
  }

  private sample(): void {
    let eventLoopDelayMs = 0;
    if (this.histogram) {
      // The worst delay since the last sample (ns → ms), the resolution of the monitor taken off.
      eventLoopDelayMs = Math.max(0, this.histogram.max / 1e6 - 10);
      this.histogram.reset();
    }
    this.observe({ eventLoopDelayMs, heapUsedBytes: this.config.maxHeapUsedBytes > 0 ? getHeapStatistics().used_heap_size : 0 });
  }

  /** Takes a reading (the sampler's, every `sampleIntervalMs`); decisions use the latest one. */
  observe(reading: { eventLoopDelayMs: number; heapUsedBytes: number }): void {
    this.delayMs = reading.eventLoopDelayMs;
    this.heapUsed = reading.heapUsedBytes;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.histogram?.disable();
    this.histogram = null;
  }
}

/** Reads `SHED_MAX_IN_FLIGHT`, `SHED_MAX_EVENT_LOOP_DELAY_MS`, `SHED_MAX_TURN_MS`, `SHED_MAX_HEAP_MB`, `SHED_RETRY_AFTER_SECONDS`. */
export function loadSheddingFromEnv(env: NodeJS.ProcessEnv): LoadSheddingConfig {
  const num = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number >= 0 (got "${raw}")`);
    return n;
  };
  const d = DEFAULT_LOAD_SHEDDING;
  return {
    maxInFlight: Math.floor(num('SHED_MAX_IN_FLIGHT', d.maxInFlight)),
    maxEventLoopDelayMs: num('SHED_MAX_EVENT_LOOP_DELAY_MS', d.maxEventLoopDelayMs),
    maxTurnMs: num('SHED_MAX_TURN_MS', d.maxTurnMs),
    maxHeapUsedBytes: Math.floor(num('SHED_MAX_HEAP_MB', d.maxHeapUsedBytes / 2 ** 20) * 2 ** 20),
    retryAfterSeconds: Math.max(1, Math.ceil(num('SHED_RETRY_AFTER_SECONDS', d.retryAfterSeconds))),
    sampleIntervalMs: d.sampleIntervalMs,
  };
}
