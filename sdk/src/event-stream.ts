import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** An open `text/event-stream` response (server-sent events). */
export interface EventStream {
  /** Sends one event; `data` is JSON-encoded. Ignored once the stream is closed. */
  send(event: string, data: unknown, id?: string | number): void;
  readonly closed: boolean;
  /** Runs when the stream closes, whoever closes it (client, server, lifetime, kernel shutdown). */
  onClose(fn: () => void): void;
  close(): void;
}

export interface EventStreamOptions {
  /** The client's reconnection delay (`retry:`), default 1,000 ms. */
  retryMs?: number;
  /** A comment line this often keeps proxies from closing an idle stream (default 15 s); `onHeartbeat` runs with it. */
  heartbeatMs?: number;
  onHeartbeat?: () => void;
  /** Ends the stream after this long, so the client reconnects and connections get rebalanced. */
  maxLifetimeMs?: number;
}

/** Open streams per HTTP server (every plugin's encapsulated instance shares it), so the kernel can end them first when it shuts down. */
const openStreams = new WeakMap<object, Set<EventStream>>();

/**
 * Takes over the reply and opens a server-sent events stream: the headers, `retry`, heartbeats, an
 * optional lifetime, and closing once from whichever side ends it.
 */
export function openEventStream(req: FastifyRequest, reply: FastifyReply, opts: EventStreamOptions = {}): EventStream {
  reply.hijack();
  const res = reply.raw;
  const head = req.method === 'HEAD';
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: head ? 'close' : 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': String(req.id),
  });
  // HEAD asks for the headers only: answer them and end, with a stream that is closed from the start (a route's
  // subscriptions run their close handlers at once, and nothing waits on a body that will never come).
  if (head) {
    res.end();
    return closedEventStream();
  }
  res.write(`retry: ${opts.retryMs ?? 1000}\n\n`);

  const closers: Array<() => void> = [];
  let open = openStreams.get(req.server.server);
  if (!open) openStreams.set(req.server.server, (open = new Set()));
  const registry = open;
  const heartbeat = setInterval(() => {
    if (stream.closed) return;
    res.write(': ping\n\n');
    opts.onHeartbeat?.();
  }, opts.heartbeatMs ?? 15_000);
  heartbeat.unref();
  const lifetime = opts.maxLifetimeMs ? setTimeout(() => stream.close(), opts.maxLifetimeMs) : null;
  lifetime?.unref();

  let closed = false;
  const stream: EventStream = {
    get closed() {
      return closed;
    },
    send(event, data, id) {
      if (closed) return;
      res.write(`${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    onClose(fn) {
      if (closed) fn();
      else closers.push(fn);
    },
    close() {
      if (closed) return;
      closed = true;
      registry.delete(stream);
      clearInterval(heartbeat);
      if (lifetime) clearTimeout(lifetime);
      for (const fn of closers.splice(0)) {
        try {
          fn();
        } catch (err) {
          req.log.warn({ err }, 'event stream close handler failed');
        }
      }
      if (!res.writableEnded) res.end();
    },
  };
  registry.add(stream);
  req.raw.on('close', () => stream.close());
  res.on('close', () => stream.close());
  return stream;
}

/** A stream that is already closed: sends nothing, runs close handlers at once. */
function closedEventStream(): EventStream {
  return {
    closed: true,
    send() {},
    onClose(fn) {
      fn();
    },
    close() {},
  };
}

/** Ends every event stream open on this server (the kernel calls it first when shutting down). */
export function endEventStreams(server: FastifyInstance): void {
  for (const stream of [...(openStreams.get(server.server) ?? [])]) stream.close();
}
