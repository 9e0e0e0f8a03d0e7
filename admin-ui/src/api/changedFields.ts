/** The fields of `next` whose value differs from `previous` (deep, by JSON value). */
export function changedFields(next: Record<string, unknown>, previous: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (key === 'id') continue;
    if (!sameValue(value, previous[key])) out[key] = value;
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // A cleared input ('' or undefined) equals a missing/null value.
  if ((a === '' || a == null) && b == null) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
