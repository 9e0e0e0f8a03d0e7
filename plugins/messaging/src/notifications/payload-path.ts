const PATH = /^payload(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/** Why `path` is not a payload path (`payload.email`, `payload.owner.phone`), or null. */
export function payloadPathProblem(path: string): string | null {
  if (path.length > 200) return 'must be at most 200 characters';
  return PATH.test(path) ? null : 'must be a path into the event payload, such as payload.email or payload.owner.phone';
}

/**
 * The recipients a payload path names in an event's payload: a string, or the strings of an array.
 * Anything else (missing, a number, an object) names none.
 */
export function recipientsAtPath(payload: unknown, path: string): string[] {
  let value: unknown = payload;
  for (const key of path.split('.').slice(1)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, key)) return [];
    value = (value as Record<string, unknown>)[key];
  }
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}
