import { RE2JS } from 're2js';
import type { Constraint } from './constraint.ts';

/** A REGEX constraint's pattern that the linear-time engine cannot compile. */
export class RegexSyntaxError extends Error {
  constructor(pattern: string, reason: string) {
    super(`"${pattern}" is not a valid RE2 pattern: ${reason}`);
    this.name = 'RegexSyntaxError';
  }
}

/**
 * Compiles a REGEX constraint's pattern with RE2 (re2js): matching is linear in the input, so no
 * pattern can backtrack catastrophically. Backreferences and lookaround are not RE2 syntax and are
 * refused. Throws RegexSyntaxError.
 */
export function compileRegex(pattern: string, caseInsensitive: boolean): RE2JS {
  try {
    return RE2JS.compile(pattern, caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (error) {
    throw new RegexSyntaxError(pattern, error instanceof Error ? error.message : String(error));
  }
}

/** The compiled pattern per constraint object (definitions are immutable values); null when it does not compile. */
const compiled = new WeakMap<Constraint, RE2JS | null>();

/** Whether `actual` contains a match of the constraint's pattern (Unleash: `find`, not a full match). */
export function matchesRegex(constraint: Constraint, actual: string): boolean {
  let regex = compiled.get(constraint);
  if (regex === undefined) {
    const pattern = constraint.value ?? constraint.values?.[0];
    try {
      regex = pattern === undefined ? null : compileRegex(pattern, constraint.caseInsensitive === true);
    } catch {
      regex = null;
    }
    compiled.set(constraint, regex);
  }
  return regex !== null && regex.matcher(actual).find();
}
