import { createHash } from 'node:crypto';
import { ProblemError, type Actor } from '@platform/sdk';

/** The request header a client sends on a mutation it may retry (IETF draft-ietf-httpapi-idempotency-key-header). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set on an answer replayed from the store rather than produced by running the route again. */
export const REPLAYED_HEADER = 'idempotent-replayed';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Printable ASCII, 1 to 255 characters (a UUID is the usual choice). */
const VALID_KEY = /^[\x20-\x7e]{1,255}$/;

export function isMutation(method: string): boolean {
  return MUTATING.has(method);
}

/** The request's `Idempotency-Key`, or null when it sent none; a 400 naming the header when it is malformed. */
export function readIdempotencyKey(headers: Record<string, string | string[] | undefined>): string | null {
  const raw = headers[IDEMPOTENCY_KEY_HEADER];
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !VALID_KEY.test(raw) || raw.trim() === '')
    throw new ProblemError(400, 'validation_failed', 'Header "Idempotency-Key" must be 1 to 255 printable ASCII characters, sent once', { field: 'Idempotency-Key' });
  return raw;
}

/** Keys belong to one caller in one tenant: nobody can replay (or block) another caller's answer. */
export function idempotencyScope(actor: Pick<Actor, 'type' | 'id'>, tenantId: string | null): string {
  return `${actor.type}:${actor.id}@${tenantId ?? '-'}`;
}

/** What must be equal for a retry to be "the same request": method, URL (path and query) and body. */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  const hash = createHash('sha256').update(method).update('\n').update(url).update('\n');
  if (body === undefined || body === null) hash.update('');
  else if (typeof body === 'string' || Buffer.isBuffer(body)) hash.update(body);
  else hash.update(JSON.stringify(body));
  return hash.digest('base64url');
}
