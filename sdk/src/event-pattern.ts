/**
 * Event-name patterns with the same meaning as the kernel's event bus (eventemitter2 with `wildcard: true, delimiter: '.'`),
 * so a durable subscriber's pattern selects exactly the events an in-process `on()` would see:
 *
 * - `*` matches exactly one segment (`tenant.*` matches `tenant.created`, not `tenant.a.b`);
 * - `**` matches zero or more segments (`tenant.**` matches `tenant`, `tenant.created`, `tenant.a.b`).
 */
export function matchesEventPattern(pattern: string, name: string): boolean {
  return matchSegments(pattern.split('.'), 0, name.split('.'), 0);
}

function matchSegments(pattern: string[], p: number, name: string[], n: number): boolean {
  if (p === pattern.length) return n === name.length;
  const segment = pattern[p];
  if (segment === '**') {
    for (let skip = n; skip <= name.length; skip++) {
      if (matchSegments(pattern, p + 1, name, skip)) return true;
    }
    return false;
  }
  if (n === name.length) return false;
  if (segment !== '*' && segment !== name[n]) return false;
  return matchSegments(pattern, p + 1, name, n + 1);
}
