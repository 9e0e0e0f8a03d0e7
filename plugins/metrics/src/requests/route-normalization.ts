const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMERIC = /^\d+$/;
const EMAIL = /^[^@\s/]+@[^@\s/]+$/;
/** Long hex (hashes, object ids) or long opaque tokens. */
const HEX_ID = /^[0-9a-f]{16,}$/i;
const TOKEN = /^(?=.*\d)[A-Za-z0-9_-]{24,}$/;
const MAX_SEGMENTS = 8;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function placeholderOf(segment: string): string {
  const s = decode(segment);
  if (UUID.test(s) || NUMERIC.test(s)) return ':id';
  if (EMAIL.test(s)) return ':email';
  if (HEX_ID.test(s) || TOKEN.test(s)) return ':token';
  return segment;
}

/**
 * A path without ids, for requests no route matched (matched requests already carry their route
 * template): UUIDs and numeric ids become `:id`, emails `:email`, long hex ids and opaque tokens
 * `:token`. The query string goes, and paths deeper than 8 segments are cut with `/…`.
 */
export function normalizeRoute(path: string): string {
  const bare = path.split('?')[0].split('#')[0];
  const segments = bare.split('/').filter((s) => s !== '');
  const kept = segments.slice(0, MAX_SEGMENTS).map(placeholderOf);
  if (segments.length > MAX_SEGMENTS) kept.push('…');
  return '/' + kept.join('/');
}

/** `2xx`, `3xx`, `4xx`, `5xx` (anything else `other`). */
export function statusClass(statusCode: number): string {
  return statusCode >= 100 && statusCode < 600 ? `${Math.floor(statusCode / 100)}xx` : 'other';
}
