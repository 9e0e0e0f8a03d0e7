/**
 * Event-name patterns of notification rules, with the kernel's meaning (eventemitter2, delimiter `.`):
 * `*` matches exactly one segment (`tenant.*` matches `tenant.created`), `**` zero or more (`alert.**`).
 */
export function matchesEventPattern(pattern: string, name: string): boolean {
  return matchSegments(pattern.split('.'), 0, name.split('.'), 0);
}

function matchSegments(pattern: string[], p: number, name: string[], n: number): boolean {
  if (p === pattern.length) return n === name.length;
  const segment = pattern[p];
  if (segment === '**') {
    for (let skip = n; skip <= name.length; skip++) if (matchSegments(pattern, p + 1, name, skip)) return true;
    return false;
  }
  if (n === name.length) return false;
  if (segment !== '*' && segment !== name[n]) return false;
  return matchSegments(pattern, p + 1, name, n + 1);
}

const SEGMENT = /^(\*\*|\*|[A-Za-z0-9_:-]+)$/;

/** Why `pattern` is not a usable event pattern, or null: dot-separated names, `*` or `**` segments, 200 chars max. */
export function eventPatternProblem(pattern: string): string | null {
  if (pattern.length === 0) return 'must not be empty';
  if (pattern.length > 200) return 'must be at most 200 characters';
  for (const segment of pattern.split('.')) {
    if (!SEGMENT.test(segment)) return `segment "${segment}" must be a name (letters, digits, _ : -), * or **`;
  }
  return null;
}
