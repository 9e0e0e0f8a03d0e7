/**
 * Whether an error means "the database cannot be reached right now" (as opposed to "this statement is
 * wrong"): the server is down, restarting, refusing connections, or our connection to it was cut. Such
 * errors answer 503 `database_unavailable` and feed the `DatabaseAvailability` tracker instead of being
 * logged as a stack per request.
 *
 * They surface in several shapes: node's socket errors (`ECONNREFUSED`, `ECONNRESET`), PostgreSQL's
 * SQLSTATEs (class `08` connection exceptions, `57P01` admin_shutdown, `57P02` crash_shutdown, `57P03`
 * cannot_connect_now, `53300` too_many_connections), node-postgres messages without a code ("Connection
 * terminated unexpectedly"), knex's pool acquire timeout, and MikroORM's `DriverException`, which copies
 * the driver error's fields. Wrapped errors are followed through `cause` and `AggregateError.errors`.
 */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const MESSAGES = [
  /connection terminated/i,
  /connection ended unexpectedly/i,
  /client has encountered a connection error and is not queryable/i,
  /client was closed and is not queryable/i,
  /timeout exceeded when trying to connect/i,
  /timeout acquiring a connection/i,
  /the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)/i,
  /terminating connection due to administrator command/i,
];

interface ErrorShape {
  code?: unknown;
  name?: unknown;
  type?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

export function isDatabaseUnavailableError(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as ErrorShape;
  const code = typeof e.code === 'string' ? e.code : null;
  // Socket codes only on the error itself: the driver throws node's socket error as it is, while fetch wraps
  // its own ("fetch failed", cause ECONNREFUSED), and a webhook that refuses is not the database.
  if (code && ((depth === 0 && SOCKET_CODES.has(code)) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (e.name === 'KnexTimeoutError' || e.type === 'KnexTimeoutError') return true;
  if (typeof e.message === 'string' && MESSAGES.some((re) => re.test(e.message as string))) return true;
  if (e.cause && isDatabaseUnavailableError(e.cause, depth + 1)) return true;
  // node's connect to a name with several addresses fails with an AggregateError of socket errors.
  if (depth === 0 && Array.isArray(e.errors)) return e.errors.some((inner) => isDatabaseUnavailableError(inner, 0));
  return false;
}

/** A one-line reason for logs: `ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:5432`, without the SQL the driver prefixes. */
export function describeDatabaseError(err: unknown): { code: string | null; reason: string } {
  const e = (err && typeof err === 'object' ? err : { message: String(err) }) as ErrorShape;
  const raw = typeof e.message === 'string' ? e.message : String(err);
  const cut = raw.lastIndexOf(' - ');
  const message = (cut >= 0 ? raw.slice(cut + 3) : raw).split('\n')[0].slice(0, 300);
  const code = typeof e.code === 'string' ? e.code : null;
  return { code, reason: message || (code ?? 'unknown') };
}
