/** Event-name patterns of notification rules mean what the kernel's do (`*` one segment, `**` zero or more). */
export { matchesEventPattern } from '@platform/sdk';

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
