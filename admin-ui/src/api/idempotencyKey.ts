const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A random UUID v4; `crypto.randomUUID` exists only in secure contexts (https, localhost). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Gives a mutation an `Idempotency-Key` (one per call; a caller that retries passes its own key again), so a
 * request whose answer was lost can be sent again without doing the work twice.
 */
export function addIdempotencyKey(method: string | undefined, headers: Headers): Headers {
  if (MUTATIONS.has((method ?? 'GET').toUpperCase()) && !headers.has('Idempotency-Key')) headers.set('Idempotency-Key', newIdempotencyKey());
  return headers;
}
